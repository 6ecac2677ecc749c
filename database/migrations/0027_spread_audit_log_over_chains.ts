import { BaseSchema } from '@adonisjs/lucid/schema'
import { AUDIT_CHAINS, genesisHash } from '#domain/audit_chain'

/**
 * The audit log becomes AUDIT_CHAINS hash chains side by side, each with its
 * head row, instead of one chain behind one head that every write of the
 * market had to lock in turn (app/domain/audit_chain.ts). The existing events
 * are chain 1, its head the old head; the other chains start empty, each from
 * a genesis hash of its own.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('audit_events', (table) => {
      table.integer('chain_id').unsigned().notNullable().defaultTo(1)
    })
    this.defer(async (db) => {
      const existing = await db.from('audit_chain').select('id')
      const known = new Set(existing.map((row) => Number(row.id)))
      const missing = Array.from({ length: AUDIT_CHAINS }, (_, index) => index + 1)
        .filter((id) => !known.has(id))
        .map((id) => ({ id, last_event_id: null, last_hash: genesisHash(id) }))
      if (missing.length > 0) await db.table('audit_chain').multiInsert(missing)
    })
  }

  async down() {
    this.defer(async (db) => {
      await db.from('audit_chain').where('id', '>', 1).delete()
    })
    this.schema.alterTable('audit_events', (table) => {
      table.dropColumn('chain_id')
    })
  }
}
