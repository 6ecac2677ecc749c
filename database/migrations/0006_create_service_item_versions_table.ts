import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Every published state of a catalog item (动态调整、及时公布): the current row
 * in service_items mirrors the latest version; this history is append-only.
 */
export default class extends BaseSchema {
  protected tableName = 'service_item_versions'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id').notNullable()
      table
        .integer('service_item_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('service_items')
        .onDelete('RESTRICT')
      table.integer('version').unsigned().notNullable()
      table.string('name', 200).notNullable()
      table.string('category', 100).notNullable()
      table.text('legal_basis').notNullable()
      table.string('required_qualification', 200).nullable()
      table.string('approval_item', 200).notNullable()
      table.string('approval_department', 100).notNullable()
      table.integer('time_limit_working_days').unsigned().notNullable()
      table.string('fee_type', 24).notNullable()
      table.bigint('fee_min_fen').unsigned().nullable()
      table.bigint('fee_max_fen').unsigned().nullable()
      table.string('status', 16).notNullable()
      table.text('change_reason').notNullable()
      table.date('effective_date').notNullable()
      table.integer('changed_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('created_at').notNullable()
      table.unique(['service_item_id', 'version'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
