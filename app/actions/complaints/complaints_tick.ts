/*
 * The complaints wing of the market tick (投诉举报): the overdue mark first, so
 * that a limit already passed sends no late reminder; then the reminders.
 */
import db from '@adonisjs/lucid/services/db'
import { attempt, type TickReport } from '#services/tick_report'
import { markComplaintOverdue, remindComplaint } from '#actions/complaints/complaint_deadlines'

/** Complaints past their limit, and reminders before it. */
export async function complaintsTickStep(now: string, report: TickReport) {
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
}
