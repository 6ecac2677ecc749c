import { BaseSchema } from '@adonisjs/lucid/schema'
import { GENERAL_TEMPLATE } from '#database/data/contract_templates'

/** The general model contract exists from the start, so every award can make a contract. */
export default class extends BaseSchema {
  async up() {
    this.defer(async (db) => {
      await db.table('contract_templates').insert({
        key: GENERAL_TEMPLATE.key,
        version: 1,
        service_item_id: null,
        category: null,
        title: GENERAL_TEMPLATE.title,
        body: GENERAL_TEMPLATE.body,
        change_reason: '初始通用示范文本',
        created_by_user_id: null,
        created_at: '2026-01-01 00:00:00',
      })
    })
  }

  async down() {
    this.defer(async (db) => {
      await db.from('contract_templates').where('key', GENERAL_TEMPLATE.key).delete()
    })
  }
}
