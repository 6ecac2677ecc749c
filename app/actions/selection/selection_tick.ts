/*
 * The selection wing of the market tick: openings at the deadline, silent
 * direct selections, justification and owner-decision deadlines, overdue
 * objections, then the award at the end of publicity (which makes the contract).
 */
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { recordAuditEvent } from '#services/audit_log'
import { notify } from '#services/notifications'
import { clock } from '#services/clock'
import { attempt, type TickReport } from '#services/tick_report'
import { openProject } from '#actions/selection/open_selection'
import { lockProject, transition } from '#actions/projects/project_lifecycle'
import { closeJustifications, closeOwnerDecisions } from '#actions/selection/abnormal_quotes'
import { expireDirectSelection } from '#actions/selection/direct_selection'
import { markObjectionOverdue } from '#actions/selection/objections'
import { makeContract } from '#actions/contracts/contract_lifecycle'

/** The selection steps that are due now, in the order the lifecycle takes them. */
export async function selectionTickStep(now: string, report: TickReport) {
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
