/*
 * The delivery wing of the market tick: services past their time limit are
 * marked overdue, and the evaluation window's end settles the ratings.
 */
import db from '@adonisjs/lucid/services/db'
import { attempt, type TickReport } from '#services/tick_report'
import { markOverdue } from '#actions/delivery/service_delivery'
import { settleEvaluation } from '#actions/delivery/evaluations'

/** Overdue services and evaluation windows that have ended. */
export async function deliveryTickStep(now: string, report: TickReport) {
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
}
