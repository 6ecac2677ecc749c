/*
 * 联合惩戒: a regulator imports an external list as a CSV file of USCCs
 * (source, listing date and legal basis each); the import replaces that
 * list — subjects no longer on it are lifted, new ones are listed — in one
 * transaction, written to the audit log. A regulator may also lift one entry
 * with a reason. The bars themselves are read where bans are enforced.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type User from '#models/user'
import StateConflictException from '#exceptions/state_conflict_exception'
import { refuseInput } from '#exceptions/invalid_input_exception'
import {
  listChanges,
  parseJointPunishmentList,
  type JointPunishmentMeasure,
} from '#domain/joint_punishment'
import { DISPLAY_ZONE } from '#domain/time_zone'
import { recordAuditEvent } from '#services/audit_log'
import { invalidateLists } from '#services/public_cache'
import { sqlTime } from '#services/sql_time'
import { clock } from '#services/clock'
import type { SqlInteger } from '#services/sql_rows'

export type ListImportInput = {
  listName: string
  measure: JointPunishmentMeasure
  /** The CSV file, already checked by the validator (size, UTF-8 text, no binary). */
  file: MultipartFile
}

/** Imports a list: refused whole (422, naming the lines) when any line is wrong. */
export async function importJointPunishmentList(input: ListImportInput, regulator: User) {
  const bytes = await readFile(input.file.tmpPath!)
  const text = bytes.toString('utf8')
  const today = DateTime.fromJSDate(clock.now()).setZone(DISPLAY_ZONE).toISODate()!
  const { entries, problems } = parseJointPunishmentList(text, today)
  if (problems.length > 0) {
    refuseInput(
      problems.map((problem) => ({
        field: 'file',
        rule: `jointPunishment.${problem.rule}`,
        identifier: `joint_punishment.problems.${problem.rule}`,
        data: { line: problem.line },
      }))
    )
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex')

  return db.transaction(async (trx) => {
    const now = sqlTime(clock.now())
    // The list's entries in force, locked: two imports of one list run one after the other.
    const inForce: { id: SqlInteger; uscc: string }[] = await trx
      .from('joint_punishment_entries')
      .where('list_name', input.listName)
      .whereNull('lifted_at')
      .forUpdate()
      .select('id', 'uscc')
    const changes = listChanges(
      inForce.map((row) => row.uscc),
      entries.map((entry) => entry.uscc)
    )
    const [importId] = await trx
      .insertQuery()
      .table('joint_punishment_imports')
      .insert({
        list_name: input.listName,
        measure: input.measure,
        file_name: input.file.clientName.slice(0, 255),
        file_sha256: sha256,
        entry_count: entries.length,
        lifted_count: changes.lifted.length,
        imported_by_user_id: regulator.id,
        created_at: now,
      })
    const lifted = new Set(changes.lifted)
    const liftedIds = inForce.filter((row) => lifted.has(row.uscc)).map((row) => Number(row.id))
    if (liftedIds.length > 0) {
      await trx
        .from('joint_punishment_entries')
        .whereIn('id', liftedIds)
        .update({
          lifted_at: now,
          lifted_reason: `名单更新：第 ${Number(importId)} 次导入不再包含该主体`,
          lifted_by_user_id: regulator.id,
        })
    }
    // Subjects still listed take the new file's details and the list's measure.
    const byUscc = new Map(entries.map((entry) => [entry.uscc, entry]))
    for (const row of inForce.filter((entry) => byUscc.has(entry.uscc))) {
      const entry = byUscc.get(row.uscc)!
      await trx.from('joint_punishment_entries').where('id', row.id).update({
        measure: input.measure,
        source: entry.source,
        listed_on: entry.listedOn,
        legal_basis: entry.legalBasis,
      })
    }
    const added = changes.added.map((uscc) => byUscc.get(uscc)!)
    for (let start = 0; start < added.length; start += 500) {
      await trx
        .insertQuery()
        .table('joint_punishment_entries')
        .multiInsert(
          added.slice(start, start + 500).map((entry) => ({
            import_id: Number(importId),
            list_name: input.listName,
            measure: input.measure,
            uscc: entry.uscc,
            source: entry.source,
            listed_on: entry.listedOn,
            legal_basis: entry.legalBasis,
            created_at: now,
          }))
        )
    }
    await recordAuditEvent(trx, {
      actor: regulator,
      action: 'joint_punishment.imported',
      subjectType: 'joint_punishment_import',
      subjectId: Number(importId),
      payload: {
        listName: input.listName,
        measure: input.measure,
        fileSha256: sha256,
        entries: entries.length,
        added: changes.added,
        lifted: changes.lifted,
      },
    })
    await invalidateLists(['directory'], trx)
    return {
      id: Number(importId),
      entries: entries.length,
      added: changes.added.length,
      kept: changes.kept.length,
      lifted: changes.lifted.length,
      fileSha256: sha256,
    }
  })
}

/** A regulator lifts one entry (the list's publisher removed it, or it was wrong), with a reason. */
export async function liftJointPunishmentEntry(entryId: number, reason: string, regulator: User) {
  return db.transaction(async (trx) => {
    const entry = await trx
      .from('joint_punishment_entries')
      .where('id', entryId)
      .forUpdate()
      .firstOrFail()
    if (entry.lifted_at !== null) {
      throw new StateConflictException({ identifier: 'joint_punishment.refusals.alreadyLifted' })
    }
    await trx
      .from('joint_punishment_entries')
      .where('id', entryId)
      .update({
        lifted_at: sqlTime(clock.now()),
        lifted_reason: reason,
        lifted_by_user_id: regulator.id,
      })
    await recordAuditEvent(trx, {
      actor: regulator,
      action: 'joint_punishment.lifted',
      subjectType: 'joint_punishment_entry',
      subjectId: entryId,
      payload: { listName: entry.list_name, uscc: entry.uscc, reason },
    })
    await invalidateLists(['directory'], trx)
    return { id: entryId, lifted: true }
  })
}
