/*
 * 收费记录 for regulators: every fee record with the facts its flags are
 * computed from, gathered in four queries whatever the number of records
 * (records with their contract, item bounds and milestone; the owners'
 * direct selections; their contracts; the rules in force). Flags need each
 * contract's whole history, so they are computed over every record of the
 * selection and the page is cut afterwards — fine for the 10^5 records a
 * city sees in years; a national scale would store flags when writing.
 */
import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import { toInstantDate, type InstantLike } from '#domain/time_zone'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import {
  flagFeeRecords,
  type ContractFact,
  type DirectSelection,
  type FeeFlag,
  type FeeRecordFact,
  type FeeRecordKind,
  type GuideComparison,
  type MilestoneFact,
} from '#domain/fee_flags'
import type { FeeType } from '#models/service_item'
import { rulesInForce } from '#services/market_rules'
import { parseGuide, scopeDifferences } from '#domain/service_guide'
import { clock } from '#services/clock'

export type FeeRecordRow = {
  id: number
  contractId: number
  projectId: number
  projectCode: string
  ownerOrganizationId: number
  ownerName: string
  agencyName: string
  itemCode: string
  itemName: string
  milestoneId: number | null
  milestoneTitle: string | null
  paymentId: number | null
  kind: FeeRecordKind
  amountFen: number
  stripeObjectId: string | null
  occurredAt: Date
  flags: FeeFlag[]
}

export type FeeRecordFilters = { flagged?: boolean; item?: string }

const number = (value: unknown) => (value === null || value === undefined ? null : Number(value))

/** Timestamps come back as Date (MySQL) or 'yyyy-MM-dd HH:mm:ss' UTC text (SQLite). */
function utc(value: unknown) {
  return toInstantDate(value as InstantLike)!
}

/**
 * The contract against its item's service guide: the fee basis published or
 * not, and the deliverables outside or missing from the guide content. An
 * item version from before guides (no guide) is compared with nothing.
 */
function guideComparison(stored: string | null, fieldValues: string): GuideComparison | undefined {
  if (!stored) return undefined
  const guide = parseGuide(stored)
  const { deliverables } = JSON.parse(fieldValues) as { deliverables?: string }
  return {
    feeBasisPublished: guide.feeBasis !== null,
    ...scopeDifferences(guide.content, deliverables ?? ''),
  }
}

/** Every fee record matching the filters, newest first, with its flags. */
export async function feeRecordsWithFlags(
  filters: FeeRecordFilters,
  client: QueryClientContract = db.connection()
): Promise<FeeRecordRow[]> {
  const rows: {
    id: SqlInteger
    contract_id: SqlInteger
    milestone_id: SqlInteger | null
    payment_id: SqlInteger | null
    kind: FeeRecordKind
    amount_fen: SqlInteger
    stripe_object_id: string | null
    occurred_at: SqlTimestamp
    price_fen: SqlInteger
    project_id: SqlInteger
    owner_organization_id: SqlInteger
    project_code: string
    service_item_id: SqlInteger
    item_code: string
    item_name: string
    fee_type: string
    fee_min_fen: SqlInteger | null
    fee_max_fen: SqlInteger | null
    owner_name: string
    agency_name: string
    milestone_contract_id: SqlInteger | null
    milestone_amount_fen: SqlInteger | null
    milestone_title: string | null
    commissioning_department_id: SqlInteger | null
    payer_department_id: SqlInteger | null
    payer_user_id: SqlInteger | null
    guide: string | null
    field_values: string
  }[] = await client
    .from('fee_records as f')
    .join('contracts as c', 'c.id', 'f.contract_id')
    .join('projects as p', 'p.id', 'c.project_id')
    .join('service_items as i', 'i.id', 'p.service_item_id')
    .leftJoin('service_item_versions as v', (join) => {
      join
        .on('v.service_item_id', '=', 'p.service_item_id')
        .andOn('v.version', '=', 'p.service_item_version')
    })
    .join('organizations as o', 'o.id', 'c.owner_organization_id')
    .join('organizations as a', 'a.id', 'c.agency_organization_id')
    .leftJoin('milestones as m', 'm.id', 'f.milestone_id')
    .leftJoin('payments as pay', 'pay.id', 'f.payment_id')
    .leftJoin('users as payer', 'payer.id', 'pay.created_by_user_id')
    .if(filters.item, (query) => query.where('i.code', filters.item!))
    .select(
      'f.id',
      'f.contract_id',
      'f.milestone_id',
      'f.payment_id',
      'f.kind',
      'f.amount_fen',
      'f.stripe_object_id',
      'f.occurred_at',
      'c.price_fen',
      'c.project_id',
      'c.owner_organization_id',
      'p.code as project_code',
      'p.service_item_id',
      'i.code as item_code',
      'i.name as item_name',
      // The fee standard of the version the project ran under (the current one if none).
      db.raw('coalesce(v.fee_type, i.fee_type) as fee_type'),
      db.raw('case when v.id is null then i.fee_min_fen else v.fee_min_fen end as fee_min_fen'),
      db.raw('case when v.id is null then i.fee_max_fen else v.fee_max_fen end as fee_max_fen'),
      'o.name as owner_name',
      'a.name as agency_name',
      'm.contract_id as milestone_contract_id',
      'm.amount_fen as milestone_amount_fen',
      'm.title as milestone_title',
      'p.commissioning_department_id',
      'payer.department_id as payer_department_id',
      'payer.id as payer_user_id',
      // The guide of the version the project ran under, and the contract's deliverables.
      db.raw('case when v.id is null then i.guide else v.guide end as guide'),
      'c.field_values'
    )

  const records: FeeRecordFact[] = []
  const contracts = new Map<number, ContractFact>()
  const milestones = new Map<number, MilestoneFact>()
  for (const row of rows) {
    records.push({
      id: Number(row.id),
      contractId: Number(row.contract_id),
      milestoneId: number(row.milestone_id),
      kind: row.kind,
      amountFen: Number(row.amount_fen),
      occurredAt: utc(row.occurred_at),
      payerDepartmentId: row.payer_user_id === null ? undefined : number(row.payer_department_id),
    })
    contracts.set(Number(row.contract_id), {
      id: Number(row.contract_id),
      projectId: Number(row.project_id),
      priceFen: Number(row.price_fen),
      commissioningDepartmentId: number(row.commissioning_department_id),
      fee: {
        feeType: row.fee_type as FeeType,
        feeMinFen: number(row.fee_min_fen),
        feeMaxFen: number(row.fee_max_fen),
      },
      guide: guideComparison(row.guide, row.field_values),
    })
    if (row.milestone_id !== null) {
      milestones.set(Number(row.milestone_id), {
        id: Number(row.milestone_id),
        contractId: Number(row.milestone_contract_id),
        amountFen: Number(row.milestone_amount_fen),
      })
    }
  }

  const pairs = rows.map((row) => ({
    owner: Number(row.owner_organization_id),
    item: Number(row.service_item_id),
  }))
  const { rules } = await rulesInForce(clock.now(), client)
  const flags = flagFeeRecords({
    records,
    contracts,
    milestones,
    directSelections: await directSelectionsOf(pairs, client),
    thresholdFen: rules.directSelectionThresholdFen,
  })

  const result = rows.map((row) => ({
    id: Number(row.id),
    contractId: Number(row.contract_id),
    projectId: Number(row.project_id),
    projectCode: row.project_code,
    ownerOrganizationId: Number(row.owner_organization_id),
    ownerName: row.owner_name,
    agencyName: row.agency_name,
    itemCode: row.item_code,
    itemName: row.item_name,
    milestoneId: number(row.milestone_id),
    milestoneTitle: row.milestone_title ?? null,
    paymentId: number(row.payment_id),
    kind: row.kind as FeeRecordKind,
    amountFen: Number(row.amount_fen),
    stripeObjectId: row.stripe_object_id,
    occurredAt: utc(row.occurred_at),
    flags: flags.get(Number(row.id)) ?? [],
  }))
  return result
    .filter((row) => !filters.flagged || row.flags.length > 0)
    .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || b.id - a.id)
}

