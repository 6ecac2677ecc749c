import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A Stripe event that passed the signature check but that the market cannot
 * vouch for — an intent it did not create, an amount, currency or contract
 * that disagrees with the payment it recorded, or a success Stripe does not
 * confirm. It changes nothing and is no fee record: it is kept here for
 * regulators.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('suspicious_payment_events', (table) => {
      table.increments('id').notNullable()
      table.string('stripe_event_id', 255).notNullable().unique()
      table.string('event_type', 100).notNullable()
      // The PaymentIntent (or, for a refund, the charge) the event is about.
      table.string('stripe_object_id', 255).nullable()
      // unknown_intent, mismatch, not_confirmed
      table.string('reason', 32).notNullable()
      // JSON: [{field, expected, received}] where the event disagrees with the payment.
      table.text('mismatches').notNullable()
      // The payment the intent belongs to, or the contract its metadata names (if it exists).
      table.integer('payment_id').unsigned().nullable().references('id').inTable('payments')
      table.integer('contract_id').unsigned().nullable().references('id').inTable('contracts')
      table.bigint('amount_fen').nullable()
      table.string('currency', 8).nullable()
      // What Stripe said when asked (retrieve): its status, `missing`, or null if not asked/unreachable.
      table.string('stripe_status', 32).nullable()
      table.timestamp('event_created_at').notNullable()
      table.timestamp('received_at').notNullable()
      table.index(['received_at'])
    })
  }

  async down() {
    this.schema.dropTable('suspicious_payment_events')
  }
}
