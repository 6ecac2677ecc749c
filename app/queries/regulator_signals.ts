/*
 * Collusion signals for the regulator console: the facts each signal of
 * app/domain/collusion.ts needs for the last 12 months, then the names of
 * the agencies, owners and projects the findings name — a fixed number of
 * queries whatever the number of findings. The facts that would need a
 * year of bids (quotes, origins, awards, direct selections) are read from
 * the signal facts kept as the market writes (app/actions/signals/
 * signal_facts.ts; fold the queue before reading); the same facts read by
 * scanning the projects and bids are in app/queries/regulator_signals_scan.ts,
 * the reference the kept facts are tested against.
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
  type AwardFact,
  type ContactFact,
  type DirectSelectionFact,
  type OriginFact,
  type QuoteFact,
} from '#domain/collusion'
import { relationsOfReason, type RelationKind } from '#domain/related_parties'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'

/** How far back the signals look. */
export const SIGNAL_PERIOD_MONTHS = 12
/** At most this many rows of one kind of fact (the newest); a city's year is far below. */
export const MAX_FACT_ROWS = 100_000

/** States of a project from its award on. */
export const AWARDED_STATES = [
  'awarded',
  'contracted',
  'in_service',
  'delivered',
  'accepted',
  'evaluated',
  'closed',
  'terminated',
]

/** How the facts of the period that would need a year of bids are read. */
export type SignalFactReaders = {
  quotesSince(since: string, client: QueryClientContract): Promise<QuoteFact[]>
  sharedOriginFacts(since: string, client: QueryClientContract): Promise<OriginFact[]>
  awardsSince(since: string, client: QueryClientContract): Promise<AwardFact[]>
  directSelectionsSince(since: string, client: QueryClientContract): Promise<DirectSelectionFact[]>
}

