import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Two integrity records:
 * - where accounts register and sign in from, as salted hashes of IP address
 *   and user agent only (one row per organisation and origin), so a rating
 *   between an owner and an agency working from one device earns no credit;
 *   an evaluation between related parties keeps the reason it was not counted;
 * - an objection a regulator has not decided by its response limit is marked
 *   once, when the tick finds it, and every regulator is told.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('sign_in_origins', (table) => {
      table.increments('id').notNullable()
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      // HMAC-SHA256 of "ip\nuser agent": compared, never shown or reversed.
      table.string('origin_hash', 64).notNullable()
      // How the origin was first seen: registration or login.
      table.string('first_event', 16).notNullable()
      table.timestamp('first_seen_at').notNullable()
      table.timestamp('last_seen_at').notNullable()
      table.unique(['organization_id', 'origin_hash'])
      table.index(['origin_hash'], 'sign_in_origins_hash_index')
    })
    this.schema.alterTable('evaluations', (table) => {
      // The relations (same phone, e-mail, person, device…) that kept the
      // rating from counting towards credit, comma-separated; null: counted.
      table.string('credit_withheld_reason', 120).nullable()
    })
    this.schema.alterTable('objections', (table) => {
      table.timestamp('overdue_at').nullable()
      table.index(['status', 'response_due_at'], 'objections_status_due_index')
    })
  }

  async down() {
    this.schema.alterTable('objections', (table) => {
      table.dropIndex(['status', 'response_due_at'], 'objections_status_due_index')
      table.dropColumn('overdue_at')
    })
    this.schema.alterTable('evaluations', (table) => {
      table.dropColumn('credit_withheld_reason')
    })
    this.schema.dropTable('sign_in_origins')
  }
}
