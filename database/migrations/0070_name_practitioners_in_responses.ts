import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Named practitioners answer for their work (项目负责人): a practitioner's own
 * qualification (the type an item requires, and until when it is valid); the
 * project lead and team each response names, kept as they were named (name and
 * ID-number hash), so that a person removed later, or banned under another
 * agency, is still judged and still has a practice record; and the lead
 * carried into the contract and into each delivery submission.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('practitioners', (table) => {
      table.string('qualification_type', 200).nullable()
      table.date('qualification_valid_until').nullable()
    })

    this.schema.createTable('bid_practitioners', (table) => {
      table.increments('id').notNullable()
      table.integer('bid_id').unsigned().notNullable().references('id').inTable('bids')
      // Null once the agency no longer names the person.
      table
        .integer('practitioner_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('practitioners')
        .onDelete('SET NULL')
      table.integer('organization_id').unsigned().notNullable()
      // lead: 项目负责人 · member: a member of the team
      table.string('role', 8).notNullable()
      table.string('name', 100).notNullable()
      table.string('id_number_hash', 64).notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['bid_id'])
      table.index(['practitioner_id'])
      table.index(['id_number_hash'])
    })

    this.schema.alterTable('contracts', (table) => {
      table.integer('lead_practitioner_id').unsigned().nullable()
      table.string('lead_name', 100).nullable()
      table.index(['lead_practitioner_id'])
    })

    this.schema.alterTable('deliverables', (table) => {
      table.string('lead_name', 100).nullable()
    })
  }

  async down() {
    this.schema.alterTable('deliverables', (table) => {
      table.dropColumn('lead_name')
    })
    this.schema.alterTable('contracts', (table) => {
      table.dropIndex(['lead_practitioner_id'])
      table.dropColumn('lead_name')
      table.dropColumn('lead_practitioner_id')
    })
    this.schema.dropTable('bid_practitioners')
    this.schema.alterTable('practitioners', (table) => {
      table.dropColumn('qualification_valid_until')
      table.dropColumn('qualification_type')
    })
  }
}
