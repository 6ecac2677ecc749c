import { BaseSchema } from '@adonisjs/lucid/schema'
import { CALENDAR_2026 } from '#database/data/calendar_2026'

/**
 * The working-day calendar: only the exceptions to "Monday–Friday work" —
 * public holidays on weekdays and make-up working days (调休) on weekends.
 * 2026 is reference data from the official schedule; the admin enters later
 * years on the calendar page.
 */
export default class extends BaseSchema {
  protected tableName = 'calendar_days'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('day', 10).notNullable().primary()
      table.boolean('working').notNullable()
      table.string('note', 100).notNullable()
      table.integer('updated_by_user_id').unsigned().nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
    })

    this.defer(async (db) => {
      const now = new Date()
      await db
        .table(this.tableName)
        .multiInsert(CALENDAR_2026.map((entry) => ({ ...entry, created_at: now, updated_at: now })))
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
