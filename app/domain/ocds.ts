/*
 * Open Contracting Data Standard 1.1 (SPEC "Public portal and open data"):
 * how a project's public events become OCDS releases, and the merge that
 * compiles them into a record. Pure: the facts are gathered by
 * app/queries/ocds.ts, the texts come in through `t` (always zh-CN).
 *
 * One release per event, with the id `{ocid}-{auditEventId}` (payments:
 * `{ocid}-payment-{feeRecordId}`): the audit log is append-only, so ids never
 * change. Every release is computed from the event's payload, the events
 * before it and the project's fixed data — never from the project's later
 * state — so a release reads the same today and in a year.
 */
import type { SelectionMethod } from '#domain/selection'
import { regionName } from '#domain/regions'
import { DISPLAY_ZONE } from '#domain/time_zone'
import { DateTime } from 'luxon'

export const OCDS_VERSION = '1.1'
/** Tenderers' quotes (after opening only) use the bid extension's `bids.details`. */
export const BID_EXTENSION_URL =
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json'
/**
 * org-id.guide lists China's Unified Social Credit Identifier (统一社会信用代码)
 * as CN-USCI (lists/cn/cn-usci.json of the org-id register).
 */
export const ORGANIZATION_SCHEME = 'CN-USCI'
/** The market's own catalog of service items (中介服务事项库); no registered scheme exists. */
export const ITEM_SCHEME = 'X-MSZJCS-ITEM'
export const CURRENCY = 'CNY'

/** Audit actions that are releases, and the tag each gets (tenders re-published are updates). */
export const RELEASE_ACTIONS = [
  'project.published', // tender (first) / tenderUpdate (re-publication after 流标)
  'project.cancelled', // tenderCancellation (终止公告)
  'project.failed', // tenderUpdate: tender.status unsuccessful (流标)
  'project.opened', // tenderUpdate: tenderers and their quotes (开标)
  'selection.direct_accepted', // tenderUpdate: the named agency's answer is the opening of a direct selection
  'project.publicity_started', // award: pending (中选公示)
  'project.reopened', // awardCancellation: an objection was upheld during publicity
  'project.awarded', // award: active (中选)
  'project.alternate_taken', // awardUpdate: the winner did not sign, the next alternate is awarded
  'contract.signed', // contract (合同签订)
  'contract.terminated', // contractTermination (合同解除)
] as const
export type ReleaseAction = (typeof RELEASE_ACTIONS)[number]

export type Json = Record<string, any>
export type Translate = (key: string, data?: Record<string, string>) => string

/**
 * OCDS mapping of the six selection methods.
 * - procurementMethod: every agency offering the item may respond (零门槛), so
 *   all competitive methods are `open`; direct selection names one agency: `direct`.
 * - awardCriteria (open codelist, 1.1 codes): lowest price → `priceOnly`;
 *   average price → `priceOnly` too (the quote is the only criterion; the
 *   winner is the quote closest to a drawn reference, said in the details);
 *   credit preferred → `qualityOnly` (the agency's credit decides, the quote
 *   is only capped by the ceiling); scored → `ratedCriteria` (published weights
 *   of price, credit, performance and plan). Random draw and direct selection
 *   evaluate nothing: no 1.1 code fits (`singleBidOnly` is deprecated), so
 *   awardCriteria is left out and awardCriteriaDetails says what happens.
 */
export const METHOD_MAPPING: Record<
  SelectionMethod,
  { procurementMethod: 'open' | 'direct'; awardCriteria: string | null }
> = {
  direct: { procurementMethod: 'direct', awardCriteria: null },
  random: { procurementMethod: 'open', awardCriteria: null },
  lowest_price: { procurementMethod: 'open', awardCriteria: 'priceOnly' },
  average_price: { procurementMethod: 'open', awardCriteria: 'priceOnly' },
  credit_preferred: { procurementMethod: 'open', awardCriteria: 'qualityOnly' },
  scored: { procurementMethod: 'open', awardCriteria: 'ratedCriteria' },
}

/** OCDS amounts are decimals: fen / 100 is correctly rounded, so its JSON text is exact. */
export function amountOfFen(fen: number) {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`Not a whole number of fen: ${fen}`)
  return fen / 100
}

