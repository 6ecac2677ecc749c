import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * In-app notifications (SPEC "Notifications"). A notification is addressed to
 * an organisation: every user of it sees it, and reading it marks it read for
 * all of them. Title and body are rendered from `kind` and `data` in the
 * reader's language, so nothing translated is stored.
 */
export default class extends BaseSchema {
  protected tableName = 'notifications'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id').notNullable()
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.string('kind', 48).notNullable()
      table
        .integer('project_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('projects')
        .onDelete('CASCADE')
      // The placeholders of the kind's title and body (JSON object).
      table.text('data').notNullable()
      table.timestamp('read_at').nullable()
      table.timestamp('created_at').notNullable()
      // The inbox (newest first), its unread filter and the badge count.
      table.index(['organization_id', 'read_at', 'id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
