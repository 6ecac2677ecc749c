import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The collusion signals read the newest 100,000 kept quotes of the period on
 * every reading (app/queries/regulator_signals.ts). With every column read
 * in the opening-time index, the database walks that index backwards and
 * stops at the limit, instead of sorting the period's rows read from the
 * table; the index on the opening time alone is then a prefix of it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('signal_quote_facts', (table) => {
      table.index(
        ['opened_at', 'project_id', 'round', 'agency_id', 'quote_fen', 'ceiling_fen'],
        'signal_quote_facts_reading_index'
      )
    })
    this.schema.alterTable('signal_quote_facts', (table) => {
      table.dropIndex(['opened_at'], 'signal_quote_facts_opened_index')
    })
  }

  async down() {
    this.schema.alterTable('signal_quote_facts', (table) => {
      table.index(['opened_at'], 'signal_quote_facts_opened_index')
    })
    this.schema.alterTable('signal_quote_facts', (table) => {
      table.dropIndex(
        ['opened_at', 'project_id', 'round', 'agency_id', 'quote_fen', 'ceiling_fen'],
        'signal_quote_facts_reading_index'
      )
    })
  }
}