export function valueOfFen(fen: number) {
  return { amount: amountOfFen(fen), currency: CURRENCY }
}

/** ¥1,234.56 — for texts inside releases and feeds. */
export function yuanText(fen: number) {
  const yuan = Math.floor(Math.abs(fen) / 100).toLocaleString('en-US')
  return `${fen < 0 ? '-' : ''}¥${yuan}.${String(Math.abs(fen) % 100).padStart(2, '0')}`
}

/** yyyy-MM-dd HH:mm in Beijing time, for texts. */
export function beijingTime(iso: string) {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(DISPLAY_ZONE).toFormat('yyyy-MM-dd HH:mm')
}

export function ocidOf(prefix: string, projectCode: string) {
  return `${prefix}-${projectCode}`
}

/** The project code of an ocid of this publisher, or null. */
export function projectCodeOf(prefix: string, ocid: string) {
  return ocid.startsWith(`${prefix}-`) ? ocid.slice(prefix.length + 1) : null
}

export type OcdsOrganization = { id: number; name: string; uscc: string; regionCode: string }

export type OcdsEvent = {
  id: number
  action: string
  /** ISO 8601 UTC, as recorded in the audit log. */
  date: string
  subjectType: string
  subjectId: string
  payload: Record<string, any>
}

export type OcdsProjectFacts = {
  project: {
    id: number
    code: string
    title: string
    description: string
    deliverables: string
    method: SelectionMethod
    ceilingPriceFen: number
    floorPriceFen: number | null
    minCreditGrade: string | null
    weights: Record<string, number> | null
  }
  item: { code: string; name: string }
  owner: OcdsOrganization
  attachments: { id: number; fileName: string; mime: string }[]
  /** The project's and its contracts' audit events of RELEASE_ACTIONS, in log order. */
  events: OcdsEvent[]
  /** Revealed bids only (quote_fen set at opening), every round. */
  bids: {
    id: number
    round: number
    organizationId: number
    quoteFen: number
    inDrawSeed: boolean
  }[]
  organizations: Map<number, OcdsOrganization>
  /** Signed (or later terminated) contracts: the public ones. */
  contracts: Map<
    number,
    {
      id: number
      organizationId: number
      priceFen: number
      timeLimitWorkingDays: number
      /** The end of the time limit counted in working days from signing (ISO), when known. */
      periodEnd: string | null
      terminationReason: string | null
    }
  >
  milestones: {
    id: number
    contractId: number
    title: string
    amountFen: number
    condition: string | null
  }[]
  /** Fee records of kind payment on public contracts. */
  payments: {
    id: number
    contractId: number
    milestoneId: number | null
    amountFen: number
    date: string
  }[]
}

export type OcdsContext = { ocidPrefix: string; baseUrl: string; t: Translate }

export type BuiltRelease = {
  source: { kind: 'event' | 'payment'; id: number }
  release: Json
}

export function partyIdOf(organization: Pick<OcdsOrganization, 'uscc'>) {
  return `${ORGANIZATION_SCHEME}-${organization.uscc}`
}

function reference(organization: OcdsOrganization) {
  return { id: partyIdOf(organization), name: organization.name }
}

function party(organization: OcdsOrganization, roles: string[], t: Translate) {
  return {
    id: partyIdOf(organization),
    name: organization.name,
    identifier: {
      scheme: ORGANIZATION_SCHEME,
      id: organization.uscc,
      legalName: organization.name,
    },
    address: { region: regionName(organization.regionCode, 'zh-CN'), countryName: t('country') },
    roles,
  }
}

type Part = {
  tag: string[]
  tender?: Json
  awards?: Json[]
  contracts?: Json[]
  bids?: Json
  parties?: Json[]
}

type Award = { id: string; organizationId: number; status: 'pending' | 'active' | 'cancelled' }

/** The round and awards as they stood at each event, folded in log order. */
class Fold {
  round = 1
  published = false
  awards: Award[] = []

  award(id: string) {
    return this.awards.find((award) => award.id === id) ?? null
  }

