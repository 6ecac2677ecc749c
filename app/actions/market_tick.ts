/*
 * The market tick: performs every transition that is due now (SPEC "The
 * project lifecycle"), one step per wing of the market, each wing owning its
 * step. Each record moves in its own transaction under a row lock and
 * re-checks its state inside it, so ticks running at the same time on several
 * instances do each transition exactly once, and a tick that crashes
 * half-way leaves nothing half-done. A step that throws is logged, rolled
 * back and tried again at the next tick; it never holds up the others.
 */
import logger from '@adonisjs/core/services/logger'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'
import { attempt, emptyTickReport, type TickReport } from '#services/tick_report'
import { selectionTickStep } from '#actions/selection/selection_tick'
import { contractsTickStep } from '#actions/contracts/contracts_tick'
import { deliveryTickStep } from '#actions/delivery/delivery_tick'
import { sendDueDigests } from '#actions/alerts/alert_subscriptions'
import { complaintsTickStep } from '#actions/complaints/complaints_tick'
import { creditTickStep } from '#actions/credit/credit_tick'
import { roundsToArchive, sealProjectArchive } from '#actions/archives/seal_project_archive'
import { foldAnalyticsQueue } from '#actions/analytics/summaries'
import { foldSignalQueue } from '#actions/signals/signal_facts'

export type { TickReport } from '#services/tick_report'

export async function runTick(): Promise<TickReport> {
  const at = clock.now()
  const now = sqlTime(at)
  logger.debug({ at: at.toISOString() }, 'market tick')
  const report = emptyTickReport()
  // The order is the lifecycle's: an award makes a contract whose window then runs.
  await selectionTickStep(now, report)
  await contractsTickStep(now, report)
  await deliveryTickStep(now, report)
  // Daily e-mail digests of new announcements (08:00 Beijing time).
  report.alertDigests = (await attempt('alertDigests', {}, report, sendDueDigests)) ?? 0
  await complaintsTickStep(now, report)
  await creditTickStep(now, report)
  // Last: the rounds that closed in this tick or before are sealed into their archives.
  const rounds = (await attempt('roundsToArchive', {}, report, () => roundsToArchive())) ?? []
  for (const projectId of rounds) {
    const sealed = await attempt('sealProjectArchive', { projectId }, report, () =>
      sealProjectArchive(projectId)
    )
    if (sealed) report.archivesSealed += 1
  }
  // The regulator's market figures take in what this tick and the requests since the last one changed.
  await attempt('foldAnalyticsQueue', {}, report, () => foldAnalyticsQueue())
  // …and the collusion signals' facts the projects and bids changed since.
  await attempt('foldSignalQueue', {}, report, () => foldSignalQueue())
  return report
}
