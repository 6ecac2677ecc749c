import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#domain/time_zone'
import { workingDaysBetween } from '#domain/working_days'
import { calendarExceptions } from '#services/calendar'
import { clock } from '#services/clock'
import { fromSqlTime } from '#services/sql_time'
import { consortiumRequestsForAgency, pendingObjections } from '#queries/project_pages'
import { feeRecordsWithFlags } from '#queries/fee_records'
import { contestedTerminations } from '#queries/contract_terminations'

/*
 * Each role's to-do list (待办) on its dashboard: what waits for this user's
 * organisation now, how many, and by when. Every group is a bounded query
 * (at most ITEMS_SHOWN rows listed, the count separately), soonest deadline
 * first; an item links to the page where the work is done.
 */

export type TodoItem = {
  /** What the item is about: a project's code and title, a complaint's number… */
  label: string
  href: string
  /** An i18n key under dashboard.todo.notes naming the step, when one list mixes steps. */
  note?: string
  /** Extra values for the note (e.g. working days left). */
  noteData?: Record<string, unknown>
  dueAt: Date | null
  overdue: boolean
}

export type TodoGroup = {
  /** i18n key under dashboard.todo.groups */
  key: string
  count: number
  items: TodoItem[]
  /** The page listing all of them, when there is one. */
  href: string | null
}

export const ITEMS_SHOWN = 5

type Row = Record<string, any>

function projectLabel(row: Row) {
  return `${row.code} ${row.title}`
}

function dueFields(value: unknown, now: Date) {
  const dueAt = value === null || value === undefined ? null : fromSqlTime(value as string | Date)
  return { dueAt, overdue: dueAt !== null && dueAt.getTime() < now.getTime() }
}

/** Count and the first rows of one query (ordered by the caller). */
async function countAndFirst(query: DatabaseQueryBuilderContract<Row>) {
  const [total] = await query.clone().clearOrder().clearSelect().count('* as total')
  const rows = await query.limit(ITEMS_SHOWN)
  return { count: Number(total.total), rows }
}

function contractsToSign(organizationId: number, side: 'owner' | 'agency') {
  const column = side === 'owner' ? 'c.owner_organization_id' : 'c.agency_organization_id'
  return db
    .from('contracts as c')
    .join('projects as p', 'p.id', 'c.project_id')
    .where(column, organizationId)
    .whereIn('c.status', ['drafting', 'signing'])
    .whereNotExists((sub) =>
      sub
        .from('contract_signatures as s')
        .whereColumn('s.contract_id', 'c.id')
        .whereColumn('s.revision', 'c.revision')
        .where('s.organization_id', organizationId)
        .whereNull('s.voided_at')
    )
    .orderBy('c.signing_due_at')
    .select('c.id', 'c.signing_due_at as due', 'p.code', 'p.title')
}

async function contractGroup(
  key: string,
  query: DatabaseQueryBuilderContract<Row>,
  now: Date,
  note?: (row: Row) => Pick<TodoItem, 'note' | 'noteData'>
): Promise<TodoGroup> {
  const { count, rows } = await countAndFirst(query)
  return {
    key,
    count,
    href: '/contracts',
    items: rows.map((row) => ({
      label: projectLabel(row),
      href: `/contracts/${row.id}`,
      ...dueFields(row.due, now),
      ...note?.(row),
    })),
  }
}