  current(status: Award['status']) {
    return this.awards.findLast((award) => award.status === status) ?? null
  }
}

/** Every release of one project, in order: its events and its payments. */
export function buildProjectReleases(facts: OcdsProjectFacts, context: OcdsContext) {
  const ocid = ocidOf(context.ocidPrefix, facts.project.code)
  const fold = new Fold()
  const built: BuiltRelease[] = []
  for (const step of timeline(facts)) {
    const part =
      step.kind === 'event'
        ? eventPart(step.event, facts, fold, context)
        : paymentPart(step.payment, facts, fold, context)
    const id =
      step.kind === 'event' ? `${ocid}-${step.event.id}` : `${ocid}-payment-${step.payment.id}`
    const date = step.kind === 'event' ? step.event.date : step.payment.date
    const parties = new Map<string, Json>()
    for (const entry of [
      party(facts.owner, ['buyer', 'procuringEntity'], context.t),
      ...(part.parties ?? []),
    ]) {
      parties.set(entry.id, entry)
    }
    const release: Json = {
      ocid,
      id,
      date,
      tag: part.tag,
      initiationType: 'tender',
      language: 'zh',
      parties: [...parties.values()],
      buyer: reference(facts.owner),
    }
    if (part.tender) release.tender = part.tender
    if (part.bids) release.bids = part.bids
    if (part.awards) release.awards = part.awards
    if (part.contracts) release.contracts = part.contracts
    built.push({
      source: {
        kind: step.kind,
        id: step.kind === 'event' ? step.event.id : step.payment.id,
      },
      release,
    })
  }
  return built
}

type Step =
  | { kind: 'event'; event: OcdsEvent }
  | { kind: 'payment'; payment: OcdsProjectFacts['payments'][number] }

/** Events in log order, each payment after the events up to its date. */
function timeline(facts: OcdsProjectFacts): Step[] {
  const steps: Step[] = []
  const payments = [...facts.payments].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id)
  let next = 0
  for (const event of [...facts.events].sort((a, b) => a.id - b.id)) {
    while (next < payments.length && payments[next].date < event.date) {
      steps.push({ kind: 'payment', payment: payments[next++] })
    }
    steps.push({ kind: 'event', event })
  }
  while (next < payments.length) steps.push({ kind: 'payment', payment: payments[next++] })
  return steps
}

/** The round a project was in at an event (the last publication before it). */
export function roundAt(events: OcdsEvent[], eventId: number) {
  let round = 1
  for (const event of events) {
    if (event.id > eventId) break
    if (event.action === 'project.published') round = Number(event.payload.round ?? round)
  }
  return round
}

