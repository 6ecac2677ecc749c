import { BaseSchema } from '@adonisjs/lucid/schema'
import { codeLegacyQualifications } from '#services/qualification_codes'

/**
 * 服务指南: each catalog item and each of its versions carries its service
 * guide (fee basis, mandatory or may-self-prepare, regional-assessment
 * coverage, 依据、范围、对象、内容、方法、结论, the owner's materials) as JSON,
 * and its required qualification as a type and minimum level from the closed
 * list (app/domain/qualification_types.ts). Agencies' qualifications get the
 * same codes. Free text from before the list is mapped onto it where the
 * list knows the words; what it does not know stays text, matched as before.
 */
export default class extends BaseSchema {
  async up() {
    for (const table of ['service_items', 'service_item_versions']) {
      this.schema.alterTable(table, (columns) => {
        columns.text('guide').nullable()
        columns.string('qualification_type', 40).nullable()
        columns.string('qualification_level', 24).nullable()
      })
    }
    this.schema.alterTable('qualifications', (table) => {
      table.string('type_code', 40).nullable()
      table.string('level_code', 24).nullable()
      table.index(['organization_id', 'type_code'], 'qualifications_by_type_code')
    })

    this.defer(async (db) => {
      await codeLegacyQualifications(db)
    })
  }

  async down() {
    this.schema.alterTable('qualifications', (table) => {
      table.dropIndex(['organization_id', 'type_code'], 'qualifications_by_type_code')
      table.dropColumn('type_code')
      table.dropColumn('level_code')
    })
    for (const table of ['service_items', 'service_item_versions']) {
      this.schema.alterTable(table, (columns) => {
        columns.dropColumn('guide')
        columns.dropColumn('qualification_type')
        columns.dropColumn('qualification_level')
      })
    }
  }
}
