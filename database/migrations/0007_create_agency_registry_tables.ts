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
      // Directory index, kept by the registry actions: listed = active and offering an item;
      // the organisation's region and its province (first two digits) for equality filters.
      table.boolean('listed').notNullable().defaultTo(false)
      table.string('region_code', 6).notNullable().defaultTo('')
      table.string('province_code', 2).notNullable().defaultTo('')
      table.timestamp('listed_at').nullable()
      table.timestamp('withdrawn_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      // Each index ends with organization_id, the tie-break of every sort, so that a page
      // is read in index order (both columns descending) instead of sorting all rows.
      // (Explicit names: MySQL allows 64 characters.)
      table.index(['listed', 'credit_score', 'organization_id'], 'agency_profiles_by_credit')
      table.index(
        ['listed', 'province_code', 'credit_score', 'organization_id'],
        'agency_profiles_by_province'
      )
      table.index(
        ['listed', 'region_code', 'credit_score', 'organization_id'],
        'agency_profiles_by_region'
      )
      table.index(['listed', 'listed_at', 'organization_id'], 'agency_profiles_by_listing')
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
      // Copies of the agency's directory fields, so that a directory page filtered by item
      // is answered from one index (item → listed → province → credit score).
      table.boolean('listed').notNullable().defaultTo(false)
      table.string('region_code', 6).notNullable().defaultTo('')
      table.string('province_code', 2).notNullable().defaultTo('')
      table.integer('credit_score').notNullable().defaultTo(80)
      table.primary(['organization_id', 'service_item_id'])
      table.index(
        ['service_item_id', 'listed', 'province_code', 'credit_score', 'organization_id'],
        'agency_service_items_directory_index'
      )
      table.index(
        ['service_item_id', 'listed', 'region_code', 'credit_score', 'organization_id'],
        'agency_service_items_city_index'
      )
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
