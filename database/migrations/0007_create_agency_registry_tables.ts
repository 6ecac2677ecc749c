import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The agency registry (中介机构库): profiles with service commitments, the
 * items each agency offers, qualifications with their spot checks, and the
 * practitioners and managers it names (ID numbers only as salted hashes).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('agency_profiles', (table) => {
      table.increments('id').notNullable()
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.text('description').nullable()
      table.string('commitment_time', 500).nullable()
      table.string('commitment_fee', 500).nullable()
      table.string('commitment_quality', 500).nullable()
      // active: listed; withdrawn: left the market voluntarily (自愿退出)
      table.string('status', 16).notNullable().defaultTo('active')
      // Base score until the credit ledger computes one; kept here for filtering and sorting.
      table.integer('credit_score').notNullable().defaultTo(80)
      table.integer('item_count').unsigned().notNullable().defaultTo(0)
      table.timestamp('listed_at').nullable()
      table.timestamp('withdrawn_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['status', 'item_count', 'credit_score'])
      table.index(['status', 'listed_at'])
    })

    this.schema.createTable('agency_service_items', (table) => {
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table
        .integer('service_item_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('service_items')
        .onDelete('RESTRICT')
      table.primary(['organization_id', 'service_item_id'])
      table.index(['service_item_id', 'organization_id'])
    })

    this.schema.createTable('qualifications', (table) => {
      table.increments('id').notNullable()
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.string('type', 200).notNullable()
      table.string('level', 50).nullable()
      table.string('certificate_no', 100).notNullable()
      table.string('issuer', 200).notNullable()
      table.date('valid_until').notNullable()
      table.string('file_key', 200).nullable()
      table.string('file_name', 255).nullable()
      table.string('file_mime', 50).nullable()
      table.integer('file_size').unsigned().nullable()
      // unverified → verified | false (after a regulator's spot check)
      table.string('status', 16).notNullable().defaultTo('unverified')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['organization_id'])
      table.index(['status'])
    })

    this.schema.createTable('qualification_checks', (table) => {
      table.increments('id').notNullable()
      table
        .integer('qualification_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('qualifications')
        .onDelete('CASCADE')
      table.integer('checked_by_user_id').unsigned().notNullable().references('id').inTable('users')
      table.string('outcome', 16).notNullable()
      table.text('note').notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['qualification_id'])
    })

    this.schema.createTable('practitioners', (table) => {
      table.increments('id').notNullable()
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.string('name', 100).notNullable()
      table.string('role', 16).notNullable()
      table.string('certificate_no', 100).nullable()
      table.string('id_number_hash', 64).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['organization_id'])
      table.index(['id_number_hash'])
      table.unique(['organization_id', 'id_number_hash'])
    })
  }

  async down() {
    this.schema.dropTable('practitioners')
    this.schema.dropTable('qualification_checks')
    this.schema.dropTable('qualifications')
    this.schema.dropTable('agency_service_items')
    this.schema.dropTable('agency_profiles')
  }
}
