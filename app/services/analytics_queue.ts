import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { sqlTime } from '#services/sql_time'

/*
 * The queue of contracts whose market figures may have changed (see
 * app/actions/analytics/summaries.ts, which folds it): written in the
 * transaction of each change, by the Contract, Project and Evaluation models
 * and by the calendar.
 */

/** Queues contracts whose figures may have changed; call it in the transaction of the change. */
export async function queueContractsForAnalytics(
  contractIds: number[],
  client: QueryClientContract
) {
  if (contractIds.length === 0) return
  await client
    .table('analytics_pending')
    .multiInsert(contractIds.map((id) => ({ contract_id: id })))
}

/** Queues the contracts of a project (its award, ceiling, method, item or region changed). */
export async function queueProjectForAnalytics(projectId: number, client: QueryClientContract) {
  await client.rawQuery(
    'insert into analytics_pending (contract_id) select id from contracts where project_id = ?',
    [projectId]
  )
}

/**
 * Queues the contracts whose delivery spans a day whose working status
 * changed (their working days to delivery may have changed).
 */
export async function queueCalendarDayForAnalytics(day: string, client: QueryClientContract) {
  // A day either side: the service dates are stored in UTC, the calendar is Beijing's.
  const from = sqlTime(new Date(Date.parse(`${day}T00:00:00Z`) - 2 * 86_400_000))
  const to = sqlTime(new Date(Date.parse(`${day}T00:00:00Z`) + 2 * 86_400_000))
  await client.rawQuery(
    `insert into analytics_pending (contract_id) select id from contracts
      where accepted_at is not null and service_started_at <= ? and accepted_at >= ?`,
    [to, from]
  )
}
