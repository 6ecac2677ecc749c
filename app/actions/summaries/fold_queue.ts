import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'

/*
 * A summary the market keeps as it writes (the analytics sums, the collusion
 * signals' facts) has a queue of the records whose facts may have changed,
 * written in the transaction of each change, and a row in summary_states
 * that serialises its folds. Folding takes the queue a batch per
 * transaction, oldest first, hands the batch's distinct record ids to the
 * summary, deletes the batch and notes when it folded.
 */

export type SummaryQueue = {
  /** Its row in summary_states. */
  name: string
  /** The queue table and its column naming the record. */
  queueTable: string
  recordColumn: string
  batchSize: number
}

/** Takes the summary's row lock (creating the row on first use): one fold or rebuild at a time. */
export async function lockSummary(name: string, trx: TransactionClientContract) {
  const state = await trx.from('summary_states').where('name', name).forUpdate().first()
  if (!state) await trx.table('summary_states').insert({ name })
}

/**
 * Folds the queue a batch per transaction until it is empty (or `maxBatches`
 * were folded); `fold` brings the summary up to date for the batch's record
 * ids in the same transaction. Returns how many queue entries were folded.
 */
export async function foldSummaryQueue(
  queue: SummaryQueue,
  fold: (recordIds: number[], trx: TransactionClientContract) => Promise<void>,
  maxBatches = Number.POSITIVE_INFINITY
) {
  let folded = 0
  for (let batch = 0; batch < maxBatches; batch++) {
    const done = await db.transaction(async (trx) => {
      await lockSummary(queue.name, trx)
      const queued: Record<string, number>[] = await trx
        .from(queue.queueTable)
        .orderBy('id')
        .limit(queue.batchSize)
        .select('id', queue.recordColumn)
      if (queued.length === 0) return 0
      await fold([...new Set(queued.map((row) => Number(row[queue.recordColumn])))], trx)
      await trx
        .from(queue.queueTable)
        .whereIn(
          'id',
          queued.map((row) => row.id)
        )
        .delete()
      await trx
        .from('summary_states')
        .where('name', queue.name)
        .update({ folded_at: sqlTime(clock.now()) })
      return queued.length
    })
    folded += done
    if (done < queue.batchSize) break
  }
  return folded
}
