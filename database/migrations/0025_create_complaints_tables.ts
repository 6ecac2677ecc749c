import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Complaints (投诉举报): about an agency, an owner and/or a project, from a
 * signed-in user, the public or nobody known; found again only through the
 * SHA-256 of their tracking code (the code itself is shown once and never
 * stored). The response limit and the reminder are fixed at filing in working
 * days; the tick marks an unanswered complaint overdue once.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('complaints', (table) => {
      table.increments('id').notNullable()
      // filed · assigned · answered
      table.string('state', 16).notNullable()
      table.string('category', 32).notNullable()
      table.text('text').notNullable()
      table
        .integer('agency_organization_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('organizations')
      table
        .integer('owner_organization_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('organizations')
      table.integer('project_id').unsigned().nullable().references('id').inTable('projects')
      // user (signed in) · public (with optional contact) · anonymous
      table.string('complainant_kind', 16).notNullable()
      table.integer('complainant_user_id').unsigned().nullable().references('id').inTable('users')
      table
        .integer('complainant_organization_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('organizations')
      table.string('contact_name', 100).nullable()
      table.string('contact_phone', 32).nullable()
      table.string('contact_email', 254).nullable()
      table.string('tracking_code_hash', 64).notNullable().unique()
      table.integer('rule_version').unsigned().notNullable()
      table.timestamp('filed_at').notNullable()
      table.timestamp('remind_at').nullable()
      table.timestamp('due_at').notNullable()
      table.integer('assignee_user_id').unsigned().nullable().references('id').inTable('users')
      table.integer('assigned_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('assigned_at').nullable()
      table.timestamp('reminded_at').nullable()
      table.timestamp('overdue_at').nullable()
      // upheld (查实) · rejected (不成立)
      table.string('outcome', 16).nullable()
      table.text('decision').nullable()
      table.boolean('outcome_public').notNullable().defaultTo(false)
      table.integer('answered_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('answered_at').nullable()
      table.integer('credit_event_id').unsigned().nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['state', 'due_at'])
      table.index(['outcome_public', 'answered_at'])
      table.index(['agency_organization_id'])
    })

    this.schema.createTable('complaint_files', (table) => {
      table.increments('id').notNullable()
      table.integer('complaint_id').unsigned().notNullable().references('id').inTable('complaints')
      table.string('file_key', 200).notNullable()
      table.string('file_name', 255).notNullable()
      table.string('file_mime', 100).notNullable()
      table.integer('file_size').unsigned().notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['complaint_id'])
    })
  }

  async down() {
    this.schema.dropTable('complaint_files')
    this.schema.dropTable('complaints')
  }
}
