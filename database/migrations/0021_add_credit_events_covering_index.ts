import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A score sums the points of an agency's valid, unexpired events: with the
 * points in the index the sum is read from the index alone, without a lookup
 * of each event row (the nightly recompute of every score reads a million
 * events; `npm run bench`, part "credit"). It replaces the index of 0020,
 * whose columns are its prefix.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('credit_events', (table) => {
      table.index(
        ['organization_id', 'status', 'expires_at', 'points'],
        'credit_events_agency_points_index'
      )
    })
    this.schema.alterTable('credit_events', (table) => {
      table.dropIndex(
        ['organization_id', 'status', 'expires_at'],
        'credit_events_agency_valid_index'
      )
    })
  }

  async down() {
    this.schema.alterTable('credit_events', (table) => {
      table.index(['organization_id', 'status', 'expires_at'], 'credit_events_agency_valid_index')
    })
    this.schema.alterTable('credit_events', (table) => {
      table.dropIndex(
        ['organization_id', 'status', 'expires_at', 'points'],
        'credit_events_agency_points_index'
      )
    })
  }
}