/** The owner's to-dos: drafts, decisions, signatures, payments, reviews, ratings. */
export async function ownerTodos(organizationId: number): Promise<TodoGroup[]> {
  const now = clock.now()
  const ownProjects = () =>
    db.from('projects as p').where('p.owner_organization_id', organizationId)

  const drafts = await countAndFirst(
    ownProjects()
      .where('p.status', 'draft')
      .orderBy('p.id', 'desc')
      .select('p.id', 'p.code', 'p.title')
  )
  const decisions = await countAndFirst(
    ownProjects()
      .where('p.status', 'opened')
      .whereIn('p.stage', ['plan_scores', 'owner_decision', 'pick'])
      .orderBy('p.stage_due_at')
      .select('p.id', 'p.code', 'p.title', 'p.stage', 'p.stage_due_at as due')
  )
  const payments = await countAndFirst(
    db
      .from('milestones as m')
      .join('contracts as c', 'c.id', 'm.contract_id')
      .join('projects as p', 'p.id', 'c.project_id')
      .where('c.owner_organization_id', organizationId)
      .where('c.status', 'signed')
      .where('m.status', 'unpaid')
      .orderBy('c.id')
      .orderBy('m.position')
      .select('c.id', 'p.code', 'p.title', 'm.title as milestone')
  )
  const reviews = await countAndFirst(
    db
      .from('deliverables as d')
      .join('contracts as c', 'c.id', 'd.contract_id')
      .join('projects as p', 'p.id', 'c.project_id')
      .where('c.owner_organization_id', organizationId)
      .where('d.status', 'submitted')
      .orderBy('d.submitted_at')
      .select('c.id', 'p.code', 'p.title')
  )
  return [
    {
      key: 'drafts',
      count: drafts.count,
      href: '/owner/projects',
      items: drafts.rows.map((row) => ({
        label: projectLabel(row),
        href: `/projects/${row.id}`,
        dueAt: null,
        overdue: false,
      })),
    },
    {
      key: 'decisions',
      count: decisions.count,
      href: '/owner/projects',
      items: decisions.rows.map((row) => ({
        label: projectLabel(row),
        href: `/projects/${row.id}`,
        note: `stage.${row.stage}`,
        ...dueFields(row.due, now),
      })),
    },
    await contractGroup('toSign', contractsToSign(organizationId, 'owner'), now),
    {
      key: 'toPay',
      count: payments.count,
      href: '/contracts',
      items: payments.rows.map((row) => ({
        label: `${projectLabel(row)} · ${row.milestone}`,
        href: `/contracts/${row.id}`,
        dueAt: null,
        overdue: false,
      })),
    },
    {
      key: 'toReview',
      count: reviews.count,
      href: '/contracts',
      items: reviews.rows.map((row) => ({
        label: projectLabel(row),
        href: `/contracts/${row.id}`,
        dueAt: null,
        overdue: false,
      })),
    },
    await contractGroup(
      'toRate',
      db
        .from('contracts as c')
        .join('projects as p', 'p.id', 'c.project_id')
        .where('c.owner_organization_id', organizationId)
        .where('p.status', 'accepted')
        .where('c.evaluation_due_at', '>', now)
        .orderBy('c.evaluation_due_at')
        .select('c.id', 'c.evaluation_due_at as due', 'p.code', 'p.title'),
      now
    ),
  ]
}

/** Working days from today (Beijing) to a due instant's day, by the admin's calendar. */
async function workingDaysLeft(due: Date, today: string) {
  const dueDay = DateTime.fromJSDate(due).setZone(DISPLAY_ZONE).toISODate()!
  if (dueDay <= today) return 0
  return workingDaysBetween(today, dueDay, await calendarExceptions(today, dueDay))
}

