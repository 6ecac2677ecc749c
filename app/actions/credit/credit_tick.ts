/*
 * The credit wing of the market tick: appeals and repair applications past
 * their decision limit are marked once and every regulator told.
 */
import db from '@adonisjs/lucid/services/db'
import { attempt, type TickReport } from '#services/tick_report'
import { markCreditAppealOverdue } from '#actions/credit/credit_appeals'

/** Credit appeals past their decision limit. */
export async function creditTickStep(now: string, report: TickReport) {
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
}
