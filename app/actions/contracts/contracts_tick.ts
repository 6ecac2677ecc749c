/*
 * The contracts wing of the market tick: a signing window that passed
 * without both signatures ends the contract (expired).
 */
import db from '@adonisjs/lucid/services/db'
import { attempt, type TickReport } from '#services/tick_report'
import { expireContract } from '#actions/contracts/contract_lifecycle'

/** Contracts whose signing window has passed. */
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
}
