import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 联合惩戒: regulators import external lists (严重失信主体名单,
 * 失信被执行人名单…) as CSV files of USCCs. Each import of a list replaces
 * that list: an entry the new file no longer holds is lifted, and a regulator
 * may lift one entry with a reason. An entry bars the agency with that USCC
 * (registered now or later) as the list's measure says.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('joint_punishment_imports', (table) => {
      table.increments('id').notNullable()
      // The list's name (e.g. 失信被执行人名单): a later import of the same name replaces it.
      table.string('list_name', 100).notNullable()
      // sign_up (no sign-up or bid), signing (no contract signing) or all (both).
      table.string('measure', 16).notNullable()
      table.string('file_name', 255).notNullable()
      table.string('file_sha256', 64).notNullable()
      table.integer('entry_count').unsigned().notNullable()
      table.integer('lifted_count').unsigned().notNullable()
      table.integer('imported_by_user_id').unsigned().notNullable().references('id').inTable('users')
      table.timestamp('created_at').notNullable()
      table.index(['list_name'])
    })
    this.schema.createTable('joint_punishment_entries', (table) => {
      table.increments('id').notNullable()
      table
        .integer('import_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('joint_punishment_imports')
      table.string('list_name', 100).notNullable()
      table.string('measure', 16).notNullable()
      table.string('uscc', 18).notNullable()
      // Who put the subject on the list (e.g. 最高人民法院), the day, and the legal basis.
      table.string('source', 200).notNullable()
      table.date('listed_on').notNullable()
      table.text('legal_basis').notNullable()
      table.timestamp('lifted_at').nullable()
      table.string('lifted_reason', 2000).nullable()
      table.integer('lifted_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('created_at').notNullable()
      table.index(['uscc', 'lifted_at'], 'joint_punishment_uscc_index')
      table.index(['list_name', 'lifted_at'], 'joint_punishment_list_index')
    })
  }

  async down() {
    this.schema.dropTable('joint_punishment_entries')
    this.schema.dropTable('joint_punishment_imports')
  }
}