/** The agency's to-dos: opportunities, requests, justifications, signatures, deliveries, ratings. */
export async function agencyTodos(organizationId: number): Promise<TodoGroup[]> {
  const now = clock.now()
  const today = DateTime.fromJSDate(now).setZone(DISPLAY_ZONE).toISODate()!
  const notYetAnswered = (sub: DatabaseQueryBuilderContract<Row>) =>
    sub
      .from('bids as b')
      .whereColumn('b.project_id', 'p.id')
      .whereColumn('b.round', 'p.round')
      .where('b.organization_id', organizationId)

  const opportunities = await countAndFirst(
    db
      .from('projects as p')
      .where('p.status', 'published')
      .whereNot('p.method', 'direct')
      .where('p.response_deadline', '>', now)
      .whereIn('p.service_item_id', (sub) =>
        sub
          .from('agency_service_items')
          .where('organization_id', organizationId)
          .select('service_item_id')
      )
      .whereNotExists(notYetAnswered)
      .orderBy('p.response_deadline')
      .select('p.id', 'p.code', 'p.title', 'p.response_deadline as due')
  )
  const direct = await countAndFirst(
    db
      .from('projects as p')
      .where('p.status', 'published')
      .where('p.method', 'direct')
      .where('p.direct_agency_id', organizationId)
      .whereNotExists(notYetAnswered)
      .orderBy('p.response_deadline')
      .select('p.id', 'p.code', 'p.title', 'p.response_deadline as due')
  )
  const justifications = await countAndFirst(
    db
      .from('bids as b')
      .join('projects as p', 'p.id', 'b.project_id')
      .where('b.organization_id', organizationId)
      .whereColumn('b.round', 'p.round')
      .where('p.status', 'opened')
      .where('p.stage', 'justification')
      .where('b.abnormally_low', true)
      .whereNull('b.justification')
      .orderBy('p.stage_due_at')
      .select('p.id', 'p.code', 'p.title', 'p.stage_due_at as due')
  )
  const requests = await consortiumRequestsForAgency(organizationId)
  const consortium = requests.filter((request) => request.status === 'pending')
  const deliveries = await countAndFirst(
    db
      .from('contracts as c')
      .join('projects as p', 'p.id', 'c.project_id')
      .where('c.agency_organization_id', organizationId)
      .where('c.status', 'signed')
      .where('p.status', 'in_service')
      .whereNotNull('c.service_due_at')
      .orderBy('c.service_due_at')
      .select('c.id', 'c.service_due_at as due', 'c.paused_at', 'p.code', 'p.title')
  )
  const deliveryItems: TodoItem[] = []
  for (const row of deliveries.rows) {
    const due = dueFields(row.due, now)
    const paused = row.paused_at !== null && row.paused_at !== undefined
    deliveryItems.push({
      label: projectLabel(row),
      href: `/contracts/${row.id}`,
      ...due,
      note: paused ? 'paused' : 'workingDaysLeft',
      noteData: { days: due.dueAt ? await workingDaysLeft(due.dueAt, today) : 0 },
    })
  }
  const projectItems = (rows: Row[]) =>
    rows.map((row) => ({
      label: projectLabel(row),
      href: `/projects/${row.id}`,
      ...dueFields(row.due, now),
    }))
  return [
    {
      key: 'opportunities',
      count: opportunities.count,
      href: '/agency/projects',
      items: projectItems(opportunities.rows),
    },
    {
      key: 'directRequests',
      count: direct.count,
      href: '/agency/projects',
      items: projectItems(direct.rows),
    },
    {
      key: 'consortium',
      count: consortium.length,
      href: '/agency/projects#consortium-requests',
      items: [],
    },
    {
      key: 'justifications',
      count: justifications.count,
      href: '/agency/projects',
      items: projectItems(justifications.rows),
    },
    await contractGroup('toSign', contractsToSign(organizationId, 'agency'), now),
    {
      key: 'deliveries',
      count: deliveries.count,
      href: '/contracts',
      items: deliveryItems,
    },
    await contractGroup(
      'rateOwner',
      db
        .from('contracts as c')
        .join('projects as p', 'p.id', 'c.project_id')
        .where('c.agency_organization_id', organizationId)
        .whereIn('p.status', ['accepted', 'evaluated', 'closed'])
        .whereNotExists((sub) =>
          sub
            .from('evaluations as e')
            .whereColumn('e.contract_id', 'c.id')
            .where('e.direction', 'of_owner')
        )
        .orderBy('c.id')
        .select('c.id', 'p.code', 'p.title'),
      now
    ),
  ]
}

