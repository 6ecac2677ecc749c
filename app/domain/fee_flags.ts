/*
 * Fee-record flags (SPEC "Payments and fee records"; seed 000 attachment 4:
 * 严禁分解收费、重复收费、扩大范围, 公布收费标准). Pure functions over the facts
 * of the fee records: no database, every rule with a worked example in
 * tests/unit/fee_flags.spec.ts. Amounts are integer fen.
 */
/** 收费类型: 政府定价 / 政府指导价 / 参考价 / 市场调节价 */
export const FEE_TYPES = ['government_priced', 'government_guided', 'reference', 'market'] as const
export type FeeType = (typeof FEE_TYPES)[number]

export type FeeRecordKind = 'payment' | 'refund' | 'failure'

export type FeeRecordFact = {
  id: number
  contractId: number
  milestoneId: number | null
  kind: FeeRecordKind
  amountFen: number
  occurredAt: Date
  /**
   * Who paid, when the record names a payment: the department of the paying
   * user (null: a user of no department), or undefined when nobody is named.
   */
  payerDepartmentId?: number | null
}

export type MilestoneFact = { id: number; contractId: number; amountFen: number }

/** The fee standard of the item, as of the version the project ran under. */
export type FeeStandard = { feeType: FeeType; feeMinFen: number | null; feeMaxFen: number | null }

/**
 * The contract compared with the item's service guide (app/domain/service_guide.ts):
 * whether the version it ran under publishes a fee basis, and the
 * deliverables outside the guide content (inflated) or guide content left
 * out (reduced).
 */
export type GuideComparison = { feeBasisPublished: boolean; inflated: string[]; reduced: string[] }

export type ContractFact = {
  id: number
  projectId: number
  priceFen: number
  fee: FeeStandard
  /** The department that commissioned the service (审批部门委托), if any. */
  commissioningDepartmentId?: number | null
  guide?: GuideComparison
}

/** A direct selection (直接选取) of an owner, with what it was worth and when it was made. */
export type DirectSelection = {
  projectId: number
  ownerOrganizationId: number
  serviceItemId: number
  amountFen: number
  at: Date
}

export type FeeFlag =
  | { code: 'overpaid'; paidFen: number; priceFen: number }
  | {
      code: 'outside_milestones'
      reason: 'no_milestone' | 'other_contract' | 'amount'
      milestoneAmountFen: number | null
    }
  | {
      code: 'price_out_of_bounds'
      priceFen: number
      feeType: FeeType
      feeMinFen: number | null
      feeMaxFen: number | null
    }
  | { code: 'paid_twice'; milestoneId: number }
  | { code: 'not_paid_by_department'; departmentId: number }
  | { code: 'fee_basis_missing'; feeType: FeeType }
  | { code: 'outside_fee_basis'; items: string[] }
  | { code: 'service_reduced'; items: string[] }
  | {
      code: 'split_selection'
      selectionCount: number
      totalFen: number
      thresholdFen: number
      windowDays: number
    }

export type FeeFlagCode = FeeFlag['code']
export const FEE_FLAG_CODES: FeeFlagCode[] = [
  'overpaid',
  'outside_milestones',
  'price_out_of_bounds',
  'paid_twice',
  'split_selection',
  'not_paid_by_department',
  'fee_basis_missing',
  'outside_fee_basis',
  'service_reduced',
]

/** Split selections are looked for within this many days (the rule). */
export const SPLIT_WINDOW_DAYS = 90
const DAY_MS = 86_400_000

/** Oldest first; records of the same moment in the order they were written. */
function chronological<T extends { occurredAt: Date; id: number }>(records: T[]) {
  return [...records].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id - b.id)
}

/**
 * 超额收费: going through a contract's records in time order, each payment
 * that leaves the net amount paid (payments less refunds) above the contract
 * price. Returns the net total paid after each such payment.
 */
