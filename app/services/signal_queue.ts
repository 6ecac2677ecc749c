import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/*
 * The queue of projects whose collusion-signal facts may have changed (see
 * app/actions/signals/signal_facts.ts, which folds it): written in the
 * transaction of each change, by the Project and Bid models and by the
 * actions that change bids past them.
 */

/** Queues projects whose signal facts may have changed; call it in the transaction of the change. */
export async function queueProjectsForSignals(projectIds: number[], client: QueryClientContract) {
  const ids = [...new Set(projectIds)]
  if (ids.length === 0) return
  await client.table('signal_pending').multiInsert(ids.map((id) => ({ project_id: id })))
}
