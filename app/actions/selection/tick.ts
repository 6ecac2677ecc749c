import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { DateTime } from 'luxon'
import { recordAuditEvent } from '#services/audit_log'
import { notify } from '#services/notifications'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'
import { lockProject, openProject, transition } from '#actions/selection/open_selection'
import { closeJustifications, closeOwnerDecisions } from '#actions/selection/abnormal_quotes'
import { expireDirectSelection } from '#actions/selection/direct_selection'
import { expireContract, makeContract } from '#actions/contracts/contract_lifecycle'
import { markOverdue } from '#actions/delivery/service_delivery'
import { settleEvaluation } from '#actions/delivery/evaluations'
import { sendDueDigests } from '#actions/alerts/alert_subscriptions'
import { markComplaintOverdue, remindComplaint } from '#actions/complaints/complaint_deadlines'
import { markCreditAppealOverdue } from '#actions/credit/credit_appeals'
import { markObjectionOverdue } from '#actions/selection/objections'

export type TickReport = {
  opened: number
  failed: number
  directExpired: number
  justificationsClosed: number
  ownerDecisionsLapsed: number
  awarded: number
  contractsExpired: number
  servicesOverdue: number
  evaluationsDefaulted: number
  projectsClosed: number
  alertDigests: number
  /** Complaints (投诉) whose assignee was reminded before the response limit. */
  complaintsReminded: number
  /** Complaints past the response limit without an answer: marked once and escalated. */
  complaintsOverdue: number
  /** Credit appeals and repair applications past their decision limit: marked once, regulators told. */
  creditAppealsOverdue: number
  /** Objections (质疑) past their response limit undecided: marked once, regulators told; the award waits. */
  objectionsOverdue: number
  /** Steps that threw: logged, rolled back, tried again at the next tick. */
  errors: number
}

/**
 * Runs one project's step; a failure rolls back that step only and is logged,
 * so one broken project never holds up the others.
 */
async function attempt<T>(
  step: string,
  subject: {
    projectId?: number
    contractId?: number
    complaintId?: number
    appealId?: number
    objectionId?: number
  },
  report: TickReport,
  run: () => Promise<T>
) {
  try {
    return await run()
  } catch (error) {
    report.errors += 1
    logger.error({ err: error, ...subject, step }, 'market tick step failed')
    return null
  }
}

/**
 * Performs every transition that is due now (SPEC "The project lifecycle"):
 * openings at the deadline, silent direct selections, justification
 * deadlines, the end of publicity, unsigned contracts, overdue services, the
 * end of the evaluation window, objections and complaints past their limits,
 * complaint reminders.
 * Each project (or complaint) moves in its own transaction under a row lock
 * and re-checks its state inside it, so ticks running at the same time on
 * several instances do each transition exactly once, and a tick that crashes
 * half-way leaves nothing half-done.
 */
