import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Sessions live on the server (this table, unless REDIS_URL puts them in
 * Redis): logging out deletes the row, so a copied cookie opens nothing.
 * A user's `session_epoch` counts the times all their sessions were ended
 * (password change, suspension): a session started under an older epoch is
 * no longer accepted, whichever store holds it. A suspended account
 * (`suspended_at`) cannot log in nor use a token.
 */
export default class extends BaseSchema {
  async up() {
    // The shape @adonisjs/session's database store reads and writes.
    this.schema.createTable('sessions', (table) => {
      table.string('id').primary()
      table.text('data').notNullable()
      table.string('user_id').nullable().index()
      table.timestamp('expires_at').notNullable().index()
    })
    this.schema.alterTable('users', (table) => {
      table.integer('session_epoch').unsigned().notNullable().defaultTo(0)
      table.timestamp('suspended_at').nullable()
      table.string('suspension_reason', 500).nullable()
    })
  }

  async down() {
    this.schema.alterTable('users', (table) => {
      table.dropColumn('suspension_reason')
      table.dropColumn('suspended_at')
      table.dropColumn('session_epoch')
    })
    this.schema.dropTable('sessions')
  }
}