/** Every collusion signal of the last 12 months (from the kept facts unless `readers` says otherwise). */
export async function collusionSignals(
  client: QueryClientContract = db.connection(),
  readers: SignalFactReaders = KEPT_FACTS
) {
  const sinceDate = DateTime.fromJSDate(clock.now()).minus({ months: SIGNAL_PERIOD_MONTHS })
  const since = sqlTime(sinceDate)
  // Each signal is worked out as soon as its facts arrive, while the database still reads the others.
  const [nearIdentical, contacts, origins, rotating, directSelections, relatedRatings, exemptions] =
    await Promise.all([
      readers.quotesSince(since, client).then((facts) => nearIdenticalQuotes(facts)),
      sharedContactFacts(client).then((facts) => sharedContacts(facts)),
      readers.sharedOriginFacts(since, client).then((facts) => sharedOrigins(facts)),
      readers.awardsSince(since, client).then((facts) => rotatingWinners(facts)),
      readers.directSelectionsSince(since, client).then((facts) => repeatedDirectSelections(facts)),
      relatedPartyRatingsSince(since, client),
      exemptionsSince(since, client),
    ])
  const signals = {
    nearIdenticalQuotes: nearIdentical,
    sharedContacts: contacts,
    sharedOrigins: origins.findings,
    rotatingWinners: rotating,
    repeatedDirectSelections: directSelections,
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
 * Agencies whose phone, e-mail address or a named person another agency
 * also has: the database groups, so only candidates are read. Phones and
 * addresses are checked and normalised at registration, so equal values
 * compare equal; the domain normalises again. The shared values are read
 * first, each from its own index, and then the agencies that have them: one
 * statement with both groupings inside would compare every agency's row with
 * them.
 */
async function sharedContactFacts(client: QueryClientContract): Promise<ContactFact[]> {
  const sharedValues = async (column: 'phone' | 'email') => {
    const rows = await client
      .from('organizations')
      .where('kind', 'agency')
      .whereNotNull(column)
      .groupBy(column)
      .havingRaw('count(*) > 1')
      .select(column)
    return rows.map((row) => String(row[column]))
  }
  const sharedPersons = client
    .from('practitioners as sp')
    .join('organizations as so', 'so.id', 'sp.organization_id')
    .where('so.kind', 'agency')
    .groupBy('sp.id_number_hash')
    .havingRaw('count(distinct sp.organization_id) > 1')
    .select('sp.id_number_hash')
  const [phones, emails, persons] = await Promise.all([
    sharedValues('phone'),
    sharedValues('email'),
    client
      .from('practitioners as p')
      .join('organizations as o', 'o.id', 'p.organization_id')
      .where('o.kind', 'agency')
      .whereIn('p.id_number_hash', sharedPersons)
      .limit(MAX_FACT_ROWS)
      .select('p.organization_id', 'p.id_number_hash', 'p.name'),
  ])
  // One statement whatever the number of shared values (MySQL's driver writes the values into
  // the statement, SQLite takes 32,766 of them), each list read from its index.
  const agencies = await client
    .from('organizations')
    .where('kind', 'agency')
    .where((query) => query.whereIn('phone', phones).orWhereIn('email', emails))
    .limit(MAX_FACT_ROWS)
    .select('id', 'phone', 'email')
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

/**
 * Opened quotes of competitive selections within the near-identical
 * tolerance of another quote of their round (the only ones a finding can
 * name), newest openings first, then in the order of their projects and rounds.
 */
async function keptQuotesSince(since: string, client: QueryClientContract): Promise<QuoteFact[]> {
  const rows = await client
    .from('signal_quote_facts')
    .where('opened_at', '>=', since)
    .orderBy('opened_at', 'desc')
    .orderBy('project_id', 'desc')
    .limit(MAX_FACT_ROWS)
    .select('project_id', 'round', 'agency_id', 'quote_fen', 'ceiling_fen')
  return rows
    .map((row) => ({
      projectId: Number(row.project_id),
      round: Number(row.round),
      agencyId: Number(row.agency_id),
      quoteFen: Number(row.quote_fen),
      ceilingPriceFen: Number(row.ceiling_fen),
    }))
    .sort((x, y) => x.projectId - y.projectId || x.round - y.round)
}

/**
 * Bids of the period that came from an IP address or device some other
 * agency used on the same project in the period: the kept bids that share an
 * origin at all, grouped again over the period.
 */
async function keptOriginsSince(since: string, client: QueryClientContract): Promise<OriginFact[]> {
  const rows = await client
    .from('signal_origin_facts')
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .limit(MAX_FACT_ROWS)
    .select('project_id', 'agency_id', 'ip', 'device_fingerprint')
  const agenciesOf = new Map<string, Set<number>>()
  const keysOf = (row: (typeof rows)[number]): [string | null, string | null] => [
    row.ip ? `ip|${row.project_id}|${row.ip}` : null,
    row.device_fingerprint ? `device|${row.project_id}|${row.device_fingerprint}` : null,
  ]
  for (const row of rows) {
    for (const key of keysOf(row)) {
      if (!key) continue
      const set = agenciesOf.get(key) ?? new Set()
      set.add(Number(row.agency_id))
      agenciesOf.set(key, set)
    }
  }
  const wanted = (key: string | null) => key !== null && agenciesOf.get(key)!.size > 1
  return rows.flatMap((row) => {
    const [ipKey, deviceKey] = keysOf(row)
    if (!wanted(ipKey) && !wanted(deviceKey)) return []
    return [
      {
        projectId: Number(row.project_id),
        agencyId: Number(row.agency_id),
        ip: wanted(ipKey) ? (row.ip as string) : null,
        deviceFingerprint: wanted(deviceKey) ? (row.device_fingerprint as string) : null,
      },
    ]
  })
}

/** Awarded competitive selections of the period: the bidders of the deciding round and the winner. */
async function keptAwardsSince(since: string, client: QueryClientContract): Promise<AwardFact[]> {
  const rows = await client
    .from('signal_award_facts')
    .where('awarded_at', '>=', since)
    .orderBy('project_id', 'desc')
    .limit(MAX_FACT_ROWS)
    .select('project_id', 'winner_id', 'bidder_ids')
  return rows.map((row) => ({
    projectId: Number(row.project_id),
    // Comma-separated ids: read by the JSON parser, far faster than splitting.
    bidderIds: JSON.parse(`[${row.bidder_ids}]`) as number[],
    winnerId: Number(row.winner_id),
  }))
}

/** Direct selections (直接选取) published in the period, whatever became of them. */
async function keptDirectSelectionsSince(
  since: string,
  client: QueryClientContract
): Promise<DirectSelectionFact[]> {
  const rows = await client
    .from('signal_direct_facts')
    .where('published_at', '>=', since)
    .orderBy('project_id', 'desc')
    .limit(MAX_FACT_ROWS)
    .select('project_id', 'owner_id', 'agency_id')
  return rows.map((row) => ({
    projectId: Number(row.project_id),
    ownerId: Number(row.owner_id),
    agencyId: Number(row.agency_id),
  }))
}

/** The facts kept as the market writes (migration 0105, app/actions/signals/signal_facts.ts). */
export const KEPT_FACTS: SignalFactReaders = {
  quotesSince: keptQuotesSince,
  sharedOriginFacts: keptOriginsSince,
  awardsSince: keptAwardsSince,
  directSelectionsSince: keptDirectSelectionsSince,
}
