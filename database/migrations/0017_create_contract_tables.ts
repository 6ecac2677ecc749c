import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Model contracts (SPEC "Contracts") and milestone payments with fee records
 * (SPEC "Payments and fee records"): versioned templates, the contract made
 * on award with its declared-field values and signatures, the milestones that
 * sum to the price, Stripe PaymentIntents, the fee records regulators audit,
 * and the Stripe events already processed (each exactly once).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('contract_templates', (table) => {
      table.increments('id').notNullable()
      // A template family; each change is a new row with the next version.
      table.string('key', 48).notNullable()
      table.integer('version').unsigned().notNullable()
      table
        .integer('service_item_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('service_items')
      table.string('category', 100).nullable()
      table.string('title', 200).notNullable()
      // Fixed clauses with {{placeholders}} of declared fields; no code runs.
      table.text('body', 'mediumtext').notNullable()
      table.text('change_reason').notNullable()
      table.integer('created_by_user_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('created_at').notNullable()
      table.unique(['key', 'version'])
      table.index(['service_item_id'])
    })

    this.schema.createTable('contracts', (table) => {
      table.increments('id').notNullable()
      // A project may see several contracts: when the winner does not sign, the next alternate's.
      table.integer('project_id').unsigned().notNullable().references('id').inTable('projects')
      table
        .integer('template_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('contract_templates')
      table
        .integer('owner_organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table
        .integer('agency_organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('bid_id').unsigned().notNullable().references('id').inTable('bids')
      table.bigint('price_fen').unsigned().notNullable()
      // drafting → signing (first signature) → signed; or expired / refused / terminated
      table.string('status', 16).notNullable()
      // The declared fields' values (JSON) and the owner's supplementary terms (补充条款).
      table.text('field_values', 'mediumtext').notNullable()
      table.text('supplementary_terms').nullable()
      // Bumped on every change; signatures of an earlier revision are void.
      table.integer('revision').unsigned().notNullable().defaultTo(1)
      table.string('text_hash', 64).notNullable()
      table.timestamp('signing_due_at').notNullable()
      table.timestamp('signed_at').nullable()
      table.timestamp('terminated_at').nullable()
      table.text('termination_reason').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['project_id'])
      table.index(['status', 'signing_due_at'])
      table.index(['agency_organization_id', 'status'])
      table.index(['owner_organization_id', 'status'])
    })

    this.schema.createTable('contract_signatures', (table) => {
      table.increments('id').notNullable()
      table.integer('contract_id').unsigned().notNullable().references('id').inTable('contracts')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      table.integer('revision').unsigned().notNullable()
      table.string('text_hash', 64).notNullable()
      table.string('ip', 64).notNullable()
      table.string('user_agent', 300).nullable()
      table.timestamp('signed_at').notNullable()
      table.timestamp('voided_at').nullable()
      table.index(['contract_id'])
    })

    this.schema.createTable('milestones', (table) => {
      table.increments('id').notNullable()
      table.integer('contract_id').unsigned().notNullable().references('id').inTable('contracts')
      table.integer('position').unsigned().notNullable()
      table.string('title', 200).notNullable()
      table.bigint('amount_fen').unsigned().notNullable()
      table.string('condition', 500).nullable()
      // unpaid → processing → paid (→ refunded)
      table.string('status', 16).notNullable().defaultTo('unpaid')
      table.timestamp('paid_at').nullable()
      table.unique(['contract_id', 'position'])
    })

    this.schema.createTable('payments', (table) => {
      table.increments('id').notNullable()
      table.integer('milestone_id').unsigned().notNullable().references('id').inTable('milestones')
      table.integer('contract_id').unsigned().notNullable().references('id').inTable('contracts')
      table.string('stripe_payment_intent_id', 255).notNullable().unique()
      table.string('idempotency_key', 100).notNullable().unique()
      table.bigint('amount_fen').unsigned().notNullable()
      table.string('currency', 3).notNullable()
      table.string('status', 32).notNullable()
      table.bigint('refunded_fen').unsigned().notNullable().defaultTo(0)
      table.integer('created_by_user_id').unsigned().notNullable().references('id').inTable('users')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['contract_id'])
      table.index(['milestone_id'])
    })

    this.schema.createTable('fee_records', (table) => {
      table.increments('id').notNullable()
      table.integer('contract_id').unsigned().notNullable().references('id').inTable('contracts')
      table.integer('milestone_id').unsigned().nullable().references('id').inTable('milestones')
      table.integer('payment_id').unsigned().nullable().references('id').inTable('payments')
      // payment, refund, failure
      table.string('kind', 16).notNullable()
      table.bigint('amount_fen').unsigned().notNullable()
      table.string('stripe_object_id', 255).nullable()
      // The Stripe event that produced it: one record per event, however often it is delivered.
      table.string('stripe_event_id', 255).nullable().unique()
      table.timestamp('occurred_at').notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['contract_id'])
    })

    this.schema.createTable('stripe_events', (table) => {
      table.string('id', 255).primary()
      table.string('type', 100).notNullable()
      table.timestamp('received_at').notNullable()
    })
  }

  async down() {
    for (const name of [
      'stripe_events',
      'fee_records',
      'payments',
      'milestones',
      'contract_signatures',
      'contracts',
      'contract_templates',
    ]) {
      this.schema.dropTable(name)
    }
  }
}