function eventPart(event: OcdsEvent, facts: OcdsProjectFacts, fold: Fold, context: OcdsContext) {
  const { t } = context
  const code = facts.project.code
  const organization = (id: number) => facts.organizations.get(id)
  const quoteOf = (organizationId: number) =>
    facts.bids.find((bid) => bid.round === fold.round && bid.organizationId === organizationId)
  const newAward = (id: string, organizationId: number, status: Award['status'], date: string) => {
    fold.awards.push({ id, organizationId, status })
    const winner = organization(organizationId)
    const bid = quoteOf(organizationId)
    return {
      id,
      title: t('awardTitle'),
      status,
      date,
      ...(bid ? { value: valueOfFen(bid.quoteFen) } : {}),
      suppliers: winner ? [reference(winner)] : [],
    }
  }
  const supplierParty = (organizationId: number, supplier: boolean) => {
    const winner = organization(organizationId)
    return winner ? [party(winner, supplier ? ['tenderer', 'supplier'] : ['tenderer'], t)] : []
  }

  switch (event.action as ReleaseAction) {
    case 'project.published': {
      const first = !fold.published
      fold.published = true
      fold.round = Number(event.payload.round ?? fold.round)
      return {
        tag: [first ? 'tender' : 'tenderUpdate'],
        tender: fullTender(facts, event, context),
      } satisfies Part
    }
    case 'project.cancelled':
      return {
        tag: ['tenderCancellation'],
        tender: {
          id: code,
          status: 'cancelled',
          documents: [
            {
              id: `cancellation-${event.id}`,
              documentType: 'cancellationDetails',
              title: t('cancellationTitle'),
              description: String(event.payload.reason ?? ''),
              url: `${context.baseUrl}/projects/${facts.project.id}`,
              datePublished: event.date,
              language: 'zh',
            },
          ],
        },
      } satisfies Part
    case 'project.failed':
      return { tag: ['tenderUpdate'], tender: { id: code, status: 'unsuccessful' } } satisfies Part
    case 'project.opened':
    case 'selection.direct_accepted': {
      const bids = facts.bids.filter((bid) => bid.round === fold.round)
      const bidders = [...new Set(bids.map((bid) => bid.organizationId))]
        .map(organization)
        .filter((entry): entry is OcdsOrganization => entry !== undefined)
      return {
        tag: ['tenderUpdate'],
        tender: {
          id: code,
          numberOfTenderers: bids.length,
          tenderers: bidders.map(reference),
        },
        bids: {
          details: bids.map((bid) => {
            const bidder = organization(bid.organizationId)
            return {
              id: `bid-${bid.id}`,
              // Judged at opening: the bids whose receipts entered the draw seed were valid.
              status: bid.inDrawSeed ? 'valid' : 'disqualified',
              tenderers: bidder ? [reference(bidder)] : [],
              value: valueOfFen(bid.quoteFen),
            }
          }),
        },
        parties: bidders.map((bidder) => party(bidder, ['tenderer'], t)),
      } satisfies Part
    }
    case 'project.publicity_started': {
      const winnerId = Number(event.payload.winnerOrganizationId)
      const award = newAward(`award-${event.id}`, winnerId, 'pending', event.date)
      const until = event.payload.publicityEndsAt as string | undefined
      return {
        tag: ['award'],
        awards: [
          {
            ...award,
            ...(until ? { description: t('publicityUntil', { until: beijingTime(until) }) } : {}),
          },
        ],
        parties: supplierParty(winnerId, true),
      } satisfies Part
    }
    case 'project.reopened': {
      const pending = fold.current('pending')
      if (pending) pending.status = 'cancelled'
      const disqualified = event.payload.disqualifiedBidId
      return {
        tag: ['awardCancellation'],
        awards: pending ? [{ id: pending.id, status: 'cancelled' }] : [],
        ...(disqualified
          ? { bids: { details: [{ id: `bid-${disqualified}`, status: 'disqualified' }] } }
          : {}),
        parties: pending ? supplierParty(pending.organizationId, false) : [],
      } satisfies Part
    }
    case 'project.awarded': {
      const winnerId = Number(event.payload.winnerOrganizationId)
      const pending = fold.current('pending')
      if (pending && pending.organizationId === winnerId) {
        pending.status = 'active'
        return {
          tag: ['award'],
          tender: { id: code, status: 'complete' },
          awards: [{ id: pending.id, status: 'active', date: event.date }],
          parties: supplierParty(winnerId, true),
        } satisfies Part
      }
      return {
        tag: ['award'],
        tender: { id: code, status: 'complete' },
        awards: [newAward(`award-${event.id}`, winnerId, 'active', event.date)],
        parties: supplierParty(winnerId, true),
      } satisfies Part
    }
    case 'project.alternate_taken': {
      const previous = fold.current('active')
      if (previous) previous.status = 'cancelled'
      const alternateId = Number(event.payload.agencyId)
      return {
        tag: ['awardUpdate'],
        awards: [
          ...(previous ? [{ id: previous.id, status: 'cancelled' }] : []),
          newAward(`award-${event.id}`, alternateId, 'active', event.date),
        ],
        parties: [
          ...(previous ? supplierParty(previous.organizationId, false) : []),
          ...supplierParty(alternateId, true),
        ],
      } satisfies Part
    }
    case 'contract.signed': {
      const contract = facts.contracts.get(Number(event.subjectId))
      const id = `contract-${event.subjectId}`
      if (!contract) return { tag: ['contract'], contracts: [] } satisfies Part
      const milestones = facts.milestones.filter(
        (milestone) => milestone.contractId === contract.id
      )
      return {
        tag: ['contract'],
        contracts: [
          {
            id,
            awardID: awardIdOf(fold, contract.organizationId),
            title: t('contractTitle', { title: facts.project.title }),
            description: t('timeLimit', { days: String(contract.timeLimitWorkingDays) }),
            status: 'active',
            dateSigned: event.date,
            value: valueOfFen(contract.priceFen),
            period: {
              startDate: event.date,
              ...(contract.periodEnd ? { endDate: contract.periodEnd } : {}),
            },
            milestones: milestones.map((milestone) => ({
              id: `milestone-${milestone.id}`,
              title: milestone.title,
              // 'payment' (open codelist): the 1.1 'financing' code is about funding the process.
              type: 'payment',
              status: 'scheduled',
              description: milestone.condition
                ? `${yuanText(milestone.amountFen)}（${milestone.condition}）`
                : yuanText(milestone.amountFen),
            })),
          },
        ],
        parties: supplierParty(contract.organizationId, true),
      } satisfies Part
    }
    case 'contract.terminated': {
      const contract = facts.contracts.get(Number(event.subjectId))
      const reason = event.payload.reason ?? contract?.terminationReason
      return {
        tag: ['contractTermination'],
        contracts: [
          {
            id: `contract-${event.subjectId}`,
            awardID: awardIdOf(fold, contract?.organizationId ?? 0),
            status: 'terminated',
            ...(reason
              ? {
                  documents: [
                    {
                      id: `termination-${event.id}`,
                      title: t('terminationTitle'),
                      description: String(reason),
                      datePublished: event.date,
                      language: 'zh',
                    },
                  ],
                }
              : {}),
          },
        ],
      } satisfies Part
    }
  }
  return { tag: ['tenderUpdate'], tender: { id: code } } satisfies Part
}

