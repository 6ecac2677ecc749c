import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 综合评分: the rating an agency without owners' ratings is scored with (the
 * median of the item's rated agencies, in hundredths of a point of 5), kept
 * with the result so the result page can say it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('projects', (table) => {
      table.integer('newcomer_rating_centi').unsigned().nullable()
    })
  }

  async down() {
    this.schema.alterTable('projects', (table) => {
      table.dropColumn('newcomer_rating_centi')
    })
  }
}
