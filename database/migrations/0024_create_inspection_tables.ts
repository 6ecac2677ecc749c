import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 双随机、一公开: inspection plans that draw agencies and inspectors with the
 * verifiable draw (the candidate lists, the seed and the draw seed are kept so
 * that anyone can recompute), the drawn agencies with their published results
 * and evidence files, the drawn inspectors, and the inspectors' declared
 * relations to agencies (回避申报) that keep them out of a plan.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('inspection_plans', (table) => {
      table.increments('id').notNullable()
      table.string('name', 200).notNullable()
      // Scope (optional): one catalog item, one region (a province includes its cities).
      table
        .integer('service_item_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('service_items')
      table.string('region_code', 6).nullable()
      table.integer('agency_count').unsigned().notNullable()
      table.integer('inspector_count').unsigned().notNullable()
      // Published at once: the draw happens when the plan is made.
      table.string('seed', 64).notNullable()
      table.string('draw_commitment', 64).notNullable()
      table.string('draw_seed', 64).notNullable()
      // JSON: ids ascending, as drawn from; exclusions as [{userId, agencyId, reason}].
      table.text('agency_candidates', 'longtext').notNullable()
      table.text('inspector_candidates', 'longtext').notNullable()
      table.text('excluded_inspectors', 'longtext').notNullable()
      table.integer('created_by_user_id').unsigned().notNullable().references('id').inTable('users')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['created_at'])
    })

    this.schema.createTable('inspection_targets', (table) => {
      table.increments('id').notNullable()
      table
        .integer('plan_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('inspection_plans')
        .onDelete('CASCADE')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      // 1 for the first agency drawn, 2 for the next…
      table.integer('draw_rank').unsigned().notNullable()
      // null until recorded; then qualified (合格) · rectification (责令整改) · case_opened (立案)
      table.string('outcome', 16).nullable()
      table.text('note').nullable()
      table.integer('recorded_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('recorded_at').nullable()
      table.integer('credit_event_id').unsigned().nullable()
      table.unique(['plan_id', 'organization_id'])
      table.index(['organization_id'])
    })

    this.schema.createTable('inspection_inspectors', (table) => {
      table.increments('id').notNullable()
      table
        .integer('plan_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('inspection_plans')
        .onDelete('CASCADE')
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      table.integer('draw_rank').unsigned().notNullable()
      table.unique(['plan_id', 'user_id'])
      table.index(['user_id'])
    })

    this.schema.createTable('inspection_files', (table) => {
      table.increments('id').notNullable()
      table
        .integer('target_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('inspection_targets')
        .onDelete('CASCADE')
      table.string('file_key', 200).notNullable()
      table.string('file_name', 255).notNullable()
      table.string('file_mime', 50).notNullable()
      table.integer('file_size').unsigned().notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['target_id'])
    })

    this.schema.createTable('inspection_recusals', (table) => {
      table.increments('id').notNullable()
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.text('reason').notNullable()
      table
        .integer('declared_by_user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
      table.timestamp('created_at').notNullable()
      table.unique(['user_id', 'organization_id'])
    })
  }

  async down() {
    this.schema.dropTable('inspection_recusals')
    this.schema.dropTable('inspection_files')
    this.schema.dropTable('inspection_inspectors')
    this.schema.dropTable('inspection_targets')
    this.schema.dropTable('inspection_plans')
  }
}
