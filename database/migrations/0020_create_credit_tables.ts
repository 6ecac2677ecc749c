import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The credit ledger (SPEC "Service delivery, evaluation, credit"): versioned
 * rules (event type → points and validity) and the events behind every score,
 * each with its evidence. A score is the base plus the valid events, clamped
 * to 0–100; agency_profiles.credit_score keeps the current value for the
 * directory and for selection.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('credit_rule_sets', (table) => {
      table.increments('id').notNullable()
      table.integer('version').unsigned().notNullable().unique()
      table.text('rules').notNullable()
      table.text('change_reason').notNullable()
      table.integer('created_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('created_at').notNullable()
    })

    this.schema.createTable('credit_events', (table) => {
      table.increments('id').notNullable()
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('type', 48).notNullable()
      table.integer('points').notNullable()
      table.text('reason').notNullable()
      // What proves it: a contract, a qualification check, an evaluation… and its id.
      table.string('evidence_type', 32).nullable()
      table.integer('evidence_id').unsigned().nullable()
      table.integer('rule_version').unsigned().notNullable()
      table.timestamp('occurred_at').notNullable()
      table.timestamp('expires_at').notNullable()
      // valid; revoked on appeal; repaired (信用修复)
      table.string('status', 16).notNullable().defaultTo('valid')
      table.integer('recorded_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('created_at').notNullable()
      table.index(['organization_id', 'status', 'expires_at'], 'credit_events_agency_valid_index')
      table.unique(['type', 'evidence_type', 'evidence_id'], {
        indexName: 'credit_events_one_per_evidence',
      })
    })

    this.defer(async (db) => {
      await db.table('credit_rule_sets').insert({
        version: 1,
        rules: JSON.stringify({
          refused_to_sign: { points: -10, validityYears: 2 },
          contract_unsigned: { points: -5, validityYears: 2 },
          false_qualification: { points: -20, validityYears: 2 },
          overdue: { points: -5, validityYears: 2 },
          evaluation_good: { points: 1, validityYears: 2 },
          evaluation_bad: { points: -5, validityYears: 2 },
          upheld_complaint: { points: -10, validityYears: 2 },
          approval_first_time: { points: 2, validityYears: 2 },
          approval_rejected: { points: -5, validityYears: 2 },
          regulator_penalty: { points: -10, validityYears: 2 },
          regulator_commendation: { points: 5, validityYears: 2 },
        }),
        change_reason: '初始信用规则（规格说明默认值：基础分 80，有效期 2 年）',
        created_by_user_id: null,
        created_at: '2026-01-01 00:00:00',
      })
    })
  }

  async down() {
    this.schema.dropTable('credit_events')
    this.schema.dropTable('credit_rule_sets')
  }
}