/** The award a contract implements: the agency's last award that is not cancelled. */
function awardIdOf(fold: Fold, organizationId: number) {
  const award =
    fold.awards.findLast(
      (candidate) => candidate.organizationId === organizationId && candidate.status !== 'cancelled'
    ) ?? fold.awards.findLast((candidate) => candidate.organizationId === organizationId)
  return award?.id ?? fold.current('active')?.id ?? 'award'
}

function paymentPart(
  payment: OcdsProjectFacts['payments'][number],
  facts: OcdsProjectFacts,
  fold: Fold,
  context: OcdsContext
): Part {
  const contract = facts.contracts.get(payment.contractId)
  const agency = contract ? facts.organizations.get(contract.organizationId) : undefined
  return {
    tag: ['implementation'],
    // The payee is referenced, so it is among the release's parties (same roles as at signing).
    parties: agency ? [party(agency, ['tenderer', 'supplier'], context.t)] : [],
    contracts: [
      {
        id: `contract-${payment.contractId}`,
        awardID: awardIdOf(fold, contract?.organizationId ?? 0),
        implementation: {
          transactions: [
            {
              id: `payment-${payment.id}`,
              date: payment.date,
              value: valueOfFen(payment.amountFen),
              payer: reference(facts.owner),
              ...(agency ? { payee: reference(agency) } : {}),
            },
          ],
        },
        ...(payment.milestoneId
          ? {
              milestones: [
                { id: `milestone-${payment.milestoneId}`, status: 'met', dateMet: payment.date },
              ],
            }
          : {}),
      },
    ],
  }
}

