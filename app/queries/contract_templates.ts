import db from '@adonisjs/lucid/services/db'
import { toInstantDate } from '#domain/time_zone'

/** The latest version of every model contract, with its item, for the public list. */
export async function currentTemplates() {
  return db
    .from('contract_templates as t')
    .leftJoin('service_items as i', 'i.id', 't.service_item_id')
    .whereNotExists((query) =>
      query
        .from('contract_templates as newer')
        .whereColumn('newer.key', 't.key')
        .whereColumn('newer.version', '>', 't.version')
    )
    .orderBy('t.key')
    .select('t.*', 'i.code as item_code', 'i.name as item_name')
}

/** Every version of one model contract, newest first. */
export async function templateVersions(key: string) {
  return db
    .from('contract_templates as t')
    .leftJoin('service_items as i', 'i.id', 't.service_item_id')
    .where('t.key', key)
    .orderBy('t.version', 'desc')
    .select('t.*', 'i.code as item_code', 'i.name as item_name')
}

export function presentTemplate(row: any) {
  return {
    key: row.key as string,
    version: Number(row.version),
    title: row.title as string,
    serviceItemCode: (row.item_code as string | null) ?? null,
    category: (row.category as string | null) ?? null,
    body: row.body as string,
    changeReason: row.change_reason as string,
    createdAt: toInstantDate(row.created_at)!,
  }
}
