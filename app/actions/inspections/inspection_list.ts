/*
 * 抽查事项清单: regulators keep, per service item, the entries an inspection
 * checks (what is checked, the legal basis). Each change is one transaction
 * written to the audit log; plans name the entries they cover.
 */
import db from '@adonisjs/lucid/services/db'
import { refuseInput } from '#exceptions/invalid_input_exception'
import type User from '#models/user'
import InspectionListEntry from '#models/inspection_list_entry'
import { recordAuditEvent } from '#services/audit_log'
import { sqlTime } from '#services/sql_time'
import { clock } from '#services/clock'

export type ListEntryInput = { itemCode: string; subject: string; legalBasis: string }

async function itemOf(code: string) {
  const row = await db.from('service_items').where('code', code).select('id', 'code').first()
  if (!row) {
    refuseInput([
      {
        field: 'itemCode',
        rule: 'inspection.unknownItem',
        identifier: 'inspections.errors.unknownItem',
      },
    ])
  }
  return { id: Number(row.id), code: String(row.code) }
}

export async function createListEntry(input: ListEntryInput, regulator: User) {
  const item = await itemOf(input.itemCode)
  return db.transaction(async (trx) => {
    const now = sqlTime(clock.now())
    const [id] = await trx.insertQuery().table('inspection_list_entries').insert({
      service_item_id: item.id,
      title: input.subject,
      legal_basis: input.legalBasis,
      created_by_user_id: regulator.id,
      created_at: now,
      updated_at: now,
    })
    await recordAuditEvent(trx, {
      actor: regulator,
      action: 'inspection.list_entry_created',
      subjectType: 'inspection_list_entry',
      subjectId: Number(id),
      payload: { itemCode: item.code, title: input.subject, legalBasis: input.legalBasis },
    })
    return InspectionListEntry.query({ client: trx }).where('id', Number(id)).firstOrFail()
  })
}

/** Rewrites an entry (its item too); plans that named it keep naming it. */
export async function updateListEntry(
  entry: InspectionListEntry,
  input: ListEntryInput,
  regulator: User
) {
  const item = await itemOf(input.itemCode)
  return db.transaction(async (trx) => {
    const before = await trx
      .from('inspection_list_entries')
      .where('id', entry.id)
      .forUpdate()
      .firstOrFail()
    await trx
      .from('inspection_list_entries')
      .where('id', entry.id)
      .update({
        service_item_id: item.id,
        title: input.subject,
        legal_basis: input.legalBasis,
        updated_by_user_id: regulator.id,
        updated_at: sqlTime(clock.now()),
      })
    await recordAuditEvent(trx, {
      actor: regulator,
      action: 'inspection.list_entry_updated',
      subjectType: 'inspection_list_entry',
      subjectId: entry.id,
      payload: {
        before: { title: before.title, legalBasis: before.legal_basis },
        itemCode: item.code,
        title: input.subject,
        legalBasis: input.legalBasis,
      },
    })
    return InspectionListEntry.query({ client: trx }).where('id', entry.id).firstOrFail()
  })
}
