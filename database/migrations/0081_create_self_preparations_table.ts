import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 允许企业自主编制: an owner's record that it prepares an item's work itself
 * instead of selecting an agency, for items the catalog marks so. Kept with
 * the item version it relied on; withdrawn (never deleted) when the owner
 * turns to the market after all.
 */
export default class extends BaseSchema {
  protected tableName = 'self_preparations'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id').notNullable()
      table
        .integer('owner_organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('RESTRICT')
      table
        .integer('service_item_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('service_items')
        .onDelete('RESTRICT')
      table.integer('service_item_version').unsigned().notNullable()
      table.string('title', 200).notNullable()
      table.string('investment_project_code', 32).nullable()
      table.string('region_code', 6).notNullable()
      table.text('statement').notNullable()
      // recorded → withdrawn
      table.string('status', 16).notNullable().defaultTo('recorded')
      table
        .integer('recorded_by_user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
      table.timestamp('created_at').notNullable()
      table.timestamp('withdrawn_at').nullable()
      table.text('withdraw_reason').nullable()
      table.index(['owner_organization_id', 'created_at'], 'self_preparations_by_owner')
      table.index(['service_item_id', 'created_at'], 'self_preparations_by_item')
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
