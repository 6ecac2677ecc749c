/*
 * Collusion signals for the regulator console: the facts each signal of
 * app/domain/collusion.ts needs, read set-based for the last 12 months
 * (bounded row counts), then the names of the agencies, owners and projects
 * the findings name — eleven queries whatever the number of findings.
 * Quotes are read only once opened: before opening they exist only as
 * ciphertexts and `quote_fen` is empty.
 */
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import {
  COLLUSION_THRESHOLDS,
  nearIdenticalQuotes,
  repeatedDirectSelections,
  rotatingWinners,
  sharedContacts,
  sharedOrigins,
  type ContactFact,
} from '#domain/collusion'
import { relationsOfReason, type RelationKind } from '#domain/related_parties'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'

/** How far back the signals look. */
export const SIGNAL_PERIOD_MONTHS = 12
/** At most this many rows of one kind of fact (the newest); a city's year is far below. */
const MAX_FACT_ROWS = 100_000

/** States of a project from its award on. */
const AWARDED_STATES = [
  'awarded',
  'contracted',
  'in_service',
  'delivered',
  'accepted',
  'evaluated',
  'closed',
  'terminated',
]

export async function collusionSignals(client: QueryClientContract = db.connection()) {
  const sinceDate = DateTime.fromJSDate(clock.now()).minus({ months: SIGNAL_PERIOD_MONTHS })
  const since = sqlTime(sinceDate)
  const [
    quoteFacts,
    contactFacts,
    originFacts,
    awardFacts,
    directFacts,
    relatedRatings,
    exemptions,
  ] = await Promise.all([
    quotesSince(since, client),
    sharedContactFacts(client),
    sharedOriginFacts(since, client),
    awardsSince(since, client),
    directSelectionsSince(since, client),
    relatedPartyRatingsSince(since, client),
    exemptionsSince(since, client),
  ])
  const origins = sharedOrigins(originFacts)
  const signals = {
    nearIdenticalQuotes: nearIdenticalQuotes(quoteFacts),
    sharedContacts: sharedContacts(contactFacts),
    sharedOrigins: origins.findings,
    rotatingWinners: rotatingWinners(awardFacts),
    repeatedDirectSelections: repeatedDirectSelections(directFacts),
    relatedPartyRatings: relatedRatings,
  }

  const organizationIds = new Set<number>()
  const projectIds = new Set<number>()
  for (const finding of signals.nearIdenticalQuotes) {
    finding.agencyIds.forEach((id) => organizationIds.add(id))
    finding.projects.forEach((project) => projectIds.add(project.projectId))
  }
  for (const finding of signals.sharedContacts) {
    finding.agencyIds.forEach((id) => organizationIds.add(id))
  }
  for (const finding of signals.sharedOrigins) {
    finding.agencyIds.forEach((id) => organizationIds.add(id))
    projectIds.add(finding.projectId)
  }
  for (const finding of signals.rotatingWinners) {
    finding.agencyIds.forEach((id) => organizationIds.add(id))
    finding.projects.forEach((project) => projectIds.add(project.projectId))
  }
  for (const finding of signals.repeatedDirectSelections) {
    organizationIds.add(finding.ownerId)
    organizationIds.add(finding.agencyIds[0])
    finding.projectIds.forEach((id) => projectIds.add(id))
  }
  for (const finding of signals.relatedPartyRatings) {
    organizationIds.add(finding.ownerId)
    organizationIds.add(finding.agencyId)
    projectIds.add(finding.projectId)
  }
  const [organizations, projects] = await Promise.all([
    namesOf('organizations', [...organizationIds], ['id', 'name', 'kind'], client),
    namesOf('projects', [...projectIds], ['id', 'code', 'title', 'method'], client),
  ])
  return {
    since: sinceDate.toJSDate(),
    thresholds: COLLUSION_THRESHOLDS,
    signals,
    exemptions,
    commonOrigins: origins.commonOrigins,
    organizations: new Map(
      organizations.map((row) => [
        Number(row.id),
        { id: Number(row.id), name: String(row.name), kind: String(row.kind) },
      ])
    ),
    projects: new Map(
      projects.map((row) => [
        Number(row.id),
        {
          id: Number(row.id),
          code: String(row.code),
          title: String(row.title),
          method: String(row.method),
        },
      ])
    ),
  }
}

export type CollusionSignals = Awaited<ReturnType<typeof collusionSignals>>

/**
 * 应急豁免: direct selections published under an emergency exemption in the
 * period, newest first, with the published reason — every one is a lead to
 * check (regulators are also notified as each is published).
 */
