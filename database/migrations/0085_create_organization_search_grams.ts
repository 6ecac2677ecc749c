import { BaseSchema } from '@adonisjs/lucid/schema'
import { rebuildSearchIndex } from '#services/search_index'

/**
 * The keyword index of organisation names (app/domain/search_grams.ts): one
 * row per gram of a name, kept in step on every save of the organisation.
 * Grams compare byte for byte (a binary collation on MySQL) so that `é` and
 * `e` stay two grams.
 */
export default class extends BaseSchema {
  async up() {
    const mysql = this.db.dialect.name === 'mysql'
    this.schema.createTable('organization_search_grams', (table) => {
      const gram = table.string('gram', 40).notNullable()
      if (mysql) gram.collate('utf8mb4_bin')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.primary(['gram', 'organization_id'])
      table.index(['organization_id', 'gram'], 'organization_search_grams_organization_index')
    })
    this.defer(async (db) => {
      await rebuildSearchIndex(db)
    })
  }

  async down() {
    this.schema.dropTable('organization_search_grams')
  }
}
