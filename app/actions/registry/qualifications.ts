import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import drive from '@adonisjs/drive/services/main'
import type Organization from '#models/organization'
import type User from '#models/user'
import Qualification from '#models/qualification'
import QualificationCheck from '#models/qualification_check'
import StateConflictException from '#exceptions/state_conflict_exception'
import { recordAuditEvent } from '#services/audit_log'
import { storeUpload } from '#services/uploads'
import { recordCreditEvent } from '#services/credit_ledger'

export type QualificationInput = {
  type: string
  level?: string | null
  certificateNo: string
  issuer: string
  validUntil: Date
  file?: MultipartFile
}

/**
 * An agency declares a qualification. The scan (already checked by content in
 * the validator) is stored under a random name; it starts unverified until a
 * regulator's spot check.
 */
export async function addQualification(
  organization: Organization,
  input: QualificationInput,
  actor: User | null
) {
  const stored = input.file ? await storeUpload(input.file, 'qualifications') : null
  try {
    return await db.transaction(async (trx) => {
      const qualification = await Qualification.create(
        {
          organizationId: organization.id,
          type: input.type,
          level: input.level ?? null,
          certificateNo: input.certificateNo,
          issuer: input.issuer,
          validUntil: DateTime.fromJSDate(input.validUntil).startOf('day'),
          status: 'unverified',
          fileKey: stored?.key ?? null,
          fileName: stored?.name ?? null,
          fileMime: stored?.mime ?? null,
          fileSize: stored?.size ?? null,
        },
        { client: trx }
      )
      await recordAuditEvent(trx, {
        actor,
        action: 'qualification.declared',
        subjectType: 'qualification',
        subjectId: qualification.id,
        payload: {
          organizationId: organization.id,
          type: qualification.type,
          certificateNo: qualification.certificateNo,
          fileKey: qualification.fileKey,
        },
      })
      return qualification
    })
  } catch (error) {
    if (stored) await drive.use().delete(stored.key)
    throw error
  }
}

/** An agency removes a qualification it declared; a checked one stays as evidence. */
export async function removeQualification(qualification: Qualification, actor: User | null) {
  if (qualification.status !== 'unverified') {
    throw new StateConflictException({ identifier: 'messages.registry.checkedQualificationStays' })
  }
  await db.transaction(async (trx) => {
    qualification.useTransaction(trx)
    await qualification.delete()
    await recordAuditEvent(trx, {
      actor,
      action: 'qualification.removed',
      subjectType: 'qualification',
      subjectId: qualification.id,
      payload: { organizationId: qualification.organizationId },
    })
  })
  if (qualification.fileKey) await drive.use().delete(qualification.fileKey)
}

/**
 * A regulator's spot check (抽查): the qualification becomes verified or
 * false, and the check with its note is kept as evidence for credit.
 */
export async function checkQualification(
  qualification: Qualification,
  input: { outcome: 'verified' | 'false'; note: string },
  regulator: User
) {
  return db.transaction(async (trx) => {
    qualification.useTransaction(trx)
    qualification.status = input.outcome
    await qualification.save()
    const check = await QualificationCheck.create(
      {
        qualificationId: qualification.id,
        checkedByUserId: regulator.id,
        outcome: input.outcome,
        note: input.note,
      },
      { client: trx }
    )
    if (input.outcome === 'false') {
      await recordCreditEvent(trx, {
        organizationId: qualification.organizationId,
        type: 'false_qualification',
        reason: input.note,
        evidence: { type: 'qualification_check', id: check.id },
        actor: regulator,
      })
    }
    await recordAuditEvent(trx, {
      actor: regulator,
      action: 'qualification.checked',
      subjectType: 'qualification',
      subjectId: qualification.id,
      payload: { outcome: input.outcome, note: input.note, checkId: check.id },
    })
    return check
  })
}
