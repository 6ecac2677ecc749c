import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The append-only, hash-chained audit log of every state change of the
 * market: each event stores the previous event's hash, and a single head row
 * (locked while appending) keeps the chain linear across instances.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('audit_events', (table) => {
      table.bigIncrements('id').notNullable()
      // ISO 8601 UTC text, hashed exactly as stored.
      table.string('occurred_at', 30).notNullable()
      table.integer('actor_user_id').unsigned().nullable()
      table.string('actor_role', 16).nullable()
      table.string('action', 64).notNullable()
      table.string('subject_type', 32).notNullable()
      table.string('subject_id', 64).notNullable()
      table.text('payload').notNullable()
      table.string('previous_hash', 64).notNullable()
      table.string('hash', 64).notNullable().unique()
      table.index(['subject_type', 'subject_id'])
      table.index(['action'])
    })

    this.schema.createTable('audit_chain', (table) => {
      table.integer('id').unsigned().notNullable().primary()
      table.bigInteger('last_event_id').unsigned().nullable()
      table.string('last_hash', 64).notNullable()
    })

    this.defer(async (db) => {
      await db
        .table('audit_chain')
        .insert({ id: 1, last_event_id: null, last_hash: '0'.repeat(64) })
    })
  }

  async down() {
    this.schema.dropTable('audit_chain')
    this.schema.dropTable('audit_events')
  }
}
