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
import { levelOf, qualificationType } from '#domain/qualification_types'
import { refuseInput } from '#exceptions/invalid_input_exception'

export type QualificationInput = {
  /** A type and level code from the closed list. */
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
  const type = qualificationType(input.type)
  if (!type) {
    refuseInput([
      {
        field: 'type',
        rule: 'qualification.type',
        identifier: 'messages.registry.qualificationTypeUnknown',
      },
    ])
  }
  const level = input.level ? levelOf(input.type, input.level) : null
  if (input.level && !level) {
    refuseInput([
      {
        field: 'level',
        rule: 'qualification.level',
        identifier: 'messages.catalog.guide.levelNotOfType',
      },
    ])
  }
  const stored = input.file ? await storeUpload(input.file, 'qualifications') : null
  try {
    return await db.transaction(async (trx) => {
      const qualification = await Qualification.create(
        {
          organizationId: organization.id,
          // The list's names are kept as the words shown; the codes are what is matched.
          type: type.name,
          level: level?.name ?? null,
          typeCode: type.code,
          levelCode: level?.code ?? null,
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
          typeCode: qualification.typeCode,
          levelCode: qualification.levelCode,
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
