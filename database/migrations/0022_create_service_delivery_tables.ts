import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Service delivery and evaluation (SPEC "Service delivery, evaluation,
 * credit"): the service clock on the contract (due date in working days,
 * owner pauses for 补正, overdue once), deliverables with their files and
 * extracted text, the approving department's outcome, two-sided evaluations
 * with the agency's reply, follow-up cases for bad ratings, and replies,
 * appeals and repair applications against credit events.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('contracts', (table) => {
      table.integer('time_limit_working_days').unsigned().nullable()
      table.timestamp('service_started_at').nullable()
      table.timestamp('service_due_at').nullable()
      table.timestamp('paused_at').nullable()
      table.integer('paused_working_days').unsigned().notNullable().defaultTo(0)
      table.timestamp('overdue_at').nullable()
      table.timestamp('delivered_at').nullable()
      table.timestamp('accepted_at').nullable()
      table.timestamp('evaluation_due_at').nullable()
      // passed (first time) · corrections (补正 n times, then passed) · rejected
      table.string('approval_outcome', 16).nullable()
      table.integer('approval_corrections').unsigned().nullable()
      table.timestamp('approval_recorded_at').nullable()
      table.index(['service_due_at'])
      table.index(['evaluation_due_at'])
    })

    this.schema.createTable('contract_pauses', (table) => {
      table.increments('id').notNullable()
      table.integer('contract_id').unsigned().notNullable().references('id').inTable('contracts')
      table.text('reason').notNullable()
      table.timestamp('paused_at').notNullable()
      table.timestamp('resumed_at').nullable()
      // Working days the pause added to the due date (set on resumption).
      table.integer('working_days').unsigned().nullable()
      table.integer('paused_by_user_id').unsigned().notNullable().references('id').inTable('users')
      table.integer('resumed_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.index(['contract_id'])
    })

    this.schema.createTable('deliverables', (table) => {
      table.increments('id').notNullable()
      table.integer('contract_id').unsigned().notNullable().references('id').inTable('contracts')
      // 1 for the first submission, 2 after the first return, …
      table.integer('round').unsigned().notNullable()
      table.text('summary').notNullable()
      // submitted · accepted · returned
      table.string('status', 16).notNullable()
      table.text('return_reason').nullable()
      table
        .integer('submitted_by_user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
      table.timestamp('submitted_at').notNullable()
      table.integer('decided_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('decided_at').nullable()
      table.unique(['contract_id', 'round'])
    })

    this.schema.createTable('deliverable_files', (table) => {
      table.increments('id').notNullable()
      table
        .integer('deliverable_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('deliverables')
      table.string('file_key', 200).notNullable()
      table.string('file_name', 255).notNullable()
      table.string('file_mime', 100).notNullable()
      table.integer('file_size').unsigned().notNullable()
      // The text extracted for the report-similarity analysis (中介文本对比分析).
      table.text('text_content', 'longtext').notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['deliverable_id'])
    })

    this.schema.createTable('evaluations', (table) => {
      table.increments('id').notNullable()
      table.integer('contract_id').unsigned().notNullable().references('id').inTable('contracts')
      // of_agency: the owner rates the agency · of_owner: the agency rates the owner (政务诚信)
      table.string('direction', 16).notNullable()
      table
        .integer('rater_organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table
        .integer('rated_organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('quality').unsigned().nullable()
      table.integer('timeliness').unsigned().nullable()
      table.integer('attitude').unsigned().nullable()
      table.integer('fee_compliance').unsigned().nullable()
      table.integer('cooperation').unsigned().nullable()
      table.integer('payment_timeliness').unsigned().nullable()
      table.text('comment').nullable()
      // rater: given by the rater · default: recorded by the market when the window passed in silence
      table.string('origin', 8).notNullable()
      table.text('reply').nullable()
      table.timestamp('replied_at').nullable()
      table.integer('created_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('created_at').notNullable()
      table.unique(['contract_id', 'direction'])
      table.index(['rated_organization_id', 'direction'])
    })

    this.schema.createTable('follow_up_cases', (table) => {
      table.increments('id').notNullable()
      table
        .integer('evaluation_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('id')
        .inTable('evaluations')
      table
        .integer('agency_organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      // open → rectification 整改 → supervision 督办 → revisit 回访 → closed
      table.string('status', 16).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['status'])
    })

    this.schema.createTable('follow_up_steps', (table) => {
      table.increments('id').notNullable()
      table.integer('case_id').unsigned().notNullable().references('id').inTable('follow_up_cases')
      table.string('step', 16).notNullable()
      table.date('step_date').notNullable()
      table.text('note').notNullable()
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      table.timestamp('created_at').notNullable()
      table.index(['case_id'])
    })

    this.schema.alterTable('credit_events', (table) => {
      table.text('reply').nullable()
      table.timestamp('replied_at').nullable()
    })

    this.schema.alterTable('credit_rule_sets', (table) => {
      // What grade A earns (守信激励), as the rule table says.
      table.text('incentives').nullable()
    })

    this.schema.createTable('credit_appeals', (table) => {
      table.increments('id').notNullable()
      table
        .integer('credit_event_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('credit_events')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      // appeal 申诉 (within the appeal window) · repair 信用修复 (after correcting)
      table.string('kind', 8).notNullable()
      table.text('reason').notNullable()
      // pending · granted · refused
      table.string('status', 8).notNullable()
      table.timestamp('decision_due_at').notNullable()
      table.text('decision').nullable()
      table.integer('decided_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('decided_at').nullable()
      table.integer('created_by_user_id').unsigned().notNullable().references('id').inTable('users')
      table.timestamp('created_at').notNullable()
      table.index(['status', 'decision_due_at'])
      table.index(['credit_event_id'])
    })
  }

  async down() {
    this.schema.dropTable('credit_appeals')
    this.schema.alterTable('credit_rule_sets', (table) => table.dropColumn('incentives'))
    this.schema.alterTable('credit_events', (table) => {
      table.dropColumn('reply')
      table.dropColumn('replied_at')
    })
    this.schema.dropTable('follow_up_steps')
    this.schema.dropTable('follow_up_cases')
    this.schema.dropTable('evaluations')
    this.schema.dropTable('deliverable_files')
    this.schema.dropTable('deliverables')
    this.schema.dropTable('contract_pauses')
    this.schema.alterTable('contracts', (table) => {
      table.dropIndex(['service_due_at'])
      table.dropIndex(['evaluation_due_at'])
      for (const column of [
        'time_limit_working_days',
        'service_started_at',
        'service_due_at',
        'paused_at',
        'paused_working_days',
        'overdue_at',
        'delivered_at',
        'accepted_at',
        'evaluation_due_at',
        'approval_outcome',
        'approval_corrections',
        'approval_recorded_at',
      ]) {
        table.dropColumn(column)
      }
    })
  }
}
