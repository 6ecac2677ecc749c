import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Sealed bids (SPEC "Sealed bids"): the quote and the nonce are encrypted with
 * the app key until opening; only the receipt (a SHA-256 commitment) is in
 * clear. The last active bid of an agency counts; earlier ones are kept as
 * replaced or withdrawn.
 */
export default class extends BaseSchema {
  protected tableName = 'bids'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id').notNullable()
      table.integer('project_id').unsigned().notNullable().references('id').inTable('projects')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table
        .integer('submitted_by_user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
      table.text('quote_encrypted').notNullable()
      table.text('nonce_encrypted').notNullable()
      table.string('receipt', 64).notNullable().unique()
      // active: counts at opening; replaced by a later bid; withdrawn before the deadline
      table.string('status', 16).notNullable()
      table.string('ip', 64).nullable()
      table.string('user_agent', 300).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['project_id', 'status'])
      table.index(['project_id', 'organization_id', 'status'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