export function overpayments(records: FeeRecordFact[], priceFen: number) {
  const flagged = new Map<number, number>()
  let paid = 0
  for (const record of chronological(records)) {
    if (record.kind === 'payment') paid += record.amountFen
    if (record.kind === 'refund') paid -= record.amountFen
    if (record.kind === 'payment' && paid > priceFen) flagged.set(record.id, paid)
  }
  return flagged
}

/**
 * A payment outside the milestones: none named, a milestone of another
 * contract, or an amount different from the milestone's.
 */
export function outsideMilestones(
  record: Pick<FeeRecordFact, 'contractId' | 'amountFen'>,
  milestone: MilestoneFact | undefined
): 'no_milestone' | 'other_contract' | 'amount' | null {
  if (!milestone) return 'no_milestone'
  if (milestone.contractId !== record.contractId) return 'other_contract'
  if (milestone.amountFen !== record.amountFen) return 'amount'
  return null
}

/**
 * 超出政府定价/指导价: a contract price below the minimum or above the
 * maximum of an item whose fee is set (政府定价) or guided (政府指导价) by
 * the government. Reference and market prices bind nobody.
 */
export function priceOutOfBounds(priceFen: number, fee: FeeStandard) {
  if (fee.feeType !== 'government_priced' && fee.feeType !== 'government_guided') return false
  if (fee.feeMinFen !== null && priceFen < fee.feeMinFen) return true
  if (fee.feeMaxFen !== null && priceFen > fee.feeMaxFen) return true
  return false
}

/**
 * 收费依据: the flags of a contract against its item's fee basis and guide.
 * A fee set or guided by the government (政府定价/指导价) with no published
 * basis is charged without one; deliverables outside the guide content are
 * charged outside the basis (扩大收费范围); guide content the contract leaves
 * out is paid for in full but not served (减少服务内容). Reference and market
 * prices need no published basis document.
 */
export function guideFlags(contract: Pick<ContractFact, 'fee' | 'guide'>): FeeFlag[] {
  const guide = contract.guide
  if (!guide) return []
  const flags: FeeFlag[] = []
  const governmentSet =
    contract.fee.feeType === 'government_priced' || contract.fee.feeType === 'government_guided'
  if (governmentSet && !guide.feeBasisPublished) {
    flags.push({ code: 'fee_basis_missing', feeType: contract.fee.feeType })
  }
  if (guide.inflated.length > 0) flags.push({ code: 'outside_fee_basis', items: guide.inflated })
  if (guide.reduced.length > 0) flags.push({ code: 'service_reduced', items: guide.reduced })
  return flags
}

/**
 * 重复收费: a payment on a milestone that is already paid — that is, whose
 * earlier payments were not refunded in full before this one.
 */
export function repeatedPayments(records: FeeRecordFact[]) {
  const flagged = new Set<number>()
  const held = new Map<number, number>()
  for (const record of chronological(records)) {
    if (record.milestoneId === null) continue
    const net = held.get(record.milestoneId) ?? 0
    if (record.kind === 'payment') {
      if (net > 0) flagged.add(record.id)
      held.set(record.milestoneId, net + record.amountFen)
    }
    if (record.kind === 'refund') held.set(record.milestoneId, net - record.amountFen)
  }
  return flagged
}

/**
 * 审批部门委托: the fee of a commissioned service is paid by the department
 * that commissioned it, never by the applicant. A payment made by anyone who
 * is not of that department says otherwise; a record naming no payer is left
 * to the other flags.
 */
export function notPaidByDepartment(
  record: Pick<FeeRecordFact, 'payerDepartmentId'>,
  contract: Pick<ContractFact, 'commissioningDepartmentId'> | undefined
) {
  const department = contract?.commissioningDepartmentId ?? null
  if (department === null || record.payerDepartmentId === undefined) return false
  return record.payerDepartmentId !== department
}

/**
 * 拆分规避: one owner selecting agencies for the same item directly, each
 * selection at or below the direct-selection threshold, several within
 * `windowDays` whose sum is above it — one need split to avoid open
 * selection. Returns, for each project caught, the largest such group.
 */
