import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 红顶中介 (no intermediary run by the department that approves): the
 * agencies' declarations of what they are, who sponsors or supervises them
 * and who holds 5 % or more of them, versioned; the regulators' public
 * register of the organisations each approval department sponsors,
 * supervises or owns; and the suspensions made when a change of either
 * turns an agency's listing or open bid into a conflict.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('agency_declarations', (table) => {
      table.increments('id').notNullable()
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('version').notNullable()
      // enterprise (企业), institution (事业单位), social_organization (社会组织)
      table.string('nature', 24).notNullable()
      // 举办单位 / 主管单位, when the agency has one.
      table.string('sponsor_name', 200).nullable()
      table.string('sponsor_uscc', 18).nullable()
      // [{ name, uscc | null, idHash | null, shareBp }] — shareholders of 5 % or more.
      table.text('shareholders').notNullable()
      table.integer('declared_by_user_id').unsigned().nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['organization_id', 'version'])
    })

    this.schema.createTable('department_affiliates', (table) => {
      table.increments('id').notNullable()
      table
        .integer('department_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('departments')
      table.string('uscc', 18).notNullable()
      table.string('name', 200).notNullable()
      // sponsors (举办), supervises (主管), owns (出资)
      table.string('relation', 16).notNullable()
      table.string('added_reason', 2000).notNullable()
      table.integer('added_by_user_id').unsigned().nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('removed_at').nullable()
      table.string('removed_reason', 2000).nullable()
      table.integer('removed_by_user_id').unsigned().nullable()
      table.index(['uscc', 'removed_at'], 'department_affiliates_uscc_index')
      table.index(['department_id', 'removed_at'], 'department_affiliates_department_index')
    })

    this.schema.createTable('conflict_suspensions', (table) => {
      table.increments('id').notNullable()
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      // listing (an item it offered) or bid (an open bid, withdrawn)
      table.string('kind', 16).notNullable()
      table.integer('service_item_id').unsigned().notNullable()
      table.integer('project_id').unsigned().nullable()
      table.integer('bid_id').unsigned().nullable()
      table.integer('department_id').unsigned().notNullable()
      // register (the register changed) or declaration (the agency's declaration changed)
      table.string('cause', 16).notNullable()
      // self, sponsor, shareholder
      table.string('via', 16).notNullable()
      table.string('via_name', 200).notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['organization_id', 'created_at'], 'conflict_suspensions_agency_index')
    })

    this.schema.createTable('serving_official_lists', (table) => {
      table.increments('id').notNullable()
      table.string('source', 200).notNullable()
      table.date('as_of').notNullable()
      table.integer('row_count').notNullable()
      table.integer('uploaded_by_user_id').unsigned().nullable()
      table.timestamp('created_at').notNullable()
      // Only the latest list is in force; earlier ones keep their counts, not their hashes.
    })
    this.schema.createTable('serving_officials', (table) => {
      table
        .integer('list_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('serving_official_lists')
      table.string('id_hash', 64).notNullable()
      table.primary(['list_id', 'id_hash'])
      table.index(['id_hash'], 'serving_officials_hash_index')
    })
  }

  async down() {
    this.schema.dropTable('serving_officials')
    this.schema.dropTable('serving_official_lists')
    this.schema.dropTable('conflict_suspensions')
    this.schema.dropTable('department_affiliates')
    this.schema.dropTable('agency_declarations')
  }
}
