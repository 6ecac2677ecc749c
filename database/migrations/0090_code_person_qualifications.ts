import { BaseSchema } from '@adonisjs/lucid/schema'
import { codeLegacyPersonQualifications } from '#services/person_qualification_codes'

/**
 * Person qualifications (执业资格) from a closed list
 * (app/domain/person_qualifications.ts): a practitioner's qualification as a
 * code and level (the free text it was registered under stays readable), and
 * the person qualification an item and each of its versions requires of the
 * lead a response names — kept apart from the agency-level qualification
 * (资质) the item requires. Free text is mapped onto the list where it names
 * a listed qualification; what the list does not know stays text and meets
 * no requirement.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('practitioners', (table) => {
      table.string('qualification_code', 40).nullable()
      table.string('qualification_level', 24).nullable()
    })
    for (const name of ['service_items', 'service_item_versions']) {
      this.schema.alterTable(name, (table) => {
        table.string('lead_qualification', 40).nullable()
        table.string('lead_qualification_level', 24).nullable()
      })
    }
    this.defer(async (db) => {
      await codeLegacyPersonQualifications(db)
    })
  }

  async down() {
    for (const name of ['service_items', 'service_item_versions']) {
      this.schema.alterTable(name, (table) => {
        table.dropColumn('lead_qualification_level')
        table.dropColumn('lead_qualification')
      })
    }
    this.schema.alterTable('practitioners', (table) => {
      table.dropColumn('qualification_level')
      table.dropColumn('qualification_code')
    })
  }
}
