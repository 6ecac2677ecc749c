import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 抽查事项清单: per service item, what an inspection checks and on what legal
 * basis, kept by regulators; a plan names the entries it covers.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('inspection_list_entries', (table) => {
      table.increments('id').notNullable()
      table
        .integer('service_item_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('service_items')
      table.string('title', 200).notNullable()
      table.text('legal_basis').notNullable()
      table.integer('created_by_user_id').unsigned().notNullable().references('id').inTable('users')
      table.integer('updated_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['service_item_id'])
    })

    this.schema.createTable('inspection_plan_entries', (table) => {
      table
        .integer('plan_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('inspection_plans')
        .onDelete('CASCADE')
      table
        .integer('entry_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('inspection_list_entries')
      table.primary(['plan_id', 'entry_id'])
    })
  }

  async down() {
    this.schema.dropTable('inspection_plan_entries')
    this.schema.dropTable('inspection_list_entries')
  }
}
