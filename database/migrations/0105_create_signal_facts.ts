import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The regulator's collusion signals read from facts kept as the market
 * writes (see app/actions/signals/signal_facts.ts) instead of scanning a
 * year of bids per request: per project, the opened quotes that are within
 * the near-identical tolerance of another quote of their round, the bids
 * that share an IP address or device with another agency's bid, the bidders
 * and winner of an award, and the agency of a direct selection. A change to
 * a project or one of its bids queues the project in signal_pending in the
 * transaction of the change; the tick (or the next reading) folds the queue.
 * `node ace summaries:rebuild` recomputes every fact. The projects already in
 * the market are queued here, so the first tick (or reading) folds them;
 * on a large database run `node ace summaries:rebuild` instead.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('signal_quote_facts', (table) => {
      table.bigIncrements('id').notNullable()
      table.integer('project_id').unsigned().notNullable()
      table.integer('round').notNullable()
      table.integer('agency_id').unsigned().notNullable()
      table.bigInteger('quote_fen').notNullable()
      table.bigInteger('ceiling_fen').notNullable()
      table.timestamp('opened_at').notNullable()
      table.index(['project_id'], 'signal_quote_facts_project_index')
      table.index(['opened_at'], 'signal_quote_facts_opened_index')
    })
    this.schema.createTable('signal_origin_facts', (table) => {
      table.integer('bid_id').unsigned().notNullable().primary()
      table.integer('project_id').unsigned().notNullable()
      table.integer('agency_id').unsigned().notNullable()
      table.string('ip', 64).nullable()
      table.string('device_fingerprint', 64).nullable()
      table.timestamp('created_at').notNullable()
      table.index(['project_id'], 'signal_origin_facts_project_index')
      table.index(['created_at'], 'signal_origin_facts_created_index')
    })
    this.schema.createTable('signal_award_facts', (table) => {
      table.integer('project_id').unsigned().notNullable().primary()
      table.timestamp('awarded_at').notNullable()
      table.integer('winner_id').unsigned().notNullable()
      /** The agencies of the deciding round's active bids, comma-separated. */
      table.text('bidder_ids').notNullable()
      table.index(['awarded_at'], 'signal_award_facts_awarded_index')
    })
    this.schema.createTable('signal_direct_facts', (table) => {
      table.integer('project_id').unsigned().notNullable().primary()
      table.timestamp('published_at').notNullable()
      table.integer('owner_id').unsigned().notNullable()
      table.integer('agency_id').unsigned().notNullable()
      table.index(['published_at'], 'signal_direct_facts_published_index')
    })
    this.schema.createTable('signal_pending', (table) => {
      table.bigIncrements('id').notNullable()
      table.integer('project_id').unsigned().notNullable()
    })
    this.defer(async (db) => {
      await db.table('summary_states').insert({ name: 'signals' })
      await db.rawQuery(
        "insert into signal_pending (project_id) select id from projects where status <> 'draft' order by id"
      )
    })
  }

  async down() {
    for (const table of [
      'signal_pending',
      'signal_direct_facts',
      'signal_award_facts',
      'signal_origin_facts',
      'signal_quote_facts',
    ]) {
      this.schema.dropTable(table)
    }
    this.defer(async (db) => {
      await db.from('summary_states').where('name', 'signals').delete()
    })
  }
}
