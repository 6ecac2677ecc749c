import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The catalog of intermediary service items (中介服务事项清单): the fields the
 * seeds require to be public — 名称、设定依据、资质要求、对应审批项目及部门、服务时限、收费标准.
 */
export default class extends BaseSchema {
  protected tableName = 'service_items'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id').notNullable()
      table.string('code', 32).notNullable().unique()
      table.string('name', 200).notNullable()
      table.string('category', 100).notNullable().index()
      table.text('legal_basis').notNullable()
      table.string('required_qualification', 200).nullable()
      table.string('approval_item', 200).notNullable()
      table.string('approval_department', 100).notNullable()
      table.integer('time_limit_working_days').unsigned().notNullable()
      table.string('fee_type', 24).notNullable()
      table.bigint('fee_min_fen').unsigned().nullable()
      table.bigint('fee_max_fen').unsigned().nullable()
      table.string('status', 16).notNullable().defaultTo('active').index()
      table.integer('version').unsigned().notNullable().defaultTo(1)
      table.text('change_reason').nullable()
      table.date('effective_date').notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
