/*
 * The contracts wing of the market tick: a signing window that passed
 * without both signatures ends the contract (expired); a termination's
 * contest window that closed unanswered settles it (its refunds asked, and
 * asked again while an earlier request failed); a contested termination past
 * its decision limit is marked overdue once and every regulator told.
 */
import db from '@adonisjs/lucid/services/db'
import { attempt, type TickReport } from '#services/tick_report'
import { expireContract } from '#actions/contracts/contract_lifecycle'
import {
  lapseTermination,
  markTerminationOverdue,
  requestTerminationRefunds,
} from '#actions/contracts/contract_termination'

/** Contracts whose signing window has passed; terminations due a step. */
export async function contractsTickStep(now: string, report: TickReport) {
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

  const lapsed = await db
    .from('contract_terminations')
    .where('status', 'contestable')
    .where('contest_due_at', '<=', now)
    .select('id')
  for (const { id } of lapsed) {
    const settled = await attempt('lapseTermination', { terminationId: Number(id) }, report, () =>
      lapseTermination(Number(id))
    )
    if (settled) report.terminationsSettled += 1
  }

  // Refunds asked after a settlement that did not get through (a crash, Stripe unreachable).
  const unrefunded = await db
    .from('contract_terminations')
    .whereIn('status', ['settled', 'decided'])
    .whereNotNull('settled_at')
    .whereNull('refunds_requested_at')
    .where('settled_at', '<=', now)
    .select('id')
  for (const { id } of unrefunded) {
    await attempt('requestTerminationRefunds', { terminationId: Number(id) }, report, () =>
      requestTerminationRefunds(Number(id), null)
    )
  }

  const overdue = await db
    .from('contract_terminations')
    .where('status', 'contested')
    .whereNull('overdue_at')
    .where('decision_due_at', '<=', now)
    .select('id')
  for (const { id } of overdue) {
    const marked = await attempt(
      'markTerminationOverdue',
      { terminationId: Number(id) },
      report,
      () => markTerminationOverdue(Number(id))
    )
    if (marked) report.terminationsOverdue += 1
  }
}