async function exemptionsSince(since: string, client: QueryClientContract) {
  const rows = await client
    .from('projects as p')
    .join('organizations as o', 'o.id', 'p.owner_organization_id')
    .whereNotNull('p.exemption')
    .where('p.published_at', '>=', since)
    .orderBy('p.published_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(MAX_FACT_ROWS)
    .select(
      'p.id',
      'p.code',
      'p.title',
      'p.exemption',
      'p.exemption_reason',
      'p.ceiling_price_fen',
      'p.owner_organization_id',
      'o.name as owner_name'
    )
  return rows.map((row) => ({
    projectId: Number(row.id),
    code: String(row.code),
    title: String(row.title),
    exemption: String(row.exemption),
    reason: String(row.exemption_reason ?? ''),
    ceilingPriceFen: Number(row.ceiling_price_fen),
    owner: { id: Number(row.owner_organization_id), name: String(row.owner_name) },
  }))
}

/**
 * Opened quotes of competitive selections, newest openings first. Items at a
 * government-set price (政府定价) are left out: there every agency must quote
 * the same. Read in two steps that each stay inside an index (migration
 * 0028): the projects opened in the period, then their active quotes, a
 * thousand projects at a time, until the row budget is spent.
 */
async function quotesSince(since: string, client: QueryClientContract) {
  const [projects, items, versions] = await Promise.all([
    client
      .from('projects')
      .where('opened_at', '>=', since)
      .whereNot('method', 'direct')
      .orderBy('opened_at', 'desc')
      .orderBy('id', 'desc')
      .select('id', 'service_item_id', 'service_item_version', 'ceiling_price_fen'),
    client.from('service_items').select('id', 'fee_type'),
    client.from('service_item_versions').select('service_item_id', 'version', 'fee_type'),
  ])
  const feeTypeOfItem = new Map(items.map((row) => [Number(row.id), String(row.fee_type)]))
  const feeTypeOfVersion = new Map(
    versions.map((row) => [`${row.service_item_id}|${row.version}`, row.fee_type as string | null])
  )
  const ceilings = new Map<number, number>()
  for (const row of projects) {
    const feeType =
      feeTypeOfVersion.get(`${row.service_item_id}|${row.service_item_version}`) ??
      feeTypeOfItem.get(Number(row.service_item_id))
    if (feeType !== 'government_priced') ceilings.set(Number(row.id), Number(row.ceiling_price_fen))
  }

  const ids = [...ceilings.keys()]
  const facts: {
    projectId: number
    round: number
    agencyId: number
    quoteFen: number
    ceilingPriceFen: number
  }[] = []
  for (let start = 0; start < ids.length && facts.length < MAX_FACT_ROWS; start += 1000) {
    const rows = await client
      .from('bids')
      .whereIn('project_id', ids.slice(start, start + 1000))
      .where('status', 'active')
      .whereNotNull('quote_fen')
      .select('project_id', 'round', 'organization_id', 'quote_fen')
    for (const row of rows) {
      facts.push({
        projectId: Number(row.project_id),
        round: Number(row.round),
        agencyId: Number(row.organization_id),
        quoteFen: Number(row.quote_fen),
        ceilingPriceFen: ceilings.get(Number(row.project_id))!,
      })
    }
  }
  return facts.slice(0, MAX_FACT_ROWS)
}

/**
 * Agencies whose phone, e-mail address or a named person another agency
 * also has: the database groups, so only candidates are read. Phones and
 * addresses are checked and normalised at registration, so equal values
 * compare equal; the domain normalises again.
 */
async function sharedContactFacts(client: QueryClientContract): Promise<ContactFact[]> {
  const sharedValues = (column: 'phone' | 'email') =>
    client
      .from('organizations')
      .where('kind', 'agency')
      .whereNotNull(column)
      .groupBy(column)
      .havingRaw('count(*) > 1')
      .select(column)
  const sharedPersons = client
    .from('practitioners as sp')
    .join('organizations as so', 'so.id', 'sp.organization_id')
    .where('so.kind', 'agency')
    .groupBy('sp.id_number_hash')
    .havingRaw('count(distinct sp.organization_id) > 1')
    .select('sp.id_number_hash')
  const [agencies, persons] = await Promise.all([
    client
      .from('organizations')
      .where('kind', 'agency')
      .where((query) =>
        query.whereIn('phone', sharedValues('phone')).orWhereIn('email', sharedValues('email'))
      )
      .limit(MAX_FACT_ROWS)
      .select('id', 'phone', 'email'),
    client
      .from('practitioners as p')
      .join('organizations as o', 'o.id', 'p.organization_id')
      .where('o.kind', 'agency')
      .whereIn('p.id_number_hash', sharedPersons)
      .limit(MAX_FACT_ROWS)
      .select('p.organization_id', 'p.id_number_hash', 'p.name'),
  ])
  const facts = new Map<number, ContactFact>()
  const factOf = (id: number) => {
    const fact = facts.get(id) ?? { agencyId: id, phone: null, email: null, persons: [] }
    facts.set(id, fact)
    return fact
  }
  for (const row of agencies) {
    const fact = factOf(Number(row.id))
    fact.phone = row.phone
    fact.email = row.email
  }
  for (const row of persons) {
    factOf(Number(row.organization_id)).persons.push({
      idNumberHash: row.id_number_hash,
      name: row.name,
    })
  }
  return [...facts.values()]
}

/**
 * Bids of the period that came from an IP address or device some other
 * agency used on the same project (replaced and withdrawn bids included:
 * they were sent from there too).
 */
async function sharedOriginFacts(since: string, client: QueryClientContract) {
  const sharedOn = (column: 'ip' | 'device_fingerprint') =>
    client
      .from('bids')
      .where('created_at', '>=', since)
      .whereNotNull(column)
      .groupBy('project_id', column)
      .havingRaw('count(distinct organization_id) > 1')
      .limit(MAX_FACT_ROWS)
      .select('project_id', column)
  const [byIp, byDevice] = await Promise.all([sharedOn('ip'), sharedOn('device_fingerprint')])
  const wanted = new Set([
    ...byIp.map((row) => `ip|${row.project_id}|${row.ip}`),
    ...byDevice.map((row) => `device|${row.project_id}|${row.device_fingerprint}`),
  ])
  const projectIds = [...new Set([...byIp, ...byDevice].map((row) => Number(row.project_id)))]
  if (projectIds.length === 0) return []
  const rows = await client
    .from('bids')
    .whereIn('project_id', projectIds)
    .where('created_at', '>=', since)
    .limit(MAX_FACT_ROWS)
    .select('project_id', 'organization_id', 'ip', 'device_fingerprint')
  return rows.map((row) => ({
    projectId: Number(row.project_id),
    agencyId: Number(row.organization_id),
    ip: wanted.has(`ip|${row.project_id}|${row.ip}`) ? row.ip : null,
    deviceFingerprint: wanted.has(`device|${row.project_id}|${row.device_fingerprint}`)
      ? row.device_fingerprint
      : null,
  }))
}

/** Awarded competitive selections of the period: the bidders of the deciding round and the winner. */
async function awardsSince(since: string, client: QueryClientContract) {
  const rows = await client
    .from('projects as p')
    .join('bids as b', (join) => {
      join.on('b.project_id', '=', 'p.id').andOn('b.round', '=', 'p.round')
    })
    .where('b.status', 'active')
    .whereIn('p.status', AWARDED_STATES)
    .whereNot('p.method', 'direct')
    .whereNotNull('p.winner_organization_id')
    .where('p.awarded_at', '>=', since)
    .orderBy('p.id', 'desc')
    .limit(MAX_FACT_ROWS)
    .select('p.id', 'p.winner_organization_id', 'b.organization_id')
  const awards = new Map<number, { projectId: number; bidderIds: number[]; winnerId: number }>()
  for (const row of rows) {
    const id = Number(row.id)
    const award = awards.get(id) ?? {
      projectId: id,
      bidderIds: [],
      winnerId: Number(row.winner_organization_id),
    }
    award.bidderIds.push(Number(row.organization_id))
    awards.set(id, award)
  }
  return [...awards.values()]
}

/** Direct selections (直接选取) published in the period, whatever became of them. */
async function directSelectionsSince(since: string, client: QueryClientContract) {
  const rows = await client
    .from('projects')
    .where('method', 'direct')
    .whereNotNull('direct_agency_id')
    .whereNotIn('status', ['draft', 'cancelled'])
    .where('published_at', '>=', since)
    .orderBy('id', 'desc')
    .limit(MAX_FACT_ROWS)
    .select('id', 'owner_organization_id', 'direct_agency_id')
  return rows.map((row) => ({
    projectId: Number(row.id),
    ownerId: Number(row.owner_organization_id),
    agencyId: Number(row.direct_agency_id),
  }))
}

/**
 * 自我交易: ratings of the period between an owner and an agency found related
 * when the rating was written (app/domain/related_parties.ts): kept, shown,
 * and counted towards no credit. Newest first.
 */
async function relatedPartyRatingsSince(since: string, client: QueryClientContract) {
  const rows = await client
    .from('evaluations as e')
    .join('contracts as c', 'c.id', 'e.contract_id')
    .whereNotNull('e.credit_withheld_reason')
    .where('e.created_at', '>=', since)
    .orderBy('e.id', 'desc')
    .limit(MAX_FACT_ROWS)
    .select(
      'e.id',
      'e.direction',
      'e.origin',
      'e.credit_withheld_reason',
      'e.created_at',
      'c.project_id',
      'c.owner_organization_id',
      'c.agency_organization_id'
    )
  return rows.map((row) => ({
    kind: 'related_party_rating' as const,
    evaluationId: Number(row.id),
    direction: row.direction as 'of_agency' | 'of_owner',
    origin: row.origin as 'rater' | 'default',
    projectId: Number(row.project_id),
    ownerId: Number(row.owner_organization_id),
    agencyId: Number(row.agency_organization_id),
    via: relationsOfReason(row.credit_withheld_reason) as RelationKind[],
  }))
}

async function namesOf(
  table: 'organizations' | 'projects',
  ids: number[],
  columns: string[],
  client: QueryClientContract
) {
  if (ids.length === 0) return []
  const rows = []
  for (let start = 0; start < ids.length; start += 500) {
    rows.push(
      ...(await client
        .from(table)
        .whereIn('id', ids.slice(start, start + 500))
        .select(...columns))
    )
  }
  return rows
}
