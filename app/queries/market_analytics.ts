import db from '@adonisjs/lucid/services/db'
import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { ContractFact } from '#domain/market_analytics'
import { beijingWallTime, DISPLAY_ZONE } from '#domain/time_zone'
import { workingDaysBetween } from '#domain/working_days'
import { calendarExceptions } from '#services/calendar'
import { sqlTime } from '#services/sql_time'

export type AnalyticsFilters = {
  /** yyyy-MM, inclusive; by the month of the award (Beijing time). */
  from?: string
  to?: string
  item?: string
  /** A province, city or district code. */
  region?: string
  /** The approving department (审批部门) of the item. */
  department?: string
}

/** Contracts read per page of the analysis: a provincial market's year fits many times over. */
const MAX_CONTRACTS = 200_000

/** A stored moment: a Date (MySQL) or the stored text 'yyyy-MM-dd HH:mm:ss' in UTC (SQLite). */
const utcMillis = (value: unknown) =>
  value instanceof Date ? value.getTime() : Date.parse(`${String(value).replace(' ', 'T')}Z`)
const beijingIso = beijingWallTime
const beijingDay = (value: unknown) => beijingIso(utcMillis(value)).slice(0, 10)

/**
 * One fact per contract that came into force (signed, possibly terminated
 * later) and was awarded within the filters, with its project, parties,
 * speed, overdue mark and the owner's rating.
 */
export async function contractFacts(filters: AnalyticsFilters): Promise<ContractFact[]> {
  return factsOf(filters, {})
}

/** A contract's fact with what the summaries file it under. */
export type SummaryFact = ContractFact & {
  serviceItemId: number
  regionCode: string
  /** The award, as stored ('yyyy-MM-dd HH:mm:ss', UTC). */
  awardedAt: string
}

/**
 * The facts of the given contracts (those in force and awarded: the others
 * have none), or of the contracts after an id, in id order: what the
 * summaries fold.
 */
export async function summaryFacts(
  scope: { contractIds?: number[]; afterId?: number; limit?: number },
  client: QueryClientContract
): Promise<SummaryFact[]> {
  return (await factsOf({}, scope, client)) as SummaryFact[]
}

