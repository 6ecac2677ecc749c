/*
 * The facts of the regulator's collusion signals read by scanning a year of
 * projects and bids, as the signals were computed before the facts were kept
 * (app/actions/signals/signal_facts.ts): the reference the kept facts are
 * tested against (tests/functional/signal_facts.spec.ts). Pages read
 * KEPT_FACTS; only `collusionSignals(client, SCANNED_FACTS)` reads these.
 * Quotes are read only once opened: before opening they exist only as
 * ciphertexts and `quote_fen` is empty.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { AWARDED_STATES, MAX_FACT_ROWS, type SignalFactReaders } from '#queries/regulator_signals'

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

/** The facts read by scanning the projects and bids of the period. */
export const SCANNED_FACTS: SignalFactReaders = {
  quotesSince,
  sharedOriginFacts,
  awardsSince,
  directSelectionsSince,
}
