import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A consortium member (联合中介 成员) takes part only with its consent: the
 * lead's naming opens a request that the member confirms or declines in the
 * market before the deadline; a member that has not confirmed at opening
 * makes the lead's bid invalid. Existing members never consented: pending.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('bid_members', (table) => {
      // pending | confirmed | declined
      table.string('status', 12).notNullable().defaultTo('pending')
      table.timestamp('answered_at').nullable()
      table.integer('answered_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.text('decline_reason').nullable()
      table.timestamp('created_at').nullable()
      // The member's requests (its pages) and its confirmed memberships (the bid-time check).
      table.index(['organization_id', 'status'], 'bid_members_organization_status_index')
    })
  }

  async down() {
    this.schema.alterTable('bid_members', (table) => {
      table.dropIndex(['organization_id', 'status'], 'bid_members_organization_status_index')
      table.dropForeign(['answered_by_user_id'])
      table.dropColumn('answered_by_user_id')
      table.dropColumn('status')
      table.dropColumn('answered_at')
      table.dropColumn('decline_reason')
      table.dropColumn('created_at')
    })
  }
}
