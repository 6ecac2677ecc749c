import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Projects posted by owners (SPEC "Posting a project"), with the draw
 * commitment published at publication and the secret seed kept encrypted
 * until opening, and the rule-set version the project runs under.
 */
export default class extends BaseSchema {
  protected tableName = 'projects'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id').notNullable()
      table.string('code', 32).notNullable().unique()
      table
        .integer('owner_organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('RESTRICT')
      table.integer('created_by_user_id').unsigned().notNullable().references('id').inTable('users')
      table
        .integer('service_item_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('service_items')
        .onDelete('RESTRICT')
      table.integer('service_item_version').unsigned().notNullable()
      table.string('title', 200).notNullable()
      table.text('description').notNullable()
      table.text('deliverables').notNullable()
      table.string('location', 200).notNullable()
      table.string('region_code', 6).notNullable()
      table.string('investment_project_code', 64).nullable()
      table.string('funding_source', 100).notNullable()
      table.bigint('ceiling_price_fen').unsigned().notNullable()
      table.bigint('floor_price_fen').unsigned().nullable()
      table.string('method', 24).notNullable()
      table.timestamp('response_deadline').notNullable()
      table.string('min_credit_grade', 1).nullable()
      table.integer('time_limit_working_days').unsigned().notNullable()
      table.text('weights').nullable()
      table
        .integer('direct_agency_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('organizations')
      table.integer('longlist_size').unsigned().nullable()
      table.integer('shortlist_size').unsigned().nullable()
      table.string('contact_name', 100).notNullable()
      table.string('contact_phone', 32).notNullable()
      table.string('status', 16).notNullable().defaultTo('draft')
      table.integer('ruleset_version').unsigned().nullable()
      table.string('draw_commitment', 64).nullable()
      // The secret seed, encrypted with the app key, revealed at opening.
      table.text('draw_seed_encrypted').nullable()
      table.timestamp('published_at').nullable()
      table.timestamp('cancelled_at').nullable()
      table.text('cancel_reason').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['status', 'response_deadline'])
      table.index(['owner_organization_id', 'status'])
      table.index(['service_item_id', 'status'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
