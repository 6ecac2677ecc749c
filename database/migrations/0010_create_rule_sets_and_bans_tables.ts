import { BaseSchema } from '@adonisjs/lucid/schema'
import { DEFAULT_RULES } from '#domain/rules'

/**
 * Versioned rule parameters (each project records the version it ran under),
 * starting with the spec's defaults as version 1; and market bans (禁入) of
 * agencies and of named persons (found by the hash of their ID-card number).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('rule_sets', (table) => {
      table.increments('id').notNullable()
      table.integer('version').unsigned().notNullable().unique()
      table.text('parameters').notNullable()
      table.text('change_reason').notNullable()
      table.timestamp('effective_from').notNullable()
      table.integer('created_by_user_id').unsigned().nullable()
      table.timestamp('created_at').notNullable()
    })

    this.schema.createTable('bans', (table) => {
      table.increments('id').notNullable()
      table
        .integer('organization_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('organizations')
        .onDelete('RESTRICT')
      table.string('person_id_hash', 64).nullable()
      table.string('person_name', 100).nullable()
      table.text('reason').notNullable()
      table.text('legal_basis').notNullable()
      table.timestamp('starts_at').notNullable()
      // null: permanent (终身禁入)
      table.timestamp('ends_at').nullable()
      table.timestamp('lifted_at').nullable()
      table.text('lifted_reason').nullable()
      table.integer('created_by_user_id').unsigned().nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['organization_id'])
      table.index(['person_id_hash'])
    })

    this.defer(async (db) => {
      const now = new Date()
      await db.table('rule_sets').insert({
        version: 1,
        parameters: JSON.stringify(DEFAULT_RULES),
        change_reason: '初始规则（规格说明默认值）',
        // Midnight on 1 January in Beijing.
        effective_from: '2025-12-31 16:00:00',
        created_at: now,
      })
    })
  }

  async down() {
    this.schema.dropTable('bans')
    this.schema.dropTable('rule_sets')
  }
}
