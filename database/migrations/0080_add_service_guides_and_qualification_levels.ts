import { BaseSchema } from '@adonisjs/lucid/schema'
import { legacyQualification } from '#domain/qualification_types'

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
      for (const table of ['service_items', 'service_item_versions']) {
        const rows: { id: number; required_qualification: string | null }[] = await db
          .from(table)
          .whereNotNull('required_qualification')
          .select('id', 'required_qualification')
        for (const row of rows) {
          const mapped = legacyQualification(row.required_qualification)
          if (!mapped) continue
          await db
            .from(table)
            .where('id', row.id)
            .update({ qualification_type: mapped.type, qualification_level: mapped.level })
        }
      }
      const held: { id: number; type: string; level: string | null }[] = await db
        .from('qualifications')
        .select('id', 'type', 'level')
      for (const row of held) {
        const mapped = legacyQualification(row.type, row.level)
        if (!mapped) continue
        await db
          .from('qualifications')
          .where('id', row.id)
          .update({ type_code: mapped.type, level_code: mapped.level })
      }
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
