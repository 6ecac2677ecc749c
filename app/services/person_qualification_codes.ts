import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { legacyPersonQualification } from '#domain/person_qualifications'

/**
 * Free-text person qualifications from before the closed list, mapped onto it
 * (app/domain/person_qualifications.ts, legacyPersonQualification):
 * practitioners' qualifications, and the items (and their versions) whose
 * required qualification names a person qualification (环境影响评价工程师)
 * rather than an agency's. Rows already coded and text the list does not know
 * are left as they are. Run by the migration that introduced the list; safe
 * to run again. Returns how many rows it coded.
 */
export async function codeLegacyPersonQualifications(client: QueryClientContract) {
  let coded = 0
  const practitioners: { id: number; qualification_type: string }[] = await client
    .from('practitioners')
    .whereNotNull('qualification_type')
    .whereNull('qualification_code')
    .select('id', 'qualification_type')
  for (const row of practitioners) {
    const mapped = legacyPersonQualification(row.qualification_type)
    if (!mapped) continue
    await client
      .from('practitioners')
      .where('id', row.id)
      .update({ qualification_code: mapped.code, qualification_level: mapped.level })
    coded += 1
  }
  for (const table of ['service_items', 'service_item_versions']) {
    const rows: { id: number; required_qualification: string }[] = await client
      .from(table)
      .whereNotNull('required_qualification')
      .whereNull('lead_qualification')
      .select('id', 'required_qualification')
    for (const row of rows) {
      const mapped = legacyPersonQualification(row.required_qualification)
      if (!mapped) continue
      await client
        .from(table)
        .where('id', row.id)
        .update({ lead_qualification: mapped.code, lead_qualification_level: mapped.level })
      coded += 1
    }
  }
  return coded
}
