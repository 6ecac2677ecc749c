/*
 * The facts OCDS releases are built from (see app/domain/ocds.ts): a page of
 * release sources — audit events of RELEASE_ACTIONS and payments on public
 * contracts, in date order — and, for a set of projects, everything public
 * about them. A fixed number of queries whatever the number of projects.
 */
import type { SqlBoolean, SqlInteger, SqlTimestamp } from '#services/sql_rows'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import {
  RELEASE_ACTIONS,
  buildProjectReleases,
  type BuiltRelease,
  type OcdsContext,
  type OcdsEvent,
  type OcdsOrganization,
  type OcdsProjectFacts,
} from '#domain/ocds'
import { addWorkingDays } from '#domain/working_days'
import { DISPLAY_ZONE } from '#domain/time_zone'
import type { SelectionMethod } from '#models/project'
import { calendarExceptions } from '#services/calendar'
import { sqlTime } from '#services/sql_time'

/** Contracts whose notice is public (合同公示): signed, and later terminated. */
export const PUBLIC_CONTRACT_STATUSES = ['signed', 'terminated']

/** Timestamps come back as Date (MySQL) or 'yyyy-MM-dd HH:mm:ss' UTC text (SQLite). */
export function isoOf(value: unknown) {
  if (value instanceof Date) return value.toISOString()
  const text = String(value)
  const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text.replace(' ', 'T')}Z`
  return new Date(zoned).toISOString()
}

export type ReleaseSource = { kind: 'event' | 'payment'; id: number }

/**
 * Every release source since a moment, as one ordered list: audit events and
 * payments sorted together by time (to the second), then events first, then id.
 * The sort keys are computed the same way on SQLite and MySQL.
 */
function releaseSources(since: Date | undefined) {
  const events = db
    .from('audit_events')
    .whereIn('action', [...RELEASE_ACTIONS])
    .if(since, (query) => query.where('occurred_at', '>=', since!.toISOString()))
    .select(
      db.raw(`'event' as source`),
      'id',
      db.raw('cast(substr(occurred_at, 1, 19) as char) as sort_key')
    )
  const payments = db
    .from('fee_records')
    .where('kind', 'payment')
    .whereIn('contract_id', (query) =>
      query.from('contracts').whereIn('status', PUBLIC_CONTRACT_STATUSES).select('id')
    )
    .if(since, (query) => query.where('occurred_at', '>=', sqlTime(since!)))
    .select(
      db.raw(`'payment' as source`),
      'id',
      db.raw(`replace(cast(occurred_at as char), ' ', 'T') as sort_key`)
    )
  // `select … union all select …` (no parentheses around the parts: SQLite refuses them).
  return events.unionAll(payments).as('sources')
}

/** One page of release sources and the total, two queries. */
export async function releaseSourcePage(filters: { since?: Date; page: number; perPage: number }) {
  const [{ total }] = await db.from(releaseSources(filters.since)).count('* as total')
  const rows = await db
    .from(releaseSources(filters.since))
    .select('source', 'id')
    .orderBy('sort_key')
    .orderBy('source')
    .orderBy('id')
    .limit(filters.perPage)
    .offset((filters.page - 1) * filters.perPage)
  const sources: ReleaseSource[] = (rows as { source: string; id: SqlInteger }[]).map((row) => ({
    kind: row.source === 'payment' ? 'payment' : 'event',
    id: Number(row.id),
  }))
  return { sources, total: Number(total) }
}

/** The projects a list of release sources belong to, in at most three queries. */
export async function projectIdsOfSources(sources: ReleaseSource[]) {
  const eventIds = sources.filter((source) => source.kind === 'event').map((source) => source.id)
  const paymentIds = sources
    .filter((source) => source.kind === 'payment')
    .map((source) => source.id)
  const events: { subject_type: string; subject_id: string }[] = eventIds.length
    ? await db.from('audit_events').whereIn('id', eventIds).select('subject_type', 'subject_id')
    : []
  const contractIds = [
    ...events.filter((row) => row.subject_type === 'contract').map((row) => Number(row.subject_id)),
  ]
  const contracts: { project_id: SqlInteger }[] = contractIds.length
    ? await db.from('contracts').whereIn('id', contractIds).select('project_id')
    : []
  const payments: { project_id: SqlInteger }[] = paymentIds.length
    ? await db
        .from('fee_records as f')
        .join('contracts as c', 'c.id', 'f.contract_id')
        .whereIn('f.id', paymentIds)
        .select('c.project_id')
    : []
  const ids = new Set<number>([
    ...events.filter((row) => row.subject_type === 'project').map((row) => Number(row.subject_id)),
    ...contracts.map((row) => Number(row.project_id)),
    ...payments.map((row) => Number(row.project_id)),
  ])
  return [...ids].filter((id) => Number.isInteger(id))
}

/** The organisation columns a query selects under a prefix ('owner_id', 'owner_name'…). */
type OrganizationColumns<P extends string> = Record<`${P}_id`, SqlInteger> &
  Record<`${P}_name` | `${P}_uscc` | `${P}_region`, string>

function organizationOf<P extends 'owner' | 'agency'>(
  row: OrganizationColumns<P>,
  prefix: P
): OcdsOrganization {
  const columns: Record<string, unknown> = row
  return {
    id: Number(columns[`${prefix}_id`]),
    name: String(columns[`${prefix}_name`]),
    uscc: String(columns[`${prefix}_uscc`]),
    regionCode: String(columns[`${prefix}_region`]),
  }
}

/**
 * Everything public about some projects (never drafts), keyed by project id:
 * nine queries. Bids appear only once revealed at an opening (their quote is
 * then set); contracts only once signed.
 */
type ProjectRow = OrganizationColumns<'owner'> & {
  id: SqlInteger
  code: string
  title: string
  description: string
  deliverables: string
  method: string
  ceiling_price_fen: SqlInteger
  floor_price_fen: SqlInteger | null
  min_credit_grade: string | null
  weights: string | null
  item_code: string
  item_current_name: string
  item_name: string | null
}
type ContractRow = OrganizationColumns<'agency'> & {
  id: SqlInteger
  project_id: SqlInteger
  price_fen: SqlInteger
  field_values: string
  signed_at: SqlTimestamp | null
  termination_reason: string | null
}
type BidRow = OrganizationColumns<'agency'> & {
  id: SqlInteger
  project_id: SqlInteger
  round: SqlInteger
  quote_fen: SqlInteger
  in_draw_seed: SqlBoolean
}
type EventRow = {
  id: SqlInteger
  action: string
  occurred_at: SqlTimestamp
  subject_type: string
  subject_id: string
  payload: string
}

export async function projectFacts(projectIds: number[]) {
  const facts = new Map<number, OcdsProjectFacts>()
  if (projectIds.length === 0) return facts
  const projects: ProjectRow[] = await db
    .from('projects as p')
    .join('service_items as i', 'i.id', 'p.service_item_id')
    // The item as it stood when the project was posted.
    .leftJoin('service_item_versions as v', (join) =>
      join
        .on('v.service_item_id', '=', 'p.service_item_id')
        .andOn('v.version', '=', 'p.service_item_version')
    )
    .join('organizations as o', 'o.id', 'p.owner_organization_id')
    .whereIn('p.id', projectIds)
    .whereNot('p.status', 'draft')
    .select(
      'p.id',
      'p.code',
      'p.title',
      'p.description',
      'p.deliverables',
      'p.method',
      'p.ceiling_price_fen',
      'p.floor_price_fen',
      'p.min_credit_grade',
      'p.weights',
      'i.code as item_code',
      'i.name as item_current_name',
      'v.name as item_name',
      'o.id as owner_id',
      'o.name as owner_name',
      'o.uscc as owner_uscc',
      'o.region_code as owner_region'
    )
  const ids = projects.map((row) => Number(row.id))
  if (ids.length === 0) return facts

  const [attachments, contracts, bids]: [
    { id: SqlInteger; project_id: SqlInteger; file_name: string; file_mime: string }[],
    ContractRow[],
    BidRow[],
  ] = await Promise.all([
    db
      .from('project_attachments')
      .whereIn('project_id', ids)
      .orderBy('id')
      .select('id', 'project_id', 'file_name', 'file_mime'),
    db
      .from('contracts as c')
      .join('organizations as a', 'a.id', 'c.agency_organization_id')
      .whereIn('c.project_id', ids)
      .whereIn('c.status', PUBLIC_CONTRACT_STATUSES)
      .select(
        'c.id',
        'c.project_id',
        'c.price_fen',
        'c.field_values',
        'c.signed_at',
        'c.termination_reason',
        'a.id as agency_id',
        'a.name as agency_name',
        'a.uscc as agency_uscc',
        'a.region_code as agency_region'
      ),
    db
      .from('bids as b')
      .join('organizations as a', 'a.id', 'b.organization_id')
      .whereIn('b.project_id', ids)
      .where('b.status', 'active')
      .whereNotNull('b.quote_fen')
      .orderBy('b.id')
      .select(
        'b.id',
        'b.project_id',
        'b.round',
        'b.quote_fen',
        'b.in_draw_seed',
        'a.id as agency_id',
        'a.name as agency_name',
        'a.uscc as agency_uscc',
        'a.region_code as agency_region'
      ),
  ])
  const contractIds = contracts.map((row) => Number(row.id))
  const [projectEvents, contractEvents, milestones, payments, periodEnds]: [
    EventRow[],
    EventRow[],
    {
      id: SqlInteger
      contract_id: SqlInteger
      title: string
      amount_fen: SqlInteger
      condition: string
    }[],
    {
      id: SqlInteger
      contract_id: SqlInteger
      milestone_id: SqlInteger | null
      amount_fen: SqlInteger
      occurred_at: SqlTimestamp
    }[],
    Map<number, string>,
  ] = await Promise.all([
    db
      .from('audit_events')
      .where('subject_type', 'project')
      .whereIn('subject_id', ids.map(String))
      .whereIn('action', [...RELEASE_ACTIONS])
      .select('id', 'action', 'occurred_at', 'subject_type', 'subject_id', 'payload'),
    contractIds.length
      ? db
          .from('audit_events')
          .where('subject_type', 'contract')
          .whereIn('subject_id', contractIds.map(String))
          .whereIn('action', [...RELEASE_ACTIONS])
          .select('id', 'action', 'occurred_at', 'subject_type', 'subject_id', 'payload')
      : [],
    contractIds.length
      ? db
          .from('milestones')
          .whereIn('contract_id', contractIds)
          .orderBy('contract_id')
          .orderBy('position')
          .select('id', 'contract_id', 'title', 'amount_fen', 'condition')
      : [],
    contractIds.length
      ? db
          .from('fee_records')
          .whereIn('contract_id', contractIds)
          .where('kind', 'payment')
          .select('id', 'contract_id', 'milestone_id', 'amount_fen', 'occurred_at')
      : [],
    contractPeriodEnds(contracts),
  ])

  const projectOfContract = new Map<number, number>(
    contracts.map((row) => [Number(row.id), Number(row.project_id)])
  )
  for (const row of projects) {
    const owner = organizationOf(row, 'owner')
    facts.set(Number(row.id), {
      project: {
        id: Number(row.id),
        code: row.code,
        title: row.title,
        description: row.description,
        deliverables: row.deliverables,
        method: row.method as SelectionMethod,
        ceilingPriceFen: Number(row.ceiling_price_fen),
        floorPriceFen: row.floor_price_fen === null ? null : Number(row.floor_price_fen),
        minCreditGrade: row.min_credit_grade,
        weights: row.weights ? JSON.parse(row.weights) : null,
      },
      item: { code: row.item_code, name: row.item_name ?? row.item_current_name },
      owner,
      attachments: [],
      events: [],
      bids: [],
      organizations: new Map([[owner.id, owner]]),
      contracts: new Map(),
      milestones: [],
      payments: [],
    })
  }
  for (const row of attachments) {
    facts.get(Number(row.project_id))?.attachments.push({
      id: Number(row.id),
      fileName: row.file_name,
      mime: row.file_mime,
    })
  }
  for (const row of bids) {
    const entry = facts.get(Number(row.project_id))
    if (!entry) continue
    const agency = organizationOf(row, 'agency')
    entry.organizations.set(agency.id, agency)
    entry.bids.push({
      id: Number(row.id),
      round: Number(row.round),
      organizationId: agency.id,
      quoteFen: Number(row.quote_fen),
      inDrawSeed: Boolean(row.in_draw_seed),
    })
  }
  for (const row of contracts) {
    const entry = facts.get(Number(row.project_id))
    if (!entry) continue
    const agency = organizationOf(row, 'agency')
    entry.organizations.set(agency.id, agency)
    entry.contracts.set(Number(row.id), {
      id: Number(row.id),
      organizationId: agency.id,
      priceFen: Number(row.price_fen),
      timeLimitWorkingDays: Number(JSON.parse(row.field_values).timeLimitWorkingDays),
      periodEnd: periodEnds.get(Number(row.id)) ?? null,
      terminationReason: row.termination_reason,
    })
  }
  for (const row of [...projectEvents, ...contractEvents]) {
    const projectId =
      row.subject_type === 'project'
        ? Number(row.subject_id)
        : projectOfContract.get(Number(row.subject_id))
    const entry = projectId === undefined ? undefined : facts.get(projectId)
    entry?.events.push(eventOf(row))
  }
  for (const entry of facts.values()) entry.events.sort((a, b) => a.id - b.id)
  for (const row of milestones) {
    facts.get(projectOfContract.get(Number(row.contract_id))!)?.milestones.push({
      id: Number(row.id),
      contractId: Number(row.contract_id),
      title: row.title,
      amountFen: Number(row.amount_fen),
      condition: row.condition,
    })
  }
  for (const row of payments) {
    facts.get(projectOfContract.get(Number(row.contract_id))!)?.payments.push({
      id: Number(row.id),
      contractId: Number(row.contract_id),
      milestoneId: row.milestone_id === null ? null : Number(row.milestone_id),
      amountFen: Number(row.amount_fen),
      date: isoOf(row.occurred_at),
    })
  }
  return facts
}

function eventOf(row: EventRow): OcdsEvent {
  return {
    id: Number(row.id),
    action: row.action,
    date: isoOf(row.occurred_at),
    subjectType: row.subject_type,
    subjectId: String(row.subject_id),
    payload: JSON.parse(row.payload),
  }
}

/**
 * The end of each contract's time limit (服务期限, in working days from the day
 * of signing): 24:00 Beijing time of the last working day. One calendar query
 * for all the contracts.
 */
async function contractPeriodEnds(contracts: ContractRow[]) {
  const ends = new Map<number, string>()
  const signed = contracts
    .filter((row) => row.signed_at)
    .map((row) => ({
      id: Number(row.id),
      day: DateTime.fromISO(isoOf(row.signed_at)).setZone(DISPLAY_ZONE).toISODate()!,
      days: Number(JSON.parse(row.field_values).timeLimitWorkingDays),
    }))
    .filter((entry) => Number.isInteger(entry.days) && entry.days >= 0)
  if (signed.length === 0) return ends
  const from = signed.map((entry) => entry.day).sort()[0]
  const to = signed
    .map((entry) =>
      DateTime.fromISO(entry.day)
        .plus({ days: 2 * entry.days + 30 })
        .toISODate()!
    )
    .sort()
    .at(-1)!
  const exceptions = await calendarExceptions(from, to)
  for (const entry of signed) {
    const lastDay = addWorkingDays(entry.day, entry.days, exceptions)
    ends.set(
      entry.id,
      DateTime.fromISO(lastDay, { zone: DISPLAY_ZONE }).endOf('day').toUTC().toISO()!
    )
  }
  return ends
}

/** Every release of some projects, by project id. */
export async function releasesOfProjects(projectIds: number[], context: OcdsContext) {
  const facts = await projectFacts(projectIds)
  const releases = new Map<number, BuiltRelease[]>()
  for (const [id, entry] of facts) releases.set(id, buildProjectReleases(entry, context))
  return { facts, releases }
}

/** The releases of a page of sources, in the page's order. */
export async function releasesOfSources(sources: ReleaseSource[], context: OcdsContext) {
  const { releases } = await releasesOfProjects(await projectIdsOfSources(sources), context)
  const byKey = new Map<string, BuiltRelease>()
  for (const list of releases.values()) {
    for (const built of list) byKey.set(`${built.source.kind}:${built.source.id}`, built)
  }
  return sources
    .map((source) => byKey.get(`${source.kind}:${source.id}`)?.release)
    .filter((release) => release !== undefined)
}