async function factsOf(
  filters: AnalyticsFilters,
  scope: { contractIds?: number[]; afterId?: number; limit?: number },
  client: QueryClientContract = db.connection()
): Promise<ContractFact[]> {
  const query = client
    .from('contracts as c')
    .join('projects as p', 'p.id', 'c.project_id')
    .join('service_items as s', 's.id', 'p.service_item_id')
    .join('organizations as owner', 'owner.id', 'c.owner_organization_id')
    .join('organizations as agency', 'agency.id', 'c.agency_organization_id')
    .leftJoin('evaluations as e', (join) =>
      join.on('e.contract_id', 'c.id').andOnVal('e.direction', 'of_agency')
    )
    .whereIn('c.status', ['signed', 'terminated'])
    .whereNotNull('p.awarded_at')
    .select(
      'c.id',
      'c.price_fen',
      'c.time_limit_working_days',
      'c.service_started_at',
      'c.accepted_at',
      'c.overdue_at',
      'p.id as project_id',
      'p.code as project_code',
      'p.method',
      'p.ceiling_price_fen',
      'p.published_at',
      'p.awarded_at',
      'p.time_limit_working_days as project_time_limit',
      'p.service_item_id',
      'p.region_code',
      's.code as item_code',
      's.name as item_name',
      'owner.id as owner_id',
      'owner.name as owner_name',
      'agency.id as agency_id',
      'agency.name as agency_name',
      'e.quality',
      'e.timeliness',
      'e.attitude',
      'e.fee_compliance'
    )
  if (scope.contractIds) {
    query.whereIn('c.id', scope.contractIds).orderBy('c.id')
  } else if (scope.afterId !== undefined) {
    query
      .where('c.id', '>', scope.afterId)
      .orderBy('c.id')
      .limit(scope.limit ?? MAX_CONTRACTS)
  } else {
    query.orderBy('p.awarded_at').orderBy('c.id').limit(MAX_CONTRACTS)
  }
  // Months are Beijing months: 1 Oct 00:00 in Beijing is 30 Sep 16:00 UTC.
  if (filters.from) {
    const start = DateTime.fromFormat(filters.from, 'yyyy-MM', { zone: DISPLAY_ZONE }).toUTC()
    query.where('p.awarded_at', '>=', start.toFormat('yyyy-MM-dd HH:mm:ss'))
  }
  if (filters.to) {
    const end = DateTime.fromFormat(filters.to, 'yyyy-MM', { zone: DISPLAY_ZONE })
      .plus({ months: 1 })
      .toUTC()
    query.where('p.awarded_at', '<', end.toFormat('yyyy-MM-dd HH:mm:ss'))
  }
  if (filters.item) query.where('s.code', filters.item)
  if (filters.department) query.where('s.approval_department', filters.department)
  if (filters.region) {
    const region = filters.region
    if (region.endsWith('0000')) query.where('p.region_code', 'like', `${region.slice(0, 2)}%`)
    else if (region.endsWith('00')) query.where('p.region_code', 'like', `${region.slice(0, 4)}%`)
    else query.where('p.region_code', region)
  }
  const rows: {
    id: SqlInteger
    project_id: SqlInteger
    project_code: string
    item_code: string
    item_name: string
    method: string
    owner_id: SqlInteger
    owner_name: string
    agency_id: SqlInteger
    agency_name: string
    ceiling_price_fen: SqlInteger
    price_fen: SqlInteger
    published_at: SqlTimestamp
    awarded_at: SqlTimestamp
    service_started_at: SqlTimestamp | null
    accepted_at: SqlTimestamp | null
    overdue_at: SqlTimestamp | null
    time_limit_working_days: SqlInteger | null
    project_time_limit: SqlInteger | null
    service_item_id: SqlInteger
    region_code: string
    quality: SqlInteger | null
    timeliness: SqlInteger | null
    attitude: SqlInteger | null
    fee_compliance: SqlInteger | null
  }[] = await query
  if (rows.length === 0) return []

  let firstDay: string | null = null
  let lastDay: string | null = null
  for (const row of rows) {
    for (const value of [row.service_started_at, row.accepted_at]) {
      if (!value) continue
      const day = beijingDay(value)
      if (firstDay === null || day < firstDay) firstDay = day
      if (lastDay === null || day > lastDay) lastDay = day
    }
  }
  const exceptions =
    firstDay && lastDay
      ? await calendarExceptions(firstDay, lastDay, client)
      : new Map<string, boolean>()

  return rows.map((row) => {
    const published = utcMillis(row.published_at)
    const awarded = utcMillis(row.awarded_at)
    const ratings = [row.quality, row.timeliness, row.attitude, row.fee_compliance]
    const rated = ratings.every((value) => value !== null && value !== undefined)
    return {
      contractId: Number(row.id),
      projectId: Number(row.project_id),
      projectCode: row.project_code,
      itemCode: row.item_code,
      itemName: row.item_name,
      method: row.method,
      ownerId: Number(row.owner_id),
      ownerName: row.owner_name,
      agencyId: Number(row.agency_id),
      agencyName: row.agency_name,
      ceilingFen: Number(row.ceiling_price_fen),
      priceFen: Number(row.price_fen),
      month: beijingIso(awarded).slice(0, 7),
      daysToAward: Math.max(0, Math.round(((awarded - published) / 86_400_000) * 10) / 10),
      workingDaysToDelivery:
        row.service_started_at && row.accepted_at
          ? workingDaysBetween(
              beijingDay(row.service_started_at),
              beijingDay(row.accepted_at),
              exceptions
            )
          : null,
      timeLimitWorkingDays: Number(row.time_limit_working_days ?? row.project_time_limit),
      overdue: row.overdue_at !== null,
      rating: rated
        ? ratings.reduce((sum: number, value: unknown) => sum + Number(value), 0) / ratings.length
        : null,
      badRating: rated && ratings.some((value) => Number(value) <= 2),
      serviceItemId: Number(row.service_item_id),
      regionCode: row.region_code,
      awardedAt: sqlTime(new Date(awarded)),
    }
  })
}

/** Every follow-up case of a bad rating, counted by state. */
export async function followUpCounts() {
  const rows: { status: string; n: SqlInteger }[] = await db
    .from('follow_up_cases')
    .groupBy('status')
    .select('status')
    .count('* as n')
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)])) as Record<
    string,
    number
  >
}

/** Complaints by state, and how many of the open ones are past their response limit. */
export async function complaintCounts() {
  const rows: { state: string; n: SqlInteger; overdue: SqlInteger | null }[] = await db
    .from('complaints')
    .groupBy('state')
    .select('state')
    .count('* as n')
    .select(db.raw('sum(case when overdue_at is not null then 1 else 0 end) as overdue'))
  return rows.map((row) => ({
    state: row.state,
    count: Number(row.n),
    overdue: Number(row.overdue ?? 0),
  }))
}

/**
 * Objections (质疑) awaiting a regulator's decision, and how many of them are
 * past their response limit: each of those holds an award back.
 */
export async function objectionCounts() {
  const row: { n: SqlInteger; overdue: SqlInteger | null } | null = await db
    .from('objections')
    .where('status', 'pending')
    .count('* as n')
    .select(db.raw('sum(case when overdue_at is not null then 1 else 0 end) as overdue'))
    .first()
  return { pending: Number(row?.n ?? 0), overdue: Number(row?.overdue ?? 0) }
}

/** The approving departments named in the catalog, for the filter. */
export async function approvalDepartments() {
  const rows: { approval_department: string }[] = await db
    .from('service_items')
    .distinct('approval_department')
    .orderBy('approval_department')
  return rows.map((row) => row.approval_department)
}
