import { BaseSchema } from '@adonisjs/lucid/schema'
import { DateTime } from 'luxon'
import { DEFAULT_REPAIR_TERMS, publicationWindow } from '#domain/credit_repair'

/**
 * 信用修复 under the measures in force since 2026-04-01:
 * - each credit event keeps its class (轻微/一般/严重, null for positive
 *   information), when it may be repaired and when its publication ends, as
 *   the rule table said when it was recorded (events already recorded take
 *   the starting classes);
 * - a repair application carries the public credit commitment (信用承诺) and
 *   its evidence files;
 * - a ban may name the credit event that caused it, so a repair lifts it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('credit_events', (table) => {
      table.string('severity', 16).nullable()
      table.timestamp('repairable_from').nullable()
      table.timestamp('publication_ends_at').nullable()
    })
    this.schema.alterTable('credit_appeals', (table) => {
      table.text('commitment').nullable()
    })
    this.schema.createTable('credit_appeal_files', (table) => {
      table.increments('id').notNullable()
      table
        .integer('credit_appeal_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('credit_appeals')
      table.string('file_key', 200).notNullable()
      table.string('file_name', 255).notNullable()
      table.string('file_mime', 100).notNullable()
      table.integer('file_size').unsigned().notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['credit_appeal_id'])
    })
    this.schema.alterTable('bans', (table) => {
      table
        .integer('credit_event_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('credit_events')
    })
    this.defer(async (db) => {
      const rows: { id: number; type: string; occurred_at: Date | string }[] = await db
        .from('credit_events')
        .select('id', 'type', 'occurred_at')
      const format = (date: Date | null) =>
        date ? DateTime.fromJSDate(date).toUTC().toFormat('yyyy-MM-dd HH:mm:ss') : null
      for (const row of rows) {
        const terms = DEFAULT_REPAIR_TERMS[row.type]
        if (!terms) continue
        const occurred =
          row.occurred_at instanceof Date
            ? row.occurred_at
            : DateTime.fromSQL(String(row.occurred_at), { zone: 'utc' }).toJSDate()
        const window = publicationWindow(occurred, terms)
        await db
          .from('credit_events')
          .where('id', row.id)
          .update({
            severity: terms.severity === 'none' ? null : terms.severity,
            repairable_from: format(window.repairableFrom),
            publication_ends_at: format(window.publicationEndsAt),
          })
      }
    })
  }

  async down() {
    this.schema.alterTable('bans', (table) => {
      table.dropForeign(['credit_event_id'])
      table.dropColumn('credit_event_id')
    })
    this.schema.dropTable('credit_appeal_files')
    this.schema.alterTable('credit_appeals', (table) => {
      table.dropColumn('commitment')
    })
    this.schema.alterTable('credit_events', (table) => {
      table.dropColumn('publication_ends_at')
      table.dropColumn('repairable_from')
      table.dropColumn('severity')
    })
  }
}