/** The regulators' desk: objections, contested terminations, appeals, complaints, follow-ups, flagged fees. */
export async function regulatorTodos(userId: number): Promise<TodoGroup[]> {
  const now = clock.now()
  const objections = await pendingObjections()
  const appeals = await countAndFirst(
    db
      .from('credit_appeals as a')
      .join('organizations as o', 'o.id', 'a.organization_id')
      .where('a.status', 'pending')
      .orderBy('a.decision_due_at')
      .select('a.id', 'a.decision_due_at as due', 'o.name')
  )
  const complaints = await countAndFirst(
    db
      .from('complaints as c')
      .whereNot('c.state', 'answered')
      .where((where) => where.whereNull('c.assignee_user_id').orWhere('c.assignee_user_id', userId))
      .orderBy('c.due_at')
      .select('c.id', 'c.due_at as due', 'c.state', 'c.category')
  )
  const followUps = await countAndFirst(
    db
      .from('follow_up_cases as f')
      .join('organizations as o', 'o.id', 'f.agency_organization_id')
      .whereNot('f.status', 'closed')
      .orderBy('f.id')
      .select('f.id', 'f.status', 'o.name')
  )
  const flaggedFees = await feeRecordsWithFlags({ flagged: true })
  const [overdueAppeals] = await db
    .from('credit_appeals')
    .where('status', 'pending')
    .whereNotNull('overdue_at')
    .count('* as total')
  const terminations = await contestedTerminations()
  const [overdueComplaints] = await db
    .from('complaints')
    .whereNot('state', 'answered')
    .whereNotNull('overdue_at')
    .count('* as total')
  const overdue =
    objections.filter((objection) => objection.overdue).length +
    Number(overdueAppeals.total) +
    Number(overdueComplaints.total) +
    terminations.filter((termination) => termination.overdue).length
  return [
    { key: 'overdue', count: overdue, href: null, items: [] },
    {
      key: 'objections',
      count: objections.length,
      href: '/regulator/objections',
      items: objections.slice(0, ITEMS_SHOWN).map((row) => ({
        label: `${row.project_code} ${row.project_title} · ${row.agency_name}`,
        href: `/projects/${row.project_id}`,
        dueAt: fromSqlTime(row.response_due_at),
        overdue: row.overdue,
      })),
    },
    {
      key: 'terminations',
      count: terminations.length,
      href: '/regulator/terminations',
      items: terminations.slice(0, ITEMS_SHOWN).map((row) => ({
        label: `${row.projectCode} ${row.projectTitle} · ${row.agencyName}`,
        href: `/contracts/${row.contractId}#termination`,
        dueAt: new Date(row.decisionDueAt),
        overdue: row.overdue,
      })),
    },
    {
      key: 'appeals',
      count: appeals.count,
      href: '/regulator/credit-appeals',
      items: appeals.rows.map((row) => ({
        label: row.name,
        href: '/regulator/credit-appeals',
        ...dueFields(row.due, now),
      })),
    },
    {
      key: 'complaints',
      count: complaints.count,
      href: '/regulator/complaints',
      items: complaints.rows.map((row) => ({
        label: `#${row.id}`,
        href: '/regulator/complaints',
        note: `complaintState.${row.state}`,
        ...dueFields(row.due, now),
      })),
    },
    {
      key: 'followUps',
      count: followUps.count,
      href: '/regulator/follow-ups',
      items: followUps.rows.map((row) => ({
        label: row.name,
        href: '/regulator/follow-ups',
        dueAt: null,
        overdue: false,
      })),
    },
    {
      key: 'flaggedFees',
      count: flaggedFees.length,
      href: '/regulator/fee-records?flagged=1',
      items: [],
    },
  ]
}

/** The admin's desk: accounts and organisations. */
export async function adminTodos(): Promise<TodoGroup[]> {
  const [users] = await db.from('users').count('* as total')
  const [suspended] = await db.from('users').whereNotNull('suspended_at').count('* as total')
  const [organizations] = await db.from('organizations').count('* as total')
  return [
    { key: 'accounts', count: Number(users.total), href: '/accounts', items: [] },
    { key: 'suspended', count: Number(suspended.total), href: '/accounts', items: [] },
    { key: 'organizations', count: Number(organizations.total), href: '/accounts', items: [] },
  ]
}
