import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Opening and its aftermath (SPEC "Selection methods", "Publicity and
 * objections"): the revealed seed and the draws on the project, the revealed
 * quote and its judgement on each bid, consortium members, and objections.
 * A re-published project starts a new round; bids belong to one round.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('projects', (table) => {
      table.integer('round').unsigned().notNullable().defaultTo(1)
      // What the selection waits for while opened: justification, owner_decision,
      // plan_scores, pick; for direct selection while published: confirmation.
      table.string('stage', 24).nullable()
      table.timestamp('stage_due_at').nullable()
      table.timestamp('opened_at').nullable()
      table.string('draw_seed', 64).nullable()
      table.string('draw_seed_mixed', 64).nullable()
      // The draws performed, in order: [{purpose, candidates, picks}] (JSON).
      // LONGTEXT on MySQL: a random draw over 10,000 bids lists 20,000 USCCs.
      table.text('draws', 'longtext').nullable()
      table.integer('base_percent').unsigned().nullable()
      table.bigint('reference_price_fen').unsigned().nullable()
      table
        .integer('winner_organization_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('organizations')
      table.text('pick_reason').nullable()
      table.timestamp('publicity_started_at').nullable()
      table.timestamp('publicity_ends_at').nullable()
      table.timestamp('awarded_at').nullable()
      table.timestamp('failed_at').nullable()
      table.string('fail_reason', 32).nullable()
      table.index(['status', 'stage_due_at'], 'projects_status_stage_due_index')
      table.index(['status', 'publicity_ends_at'], 'projects_status_publicity_ends_index')
    })

    this.schema.alterTable('bids', (table) => {
      table.integer('round').unsigned().notNullable().defaultTo(1)
      // Revealed at opening, never before.
      table.bigint('quote_fen').unsigned().nullable()
      table.string('nonce', 32).nullable()
      // Whether the receipt entered the draw seed (valid at opening).
      table.boolean('in_draw_seed').notNullable().defaultTo(false)
      table.boolean('valid').nullable()
      table.string('invalid_reason', 48).nullable()
      table.boolean('abnormally_low').notNullable().defaultTo(false)
      table.text('justification').nullable()
      table.timestamp('justified_at').nullable()
      table.string('owner_decision', 8).nullable()
      table.text('owner_decision_reason').nullable()
      table.timestamp('owner_decided_at').nullable()
      table.text('service_plan').nullable()
      table.integer('plan_score_centi').unsigned().nullable()
      table.text('plan_score_reason').nullable()
      table.integer('score_centi').unsigned().nullable()
      table.integer('rank').unsigned().nullable()
      table.index(['project_id', 'round', 'status'], 'bids_project_round_status_index')
    })

    this.schema.createTable('bid_members', (table) => {
      table.increments('id').notNullable()
      table.integer('bid_id').unsigned().notNullable().references('id').inTable('bids')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table
        .integer('service_item_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('service_items')
      table.unique(['bid_id', 'organization_id'])
    })

    this.schema.createTable('objections', (table) => {
      table.increments('id').notNullable()
      table.integer('project_id').unsigned().notNullable().references('id').inTable('projects')
      table.integer('round').unsigned().notNullable()
      // The bid objected to (the winner's when the objector names none).
      table.integer('bid_id').unsigned().notNullable().references('id').inTable('bids')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('filed_by_user_id').unsigned().notNullable().references('id').inTable('users')
      table.text('reason').notNullable()
      table.string('status', 16).notNullable()
      table.timestamp('response_due_at').notNullable()
      table.text('decision').nullable()
      table.integer('decided_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('decided_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['project_id', 'status'])
      table.index(['status', 'response_due_at'])
    })
  }

  async down() {
    this.schema.dropTable('objections')
    this.schema.dropTable('bid_members')
    this.schema.alterTable('bids', (table) => {
      table.dropIndex(['project_id', 'round', 'status'], 'bids_project_round_status_index')
      for (const column of [
        'round',
        'quote_fen',
        'nonce',
        'in_draw_seed',
        'valid',
        'invalid_reason',
        'abnormally_low',
        'justification',
        'justified_at',
        'owner_decision',
        'owner_decision_reason',
        'owner_decided_at',
        'service_plan',
        'plan_score_centi',
        'plan_score_reason',
        'score_centi',
        'rank',
      ]) {
        table.dropColumn(column)
      }
    })
    this.schema.alterTable('projects', (table) => {
      table.dropIndex(['status', 'stage_due_at'], 'projects_status_stage_due_index')
      table.dropIndex(['status', 'publicity_ends_at'], 'projects_status_publicity_ends_index')
      table.dropForeign(['winner_organization_id'])
      for (const column of [
        'round',
        'stage',
        'stage_due_at',
        'opened_at',
        'draw_seed',
        'draw_seed_mixed',
        'draws',
        'base_percent',
        'reference_price_fen',
        'winner_organization_id',
        'pick_reason',
        'publicity_started_at',
        'publicity_ends_at',
        'awarded_at',
        'failed_at',
        'fail_reason',
      ]) {
        table.dropColumn(column)
      }
    })
  }
}
