import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The regulator's market figures kept as the market writes (see
 * app/actions/analytics/summaries.ts): each contract's last folded fact, and
 * sums by month × item × district (figures), by … × agency × owner
 * (concentration, repeated pairs) and by … × price (medians, dispersion).
 * A change to a contract, its project or its rating queues the contract in
 * analytics_pending in the same transaction; the tick (or the next reading)
 * folds the queue. `node ace summaries:rebuild` recomputes everything.
 */
export default class extends BaseSchema {
  async up() {
    const cellKey = (table: import('knex').Knex.CreateTableBuilder) => {
      table.string('month', 7).notNullable()
      table.integer('service_item_id').unsigned().notNullable()
      table.string('region_code', 12).notNullable()
    }
    this.schema.createTable('analytics_contract_facts', (table) => {
      table.integer('contract_id').unsigned().notNullable().primary()
      table.integer('project_id').unsigned().notNullable()
      cellKey(table)
      table.integer('owner_id').unsigned().notNullable()
      table.integer('agency_id').unsigned().notNullable()
      table.boolean('direct').notNullable()
      table.timestamp('awarded_at').notNullable()
      table.bigInteger('price_fen').notNullable()
      table.bigInteger('ceiling_fen').notNullable()
      table.bigInteger('price_per_working_day_fen').notNullable()
      table.integer('days_to_award_tenths').notNullable()
      table.integer('delivery_working_days').nullable()
      table.bigInteger('delivery_millionths').nullable()
      table.boolean('overdue').notNullable()
      table.integer('rating_quads').nullable()
      table.boolean('bad_rating').notNullable()
      table.index(['owner_id', 'agency_id'], 'analytics_contract_facts_pair_index')
    })
    this.schema.createTable('analytics_month_cells', (table) => {
      cellKey(table)
      table.integer('contracts').notNullable().defaultTo(0)
      table.bigInteger('value_fen').notNullable().defaultTo(0)
      table.bigInteger('ceiling_fen').notNullable().defaultTo(0)
      table.bigInteger('days_to_award_tenths').notNullable().defaultTo(0)
      table.integer('delivered').notNullable().defaultTo(0)
      table.bigInteger('delivery_working_days').notNullable().defaultTo(0)
      table.bigInteger('delivery_millionths').notNullable().defaultTo(0)
      table.integer('overdue').notNullable().defaultTo(0)
      table.integer('rated').notNullable().defaultTo(0)
      table.bigInteger('rating_quads').notNullable().defaultTo(0)
      table.integer('bad_ratings').notNullable().defaultTo(0)
      table.primary(['month', 'service_item_id', 'region_code'])
    })
    this.schema.createTable('analytics_agency_cells', (table) => {
      cellKey(table)
      table.integer('agency_id').unsigned().notNullable()
      table.integer('owner_id').unsigned().notNullable()
      table.integer('contracts').notNullable().defaultTo(0)
      table.integer('direct').notNullable().defaultTo(0)
      table.bigInteger('value_fen').notNullable().defaultTo(0)
      table.primary(['month', 'service_item_id', 'region_code', 'agency_id', 'owner_id'])
    })
    this.schema.createTable('analytics_price_cells', (table) => {
      cellKey(table)
      table.bigInteger('price_fen').notNullable()
      table.bigInteger('price_per_working_day_fen').notNullable()
      table.integer('contracts').notNullable().defaultTo(0)
      table.primary([
        'month',
        'service_item_id',
        'region_code',
        'price_fen',
        'price_per_working_day_fen',
      ])
    })
    this.schema.createTable('analytics_pending', (table) => {
      table.bigIncrements('id').notNullable()
      table.integer('contract_id').unsigned().notNullable()
    })
    this.schema.createTable('summary_states', (table) => {
      table.string('name', 40).notNullable().primary()
      table.timestamp('folded_at').nullable()
      table.timestamp('rebuilt_at').nullable()
    })
    this.defer(async (db) => {
      await db.table('summary_states').insert({ name: 'analytics' })
      // Every contract of the market so far is folded by the first tick (or reading).
      await db.rawQuery(
        'insert into analytics_pending (contract_id) select id from contracts order by id'
      )
    })
  }

  async down() {
    for (const table of [
      'summary_states',
      'analytics_pending',
      'analytics_price_cells',
      'analytics_agency_cells',
      'analytics_month_cells',
      'analytics_contract_facts',
    ]) {
      this.schema.dropTable(table)
    }
  }
}
