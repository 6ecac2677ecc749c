import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * E-mail alerts of new announcements (订阅提醒): each user chooses service
 * items and regions (none = all) and whether to hear at once or in a daily
 * digest; `last_sent_at` is where the next digest starts.
 */
export default class extends BaseSchema {
  protected tableName = 'alert_subscriptions'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id').notNullable()
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      // JSON arrays of item codes and region codes; an empty array means all.
      table.text('item_codes').notNullable()
      table.text('region_codes').notNullable()
      // immediate · daily
      table.string('frequency', 10).notNullable()
      table.timestamp('last_sent_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['frequency'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
