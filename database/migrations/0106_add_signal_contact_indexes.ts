import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The regulator's shared-contact signal groups the agencies by phone number
 * and by e-mail address on every reading: from these indexes the database
 * groups without reading the wide organisation rows.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organizations', (table) => {
      table.index(['kind', 'phone'], 'organizations_kind_phone_index')
      table.index(['kind', 'email'], 'organizations_kind_email_index')
    })
  }

  async down() {
    this.schema.alterTable('organizations', (table) => {
      table.dropIndex(['kind', 'phone'], 'organizations_kind_phone_index')
      table.dropIndex(['kind', 'email'], 'organizations_kind_email_index')
    })
  }
}