export async function runTick(): Promise<TickReport> {
  const at = clock.now()
  const now = sqlTime(at)
  logger.debug({ at: at.toISOString() }, 'market tick')
  const report: TickReport = {
    opened: 0,
    failed: 0,
    directExpired: 0,
    justificationsClosed: 0,
    ownerDecisionsLapsed: 0,
    awarded: 0,
    contractsExpired: 0,
    servicesOverdue: 0,
    evaluationsDefaulted: 0,
    projectsClosed: 0,
    alertDigests: 0,
    complaintsReminded: 0,
    complaintsOverdue: 0,
    creditAppealsOverdue: 0,
    objectionsOverdue: 0,
    errors: 0,
  }

  const dueOpenings = await db
    .from('projects')
    .where('status', 'published')
    .where('response_deadline', '<=', now)
    .whereNot('method', 'direct')
    .orderBy('response_deadline')
    .select('id')
  for (const { id } of dueOpenings) {
    const outcome = await attempt('open', { projectId: Number(id) }, report, () =>
      openProject(Number(id))
    )
    if (outcome === 'opened') report.opened += 1
    if (outcome === 'failed') report.failed += 1
  }

  const silentDirect = await db
    .from('projects')
    .where('status', 'published')
    .where('method', 'direct')
    .where('stage_due_at', '<=', now)
    .select('id')
  for (const { id } of silentDirect) {
    const expired = await attempt('expireDirect', { projectId: Number(id) }, report, () =>
      expireDirectSelection(Number(id))
    )
    if (expired) report.directExpired += 1
  }

  const justificationsDue = await db
    .from('projects')
    .where('status', 'opened')
    .where('stage', 'justification')
    .where('stage_due_at', '<=', now)
    .select('id')
  for (const { id } of justificationsDue) {
    const closed = await attempt('closeJustifications', { projectId: Number(id) }, report, () =>
      closeJustifications(Number(id))
    )
    if (closed) report.justificationsClosed += 1
  }

  const ownerDecisionsDue = await db
    .from('projects')
    .where('status', 'opened')
    .where('stage', 'owner_decision')
    .where('stage_due_at', '<=', now)
    .select('id')
  for (const { id } of ownerDecisionsDue) {
    const closed = await attempt('closeOwnerDecisions', { projectId: Number(id) }, report, () =>
      closeOwnerDecisions(Number(id))
    )
    if (closed) report.ownerDecisionsLapsed += 1
  }

  // An objection nobody decided in time is escalated, never passed over:
  // the award below still waits for it.
  const objectionsOverdue = await db
    .from('objections')
    .where('status', 'pending')
    .whereNull('overdue_at')
    .where('response_due_at', '<=', now)
    .select('id', 'project_id')
  for (const row of objectionsOverdue) {
    const marked = await attempt(
      'markObjectionOverdue',
      { objectionId: Number(row.id), projectId: Number(row.project_id) },
      report,
      () => markObjectionOverdue(Number(row.id))
    )
    if (marked) report.objectionsOverdue += 1
  }

  const publicityOver = await db
    .from('projects')
    .where('status', 'publicity')
    .where('publicity_ends_at', '<=', now)
    .whereNotExists((query) =>
      query
        .from('objections')
        .whereColumn('objections.project_id', 'projects.id')
        .where('objections.status', 'pending')
    )
    .select('id')
  for (const { id } of publicityOver) {
    const awarded = await attempt('award', { projectId: Number(id) }, report, () =>
      awardProject(Number(id))
    )
    if (awarded) report.awarded += 1
  }
  const unsignedContracts = await db
    .from('contracts')
    .whereIn('status', ['drafting', 'signing'])
    .where('signing_due_at', '<=', now)
    .select('id')
  for (const { id } of unsignedContracts) {
    const expired = await attempt('expireContract', { contractId: Number(id) }, report, () =>
      expireContract(Number(id))
    )
    if (expired) report.contractsExpired += 1
  }

  const overdueServices = await db
    .from('contracts as c')
    .join('projects as p', 'p.id', 'c.project_id')
    .where('c.status', 'signed')
    .where('p.status', 'in_service')
    .whereNull('c.paused_at')
    .whereNull('c.overdue_at')
    .where('c.service_due_at', '<=', now)
    .select('c.id', 'c.project_id')
  for (const row of overdueServices) {
    const marked = await attempt(
      'markOverdue',
      { contractId: Number(row.id), projectId: Number(row.project_id) },
      report,
      () => markOverdue(Number(row.id))
    )
    if (marked) report.servicesOverdue += 1
  }

  const evaluationsDue = await db
    .from('contracts as c')
    .join('projects as p', 'p.id', 'c.project_id')
    .where('c.status', 'signed')
    .whereIn('p.status', ['accepted', 'evaluated'])
    .where('c.evaluation_due_at', '<=', now)
    .select('c.id', 'c.project_id')
  for (const row of evaluationsDue) {
    const settled = await attempt(
      'settleEvaluation',
      { contractId: Number(row.id), projectId: Number(row.project_id) },
      report,
      () => settleEvaluation(Number(row.id))
    )
    if (settled === 'defaulted') report.evaluationsDefaulted += 1
    if (settled === 'closed') report.projectsClosed += 1
  }

  // Daily e-mail digests of new announcements (08:00 Beijing time).
  report.alertDigests = (await attempt('alertDigests', {}, report, sendDueDigests)) ?? 0
  // Complaints: the overdue mark first, so a limit already passed sends no late reminder.
  const overdueComplaints = await db
    .from('complaints')
    .whereIn('state', ['filed', 'assigned'])
    .whereNull('overdue_at')
    .where('due_at', '<=', now)
    .select('id')
  for (const { id } of overdueComplaints) {
    const marked = await attempt('markComplaintOverdue', { complaintId: Number(id) }, report, () =>
      markComplaintOverdue(Number(id))
    )
    if (marked) report.complaintsOverdue += 1
  }

  const complaintReminders = await db
    .from('complaints')
    .whereIn('state', ['filed', 'assigned'])
    .whereNull('reminded_at')
    .whereNull('overdue_at')
    .where('remind_at', '<=', now)
    .select('id')
  for (const { id } of complaintReminders) {
    const reminded = await attempt('remindComplaint', { complaintId: Number(id) }, report, () =>
      remindComplaint(Number(id))
    )
    if (reminded) report.complaintsReminded += 1
  }

  const appealsOverdue = await db
    .from('credit_appeals')
    .where('status', 'pending')
    .whereNull('overdue_at')
    .where('decision_due_at', '<=', now)
    .select('id')
  for (const { id } of appealsOverdue) {
    const marked = await attempt('markCreditAppealOverdue', { appealId: Number(id) }, report, () =>
      markCreditAppealOverdue(Number(id))
    )
    if (marked) report.creditAppealsOverdue += 1
  }
  return report
}

/** The end of publicity without a pending objection: the winner is awarded (中选). */
export async function awardProject(projectId: number) {
  return db.transaction(async (trx) => {
    const project = await lockProject(projectId, trx)
    if (
      !project ||
      project.status !== 'publicity' ||
      project.publicityEndsAt!.toMillis() > clock.now().getTime()
    ) {
      return false
    }
    const pending = await trx
      .from('objections')
      .where('project_id', project.id)
      .where('status', 'pending')
      .first()
    if (pending) return false
    transition(project, 'award')
    project.awardedAt = DateTime.fromJSDate(clock.now())
    await project.save()
    const winningBid = await trx
      .from('bids')
      .where('project_id', project.id)
      .where('round', project.round)
      .where('status', 'active')
      .where('organization_id', project.winnerOrganizationId!)
      .select('id', 'quote_fen')
      .firstOrFail()
    await recordAuditEvent(trx, {
      actor: null,
      action: 'project.awarded',
      subjectType: 'project',
      subjectId: project.id,
      payload: { code: project.code, winnerOrganizationId: project.winnerOrganizationId },
    })
    const winner = await trx
      .from('organizations')
      .where('id', project.winnerOrganizationId!)
      .select('name')
      .firstOrFail()
    await notify(trx, {
      organizationIds: [project.ownerOrganizationId, project.winnerOrganizationId!],
      kind: 'project.awarded',
      projectId: project.id,
      data: { code: project.code, title: project.title, agency: winner.name },
    })
    // 合同生成: the contract is made in the same transaction as the award.
    await makeContract(
      project,
      {
        id: Number(winningBid.id),
        organizationId: project.winnerOrganizationId!,
        quoteFen: Number(winningBid.quote_fen),
      },
      trx,
      null
    )
    return true
  })
}