/**
 * The direct selections (直接选取) of the owners and items concerned: each
 * worth its contract's price (the latest contract still standing), or the
 * ceiling price while none is signed, dated by its publication.
 */
async function directSelectionsOf(
  pairs: { owner: number; item: number }[],
  client: QueryClientContract
): Promise<DirectSelection[]> {
  if (pairs.length === 0) return []
  const owners = [...new Set(pairs.map((pair) => pair.owner))]
  const items = [...new Set(pairs.map((pair) => pair.item))]
  const wanted = new Set(pairs.map((pair) => `${pair.owner}|${pair.item}`))
  const projects: {
    id: SqlInteger
    owner_organization_id: SqlInteger
    service_item_id: SqlInteger
    ceiling_price_fen: SqlInteger
    published_at: SqlTimestamp | null
    created_at: SqlTimestamp
  }[] = await client
    .from('projects')
    .where('method', 'direct')
    .whereNotIn('status', ['draft', 'cancelled', 'failed'])
    .whereIn('owner_organization_id', owners)
    .whereIn('service_item_id', items)
    .select(
      'id',
      'owner_organization_id',
      'service_item_id',
      'ceiling_price_fen',
      'published_at',
      'created_at'
    )
  const ofInterest = projects.filter((project) =>
    wanted.has(`${project.owner_organization_id}|${project.service_item_id}`)
  )
  if (ofInterest.length === 0) return []
  const contractRows = await client
    .from('contracts')
    .whereIn(
      'project_id',
      ofInterest.map((project) => Number(project.id))
    )
    .whereNotIn('status', ['expired', 'refused'])
    .orderBy('id')
    .select('project_id', 'price_fen')
  const priceOf = new Map<number, number>()
  for (const row of contractRows) priceOf.set(Number(row.project_id), Number(row.price_fen))
  return ofInterest.map((project) => ({
    projectId: Number(project.id),
    ownerOrganizationId: Number(project.owner_organization_id),
    serviceItemId: Number(project.service_item_id),
    amountFen: priceOf.get(Number(project.id)) ?? Number(project.ceiling_price_fen),
    at: utc(project.published_at ?? project.created_at),
  }))
}

/** One page of a list already in memory. */
export function pageOf<T>(rows: T[], page: number, perPage: number) {
  return {
    data: rows.slice((page - 1) * perPage, page * perPage),
    meta: { total: rows.length, page, perPage },
  }
}