/** The announcement as published (采购公告): everything fixed at publication. */
function fullTender(facts: OcdsProjectFacts, event: OcdsEvent, context: OcdsContext) {
  const { project, item } = facts
  const { t, baseUrl } = context
  const mapping = METHOD_MAPPING[project.method]
  const weights = project.weights
  const criteria =
    t(`awardCriteria.${project.method}`) +
    (project.method === 'scored' && weights
      ? t('scoredWeights', {
          price: String(weights.price ?? 0),
          credit: String(weights.credit ?? 0),
          performance: String(weights.performance ?? 0),
          plan: String(weights.plan ?? 0),
        })
      : '')
  return {
    id: project.code,
    title: project.title,
    description: project.deliverables
      ? `${project.description}\n${t('deliverables', { text: project.deliverables })}`
      : project.description,
    status: 'active',
    procuringEntity: reference(facts.owner),
    items: [
      {
        id: '1',
        description: item.name,
        classification: {
          scheme: ITEM_SCHEME,
          id: item.code,
          description: item.name,
          uri: `${baseUrl}/service-items/${encodeURIComponent(item.code)}`,
        },
        quantity: 1,
      },
    ],
    value: valueOfFen(project.ceilingPriceFen),
    ...(project.floorPriceFen !== null ? { minValue: valueOfFen(project.floorPriceFen) } : {}),
    procurementMethod: mapping.procurementMethod,
    procurementMethodDetails: t(`methods.${project.method}`),
    ...(mapping.awardCriteria ? { awardCriteria: mapping.awardCriteria } : {}),
    awardCriteriaDetails: criteria,
    mainProcurementCategory: 'services',
    submissionMethod: ['electronicSubmission'],
    submissionMethodDetails: t('submission'),
    tenderPeriod: {
      startDate: event.date,
      ...(event.payload.deadline
        ? { endDate: new Date(String(event.payload.deadline)).toISOString() }
        : {}),
    },
    ...(project.minCreditGrade
      ? { eligibilityCriteria: t('minCreditGrade', { grade: project.minCreditGrade }) }
      : {}),
    ...documentsOf(facts, event, baseUrl),
  }
}

/** The announcement's documents (fixed from publication on). */
function documentsOf(facts: OcdsProjectFacts, event: OcdsEvent, baseUrl: string) {
  if (facts.attachments.length === 0) return {}
  return {
    documents: facts.attachments.map((attachment) => ({
      id: `attachment-${attachment.id}`,
      documentType: 'biddingDocuments',
      title: attachment.fileName,
      url: `${baseUrl}/projects/${facts.project.id}/attachments/${attachment.id}`,
      format: attachment.mime,
      datePublished: event.date,
      language: 'zh',
    })),
  }
}

/*
 * Compiling a record (OCDS 1.1 merge, simplified): releases are merged in date
 * order; the release-level id, date and tag are not merged (omitWhenMerged);
 * an object merges key by key, the later value winning; null removes a field;
 * an array of objects that all have an id merges item by item on the id
 * (order of first appearance); any other array replaces the earlier one, as do
 * the wholeListMerge fields.
 */
const WHOLE_LIST_MERGE = new Set(['additionalIdentifiers', 'additionalClassifications'])
const OMIT_WHEN_MERGED = new Set(['id', 'date', 'tag'])

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function clone<T>(value: T): T {
  return structuredClone(value)
}

function mergeInto(target: Json, source: Json) {
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue
    if (value === null) {
      delete target[key]
    } else if (Array.isArray(value)) {
      const identified =
        !WHOLE_LIST_MERGE.has(key) &&
        value.length > 0 &&
        value.every((entry) => isObject(entry) && entry.id !== undefined && entry.id !== null)
      if (identified && Array.isArray(target[key])) {
        const merged: Json[] = target[key]
        for (const entry of value) {
          const existing = merged.find(
            (candidate) => isObject(candidate) && candidate.id === entry.id
          )
          if (existing) mergeInto(existing, entry)
          else merged.push(mergeInto({}, entry))
        }
      } else {
        target[key] = identified ? value.map((entry) => mergeInto({}, entry)) : clone(value)
      }
    } else if (isObject(value)) {
      target[key] = mergeInto(isObject(target[key]) ? target[key] : {}, value)
    } else {
      target[key] = value
    }
  }
  return target
}

/** The compiled release of a record: the releases merged, tagged `compiled`. */
export function compileReleases(ocid: string, releases: Json[]): Json {
  const ordered = [...releases].sort((a, b) => String(a.date).localeCompare(String(b.date)))
  const merged: Json = {}
  for (const release of ordered) {
    const fields = Object.fromEntries(
      Object.entries(release).filter(([key]) => !OMIT_WHEN_MERGED.has(key))
    )
    mergeInto(merged, fields)
  }
  const date = ordered.at(-1)?.date as string | undefined
  return { ...merged, ocid, id: `${ocid}-${date ?? 'empty'}`, date, tag: ['compiled'] }
}
