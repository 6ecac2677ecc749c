import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Regulator signals (SPEC "Regulator console"): a device fingerprint on each
 * bid (a hash of the browser's user agent and languages, next to the IP that
 * 0012 already keeps), and the report-similarity index (中介文本对比分析): one
 * MinHash signature per deliverable file and its LSH band keys, so that
 * near-duplicate reports are found by an indexed self-join instead of
 * re-reading every text on each page view. The index is derived data: it can
 * be dropped and rebuilt with `node ace signals:reindex`.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('bids', (table) => {
      table.string('device_fingerprint', 64).nullable()
    })

    this.schema.createTable('deliverable_file_signatures', (table) => {
      table
        .integer('deliverable_file_id')
        .unsigned()
        .notNullable()
        .primary()
        .references('id')
        .inTable('deliverable_files')
      // Which shingling and hashing produced it (a change of parameters means a reindex).
      table.string('algorithm', 40).notNullable()
      table.integer('shingle_count').unsigned().notNullable()
      // The MinHash values as fixed-width lowercase hex.
      table.text('signature').notNullable()
      table.timestamp('indexed_at').notNullable()
    })

    this.schema.createTable('deliverable_file_bands', (table) => {
      table
        .integer('deliverable_file_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('deliverable_files')
      table.integer('band').unsigned().notNullable()
      table.string('band_key', 32).notNullable()
      table.primary(['deliverable_file_id', 'band'])
      table.index(['band', 'band_key'])
    })
  }

  async down() {
    this.schema.dropTable('deliverable_file_bands')
    this.schema.dropTable('deliverable_file_signatures')
    this.schema.alterTable('bids', (table) => {
      table.dropColumn('device_fingerprint')
    })
  }
}
