/*
 * The report-similarity index (中介文本对比分析): each delivered file's MinHash
 * signature and LSH band keys (app/domain/similarity.ts), written when the
 * file is delivered and rebuilt by `node ace signals:reindex`. The index is
 * derived from the stored texts and recomputed at will, so writing it is not
 * a market state change and is not in the audit log.
 */
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import {
  MIN_SHINGLES,
  SIMILARITY_ALGORITHM,
  bandKeys,
  encodeSignature,
  signatureOf,
} from '#domain/similarity'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'

/** Files read and hashed at a time: texts can be long (up to 2 million characters each). */
const BATCH_SIZE = 20

/**
 * (Re)indexes the given deliverable files; returns how many were indexed.
 * Each batch is one transaction that locks the files' rows, so two indexings
 * of the same file queue up and leave exactly one signature.
 */
export async function indexDeliverableFiles(fileIds: number[]) {
  let indexed = 0
  for (let offset = 0; offset < fileIds.length; offset += BATCH_SIZE) {
    const ids = fileIds.slice(offset, offset + BATCH_SIZE)
    const files = await db.from('deliverable_files').whereIn('id', ids).select('id', 'text_content')
    const computed = files.map((file) => ({
      id: Number(file.id),
      ...signatureOf(String(file.text_content ?? '')),
    }))
    await db.transaction(async (trx) => {
      await trx.from('deliverable_files').whereIn('id', ids).forUpdate().select('id')
      await trx.from('deliverable_file_bands').whereIn('deliverable_file_id', ids).delete()
      await trx.from('deliverable_file_signatures').whereIn('deliverable_file_id', ids).delete()
      if (computed.length === 0) return
      const indexedAt = sqlTime(clock.now())
      await trx
        .insertQuery()
        .table('deliverable_file_signatures')
        .multiInsert(
          computed.map((file) => ({
            deliverable_file_id: file.id,
            algorithm: SIMILARITY_ALGORITHM,
            shingle_count: file.shingleCount,
            signature: encodeSignature(file.signature),
            indexed_at: indexedAt,
          }))
        )
      // Texts too short to compare get a signature (so they count as indexed) but no bands.
      const bands = computed
        .filter((file) => file.shingleCount >= MIN_SHINGLES)
        .flatMap((file) =>
          bandKeys(file.signature).map((key, band) => ({
            deliverable_file_id: file.id,
            band,
            band_key: key,
          }))
        )
      for (let start = 0; start < bands.length; start += 400) {
        await trx
          .insertQuery()
          .table('deliverable_file_bands')
          .multiInsert(bands.slice(start, start + 400))
      }
    })
    indexed += computed.length
  }
  return indexed
}

/**
 * Indexes the files of a submission, after it committed. Never throws: the
 * delivery stands whatever happens here, and `signals:reindex` picks up a
 * file left out.
 */
export async function indexDeliverable(deliverableId: number) {
  try {
    const rows = await db
      .from('deliverable_files')
      .where('deliverable_id', deliverableId)
      .select('id')
    await indexDeliverableFiles(rows.map((row) => Number(row.id)))
  } catch (error) {
    logger.error({ err: error, deliverableId }, 'similarity index not updated')
  }
}

/**
 * Indexes every file that has no signature of the current algorithm (or
 * every file with `all`), oldest first; returns how many were indexed.
 */
export async function reindexDeliverableFiles(options: { all?: boolean } = {}) {
  const query = db.from('deliverable_files as f').orderBy('f.id').select('f.id')
  if (!options.all) {
    query
      .leftJoin('deliverable_file_signatures as s', 's.deliverable_file_id', 'f.id')
      .where((pending) =>
        pending.whereNull('s.deliverable_file_id').orWhereNot('s.algorithm', SIMILARITY_ALGORITHM)
      )
  }
  const rows = await query
  return indexDeliverableFiles(rows.map((row) => Number(row.id)))
}
