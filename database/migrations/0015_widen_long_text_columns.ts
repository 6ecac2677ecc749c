import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * MySQL's TEXT holds 64 KB: too little for an audit payload of a large
 * opening or a 20,000-character service plan in four-byte characters (a
 * non-strict server would even cut the text silently and break the audit
 * chain). SQLite's TEXT has no such limit.
 */
export default class extends BaseSchema {
  async up() {
    if (this.db.dialect.name !== 'mysql') return
    this.schema.alterTable('audit_events', (table) => {
      table.text('payload', 'mediumtext').notNullable().alter()
    })
    this.schema.alterTable('bids', (table) => {
      table.text('service_plan', 'mediumtext').nullable().alter()
    })
    this.schema.alterTable('projects', (table) => {
      table.text('draws', 'longtext').nullable().alter()
    })
  }

  async down() {
    if (this.db.dialect.name !== 'mysql') return
    this.schema.alterTable('audit_events', (table) => {
      table.text('payload').notNullable().alter()
    })
    this.schema.alterTable('bids', (table) => {
      table.text('service_plan').nullable().alter()
    })
  }
}
