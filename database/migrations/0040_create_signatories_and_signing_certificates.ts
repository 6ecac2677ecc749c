import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Reliable electronic signatures (可靠电子签名):
 * - signatories: who may sign for an organisation beyond the user who
 *   registered it (法定代表人 or 授权代表, with the authorisation document),
 *   and the revocations (a revoked registrant has a row too);
 * - signing_certificates: every certificate the market CA issued for a
 *   signer-held key, with its revocation (the CRL is built from these rows).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('signatories', (table) => {
      table.increments('id').notNullable()
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      // registrant | legal_representative | authorised_representative
      table.string('capacity', 32).notNullable()
      table.string('document_key', 200).nullable()
      table.string('document_name', 255).nullable()
      table.string('document_mime', 50).nullable()
      table.integer('document_size').unsigned().nullable()
      table.integer('designated_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('designated_at').notNullable()
      table.timestamp('revoked_at').nullable()
      table.integer('revoked_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.string('revocation_reason', 500).nullable()
      table.index(['organization_id', 'revoked_at'], 'signatories_organization_index')
      table.index(['user_id'], 'signatories_user_index')
    })

    this.schema.createTable('signing_certificates', (table) => {
      table.increments('id').notNullable()
      // Lowercase hex of the positive serial number, as in the CRL and the URLs
      table.string('serial_number', 40).notNullable().unique()
      // browser-key | api-client (a deployment may add ukey, licensed-ca, sm2…)
      table.string('scheme', 32).notNullable()
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('capacity', 32).notNullable()
      table.text('certificate_pem').notNullable()
      // SHA-256 of the SubjectPublicKeyInfo: a key is enrolled once, ever
      table.string('public_key_fingerprint', 64).notNullable().unique()
      table.timestamp('not_before').notNullable()
      table.timestamp('not_after').notNullable()
      table.timestamp('revoked_at').nullable()
      // key_compromise | affiliation_changed | superseded | cessation_of_operation; null: unspecified
      table.string('revocation_reason', 32).nullable()
      table.timestamp('created_at').notNullable()
      table.index(['user_id', 'revoked_at'], 'signing_certificates_user_index')
      table.index(['revoked_at'], 'signing_certificates_revoked_index')
    })
  }

  async down() {
    this.schema.dropTable('signing_certificates')
    this.schema.dropTable('signatories')
  }
}
