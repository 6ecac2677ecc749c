import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { parseOfficialsCsv } from '#domain/serving_officials'
import { refuseInput } from '#exceptions/invalid_input_exception'
import { recordAuditEvent } from '#services/audit_log'
import { sqlTime } from '#services/sql_time'
import { clock } from '#services/clock'

/** Hashes per INSERT: far below SQLite's bound-parameter limit. */
const BATCH = 400

/**
 * A regulator loads the list of serving officials (在职公职人员): a CSV of
 * salted ID hashes made by `node ace officials:hash`, with its source and
 * date. The new list replaces the old one whole; the old one's hashes are
 * deleted (only its source, date and count stay). A file that is not such a
 * CSV is refused whole, naming the first bad line but never its content.
 */
export async function loadServingOfficials(
  text: string,
  input: { source: string; asOf: Date },
  actor: User
) {
  const parsed = parseOfficialsCsv(text)
  if (!parsed.ok) {
    const { code, ...data } = parsed.problem
    refuseInput([
      {
        field: 'file',
        rule: `officials.${code}`,
        identifier: `integrity.officials.problems.${code}`,
        data,
      },
    ])
  }
  const { hashes } = parsed
  return db.transaction(async (trx) => {
    const [id] = await trx.table('serving_official_lists').insert({
      source: input.source,
      as_of: input.asOf.toISOString().slice(0, 10),
      row_count: hashes.length,
      uploaded_by_user_id: actor.id,
      created_at: sqlTime(clock.now()),
    })
    const listId = Number(id)
    await trx.from('serving_officials').whereNot('list_id', listId).delete()
    for (let start = 0; start < hashes.length; start += BATCH) {
      await trx
        .table('serving_officials')
        .multiInsert(
          hashes.slice(start, start + BATCH).map((hash) => ({ list_id: listId, id_hash: hash }))
        )
    }
    await recordAuditEvent(trx, {
      actor,
      action: 'officials.list_loaded',
      subjectType: 'serving_official_list',
      subjectId: listId,
      payload: {
        source: input.source,
        asOf: input.asOf.toISOString().slice(0, 10),
        rows: hashes.length,
      },
    })
    return { id: listId, rows: hashes.length }
  })
}
