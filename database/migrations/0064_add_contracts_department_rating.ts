import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 服务双评价: beside the owner's rating, the approving department rates each
 * report's quality and timeliness (1–5) when it records the approval outcome.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('contracts', (table) => {
      table.integer('department_quality').unsigned().nullable()
      table.integer('department_timeliness').unsigned().nullable()
    })
  }

  async down() {
    this.schema.alterTable('contracts', (table) => {
      table.dropColumn('department_timeliness')
      table.dropColumn('department_quality')
    })
  }
}
