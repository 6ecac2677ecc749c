import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { legacyQualification } from '#domain/qualification_types'

/**
 * Free-text qualifications from before the closed list, mapped onto it
 * (app/domain/qualification_types.ts, legacyQualification): items' and their
 * versions' requirements, and agencies' holdings. Rows already coded and
 * text the list does not know are left as they are. Run by the migration
 * that introduced the list; safe to run again. Returns how many rows it coded.
 */
export async function codeLegacyQualifications(client: QueryClientContract) {
  let coded = 0
  for (const table of ['service_items', 'service_item_versions']) {
    const rows: { id: number; required_qualification: string }[] = await client
      .from(table)
      .whereNotNull('required_qualification')
      .whereNull('qualification_type')
      .select('id', 'required_qualification')
    for (const row of rows) {
      const mapped = legacyQualification(row.required_qualification)
      if (!mapped) continue
      await client
        .from(table)
        .where('id', row.id)
        .update({ qualification_type: mapped.type, qualification_level: mapped.level })
      coded += 1
    }
  }
  const held: { id: number; type: string; level: string | null }[] = await client
    .from('qualifications')
    .whereNull('type_code')
    .select('id', 'type', 'level')
  for (const row of held) {
    const mapped = legacyQualification(row.type, row.level)
    if (!mapped) continue
    await client
      .from('qualifications')
      .where('id', row.id)
      .update({ type_code: mapped.type, level_code: mapped.level })
    coded += 1
  }
  return coded
}
