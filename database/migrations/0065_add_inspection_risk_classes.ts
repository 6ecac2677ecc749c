import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 双随机、一公开 weighted by risk: a plan says whether it drew uniformly or
 * by risk class, and a risk-weighted plan publishes each class's ratio and
 * candidates (JSON); each drawn agency keeps the class it was drawn from.
 * Plans made before keep `uniform` and verify as they did.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('inspection_plans', (table) => {
      table.string('sampling', 16).notNullable().defaultTo('uniform')
      // JSON: [{riskClass, ratioBp, candidates}] with candidates ids ascending.
      table.text('risk_classes', 'longtext').nullable()
    })
    this.schema.alterTable('inspection_targets', (table) => {
      table.string('risk_class', 16).nullable()
    })
  }

  async down() {
    this.schema.alterTable('inspection_targets', (table) => {
      table.dropColumn('risk_class')
    })
    this.schema.alterTable('inspection_plans', (table) => {
      table.dropColumn('sampling')
      table.dropColumn('risk_classes')
    })
  }
}
