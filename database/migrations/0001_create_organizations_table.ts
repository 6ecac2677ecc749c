import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Organisations: owners, agencies, regulators and the platform operator, each
 * identified by its 统一社会信用代码 (USCC).
 */
export default class extends BaseSchema {
  protected tableName = 'organizations'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id').notNullable()
      table.string('name', 200).notNullable()
      table.string('uscc', 18).notNullable().unique()
      table.string('kind', 16).notNullable().index()
      table.string('region_code', 6).notNullable().index()
      table.string('contact_name', 100).nullable()
      table.string('phone', 32).nullable()
      table.string('email', 254).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
