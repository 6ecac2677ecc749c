import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Reliable signatures over the contract PDF:
 * - contract_documents: each signed state of a revision's PDF (after the
 *   first party's signature, after the second's), stored with the other
 *   files (drive) and its SHA-256; the newest row of a revision is the file
 *   the next signer signs and the parties download;
 * - contract_signing_requests: what the market prepared for a signer (the
 *   certificate, the signing time written into the PDF, the file it was
 *   prepared over, the digest of what the key must sign), so the signature
 *   posted later is checked against exactly that;
 * - contract_signatures gain the level of each signature (simple: the
 *   password; reliable: a signer-held key over the PDF) and its certificate.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('contract_documents', (table) => {
      table.increments('id').notNullable()
      table.integer('contract_id').unsigned().notNullable().references('id').inTable('contracts')
      table.integer('revision').unsigned().notNullable()
      table.integer('signature_count').unsigned().notNullable()
      table.string('file_key', 255).notNullable()
      table.string('file_hash', 64).notNullable()
      table.integer('size_bytes').unsigned().notNullable()
      table.timestamp('created_at').notNullable()
      table.unique(['contract_id', 'revision', 'signature_count'])
    })

    this.schema.createTable('contract_signing_requests', (table) => {
      table.increments('id').notNullable()
      table.integer('contract_id').unsigned().notNullable().references('id').inTable('contracts')
      table.integer('revision').unsigned().notNullable()
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      table.string('certificate_serial', 40).notNullable()
      // SHA-256 of the PDF the signature was prepared over
      table.string('base_hash', 64).notNullable()
      // Whole seconds: the PDF's /M has no finer precision
      table.timestamp('signing_time').notNullable()
      table.string('to_be_signed_hash', 64).notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['contract_id', 'user_id'], 'contract_signing_requests_signer_index')
    })

    this.schema.alterTable('contract_signatures', (table) => {
      table.string('level', 16).notNullable().defaultTo('simple')
      table.string('certificate_serial', 40).nullable()
      table
        .integer('document_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('contract_documents')
    })
  }

  async down() {
    this.schema.alterTable('contract_signatures', (table) => {
      table.dropForeign(['document_id'])
      table.dropColumn('document_id')
      table.dropColumn('certificate_serial')
      table.dropColumn('level')
    })
    this.schema.dropTable('contract_signing_requests')
    this.schema.dropTable('contract_documents')
  }
}