export function splitSelections(
  selections: DirectSelection[],
  thresholdFen: number,
  windowDays = SPLIT_WINDOW_DAYS
) {
  const caught = new Map<number, { selectionCount: number; totalFen: number }>()
  const groups = Map.groupBy(
    selections.filter((selection) => selection.amountFen <= thresholdFen),
    (selection) => `${selection.ownerOrganizationId}|${selection.serviceItemId}`
  )
  for (const group of groups.values()) {
    const sorted = [...group].sort(
      (a, b) => a.at.getTime() - b.at.getTime() || a.projectId - b.projectId
    )
    for (let start = 0; start < sorted.length; start++) {
      let end = start
      let totalFen = 0
      while (
        end < sorted.length &&
        sorted[end].at.getTime() - sorted[start].at.getTime() <= windowDays * DAY_MS
      ) {
        totalFen += sorted[end].amountFen
        end++
      }
      const selectionCount = end - start
      if (selectionCount < 2 || totalFen <= thresholdFen) continue
      for (const selection of sorted.slice(start, end)) {
        const known = caught.get(selection.projectId)
        if (!known || known.totalFen < totalFen) {
          caught.set(selection.projectId, { selectionCount, totalFen })
        }
      }
    }
  }
  return caught
}

export type FeeFacts = {
  records: FeeRecordFact[]
  contracts: Map<number, ContractFact>
  milestones: Map<number, MilestoneFact>
  directSelections: DirectSelection[]
  thresholdFen: number
}

/**
 * Every flag of every payment record. Contract-wide findings (price out of
 * bounds, split selections) are shown on each payment of the contract;
 * refunds and failures move no money to the agency and carry none.
 */
export function flagFeeRecords(facts: FeeFacts) {
  const flags = new Map<number, FeeFlag[]>()
  const add = (id: number, flag: FeeFlag) => flags.set(id, [...(flags.get(id) ?? []), flag])
  const split = splitSelections(facts.directSelections, facts.thresholdFen)

  for (const [contractId, records] of Map.groupBy(facts.records, (record) => record.contractId)) {
    const contract = facts.contracts.get(contractId)
    const overpaid = contract ? overpayments(records, contract.priceFen) : new Map()
    const repeated = repeatedPayments(records)
    const outOfBounds = contract ? priceOutOfBounds(contract.priceFen, contract.fee) : false
    const splitGroup = contract ? split.get(contract.projectId) : undefined
    const againstGuide = contract ? guideFlags(contract) : []

    for (const record of chronological(records)) {
      if (record.kind !== 'payment') continue
      if (overpaid.has(record.id)) {
        add(record.id, {
          code: 'overpaid',
          paidFen: overpaid.get(record.id),
          priceFen: contract!.priceFen,
        })
      }
      const milestone =
        record.milestoneId === null ? undefined : facts.milestones.get(record.milestoneId)
      const outside = outsideMilestones(record, milestone)
      if (outside) {
        add(record.id, {
          code: 'outside_milestones',
          reason: outside,
          milestoneAmountFen: milestone?.amountFen ?? null,
        })
      }
      if (outOfBounds) {
        add(record.id, {
          code: 'price_out_of_bounds',
          priceFen: contract!.priceFen,
          ...contract!.fee,
        })
      }
      if (repeated.has(record.id)) {
        add(record.id, { code: 'paid_twice', milestoneId: record.milestoneId! })
      }
      if (notPaidByDepartment(record, contract)) {
        add(record.id, {
          code: 'not_paid_by_department',
          departmentId: contract!.commissioningDepartmentId!,
        })
      }
      if (splitGroup) {
        add(record.id, {
          code: 'split_selection',
          ...splitGroup,
          thresholdFen: facts.thresholdFen,
          windowDays: SPLIT_WINDOW_DAYS,
        })
      }
      for (const flag of againstGuide) add(record.id, flag)
    }
  }
  return flags
}
