import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Regulators decide an appeal or a repair application within its limit
 * (rule `appealDecisionWorkingDays`): one past it is marked once, when the
 * tick finds it, and the regulators are told.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('credit_appeals', (table) => {
      table.timestamp('overdue_at').nullable()
      table.index(['status', 'decision_due_at'], 'credit_appeals_status_due_index')
    })
  }

  async down() {
    this.schema.alterTable('credit_appeals', (table) => {
      table.dropIndex(['status', 'decision_due_at'], 'credit_appeals_status_due_index')
      table.dropColumn('overdue_at')
    })
  }
}
