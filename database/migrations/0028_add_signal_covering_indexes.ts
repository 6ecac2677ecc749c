import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The regulators' collusion signals read the opened quotes of a year
 * (`npm run bench`, dashboards: 13 s of the signals page was one query
 * reading wide project and bid rows from disk). Projects are found by their
 * opening time from an index holding what the signal needs; the bids of a
 * round from an index that now also holds the agency and the opened quote.
 * It replaces the (project_id, round, status) index, which is its prefix, so
 * a bid costs no extra index to write.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('projects', (table) => {
      table.index(
        ['opened_at', 'method', 'service_item_id', 'service_item_version', 'ceiling_price_fen'],
        'projects_opened_signals_index'
      )
    })
    this.schema.alterTable('bids', (table) => {
      table.index(
        ['project_id', 'round', 'status', 'organization_id', 'quote_fen'],
        'bids_round_quotes_index'
      )
    })
    this.schema.alterTable('bids', (table) => {
      table.dropIndex(['project_id', 'round', 'status'], 'bids_project_round_status_index')
    })
  }

  async down() {
    this.schema.alterTable('bids', (table) => {
      table.index(['project_id', 'round', 'status'], 'bids_project_round_status_index')
    })
    this.schema.alterTable('bids', (table) => {
      table.dropIndex(
        ['project_id', 'round', 'status', 'organization_id', 'quote_fen'],
        'bids_round_quotes_index'
      )
    })
    this.schema.alterTable('projects', (table) => {
      table.dropIndex(
        ['opened_at', 'method', 'service_item_id', 'service_item_version', 'ceiling_price_fen'],
        'projects_opened_signals_index'
      )
    })
  }
}
