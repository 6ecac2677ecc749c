import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import db from '@adonisjs/lucid/services/db'
import { isoInstant } from '#domain/time_zone'

/** The latest version of every model contract, with its item, for the public list. */
export async function currentTemplates(): Promise<TemplateRow[]> {
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
export async function templateVersions(key: string): Promise<TemplateRow[]> {
  return db
    .from('contract_templates as t')
    .leftJoin('service_items as i', 'i.id', 't.service_item_id')
    .where('t.key', key)
    .orderBy('t.version', 'desc')
    .select('t.*', 'i.code as item_code', 'i.name as item_name')
}

/** A version as `templateVersions` and `currentTemplates` read it, with its item's code. */
export type TemplateRow = {
  key: string
  version: SqlInteger
  title: string
  item_code: string | null
  category: string | null
  body: string
  change_reason: string
  created_at: SqlTimestamp
}

export function presentTemplate(row: TemplateRow) {
  return {
    key: row.key as string,
    version: Number(row.version),
    title: row.title as string,
    serviceItemCode: (row.item_code as string | null) ?? null,
    category: (row.category as string | null) ?? null,
    body: row.body as string,
    changeReason: row.change_reason as string,
    createdAt: isoInstant(row.created_at)!,
  }
}
