import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Two-sided termination (合同解除):
 * - the owner confirms each milestone's work as accepted (节点验收): only the
 *   milestones not accepted are refunded when a contract ends early;
 * - one termination record per contract: its grounds from a closed list, the
 *   agency's answer within the contest window (contest, or agree to a full
 *   refund), the regulator's decision on a contest within its limit (marked
 *   overdue once when late), and when the refunds were asked of Stripe.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('milestones', (table) => {
      table.timestamp('accepted_at').nullable()
      table.integer('accepted_by_user_id').unsigned().nullable().references('id').inTable('users')
    })
    this.schema.createTable('contract_terminations', (table) => {
      table.increments('id').notNullable()
      table
        .integer('contract_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('id')
        .inTable('contracts')
      table.integer('project_id').unsigned().notNullable().references('id').inTable('projects')
      // breach (违约) | agreement (协商一致) | force_majeure (不可抗力)
      table.string('ground', 16).notNullable()
      // For a breach: the clause and the facts relied on.
      table.text('breach_clause').nullable()
      table.text('statement').notNullable()
      table
        .integer('terminated_by_user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
      table.timestamp('terminated_at').notNullable()
      table.timestamp('contest_due_at').notNullable()
      // contestable | contested | settled | decided (contract_lifecycle TERMINATION_STATES)
      table.string('status', 16).notNullable()
      // The agency's answer: contested | agreed; null while none was given.
      table.string('agency_answer', 16).nullable()
      table.text('contest_reason').nullable()
      table.integer('answered_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('answered_at').nullable()
      table.timestamp('decision_due_at').nullable()
      table.timestamp('overdue_at').nullable()
      // upheld | rejected
      table.string('decision', 16).nullable()
      table.text('decision_reasons').nullable()
      table.integer('decided_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('decided_at').nullable()
      // What is refunded once settled or decided: unaccepted | all | none
      table.string('refund_scope', 16).nullable()
      table.timestamp('settled_at').nullable()
      table.timestamp('refunds_requested_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['status', 'contest_due_at'], 'contract_terminations_status_contest_index')
      table.index(['status', 'decision_due_at'], 'contract_terminations_status_decision_index')
    })
  }

  async down() {
    this.schema.dropTable('contract_terminations')
    this.schema.alterTable('milestones', (table) => {
      table.dropForeign(['accepted_by_user_id'])
      table.dropColumn('accepted_by_user_id')
      table.dropColumn('accepted_at')
    })
  }
}
