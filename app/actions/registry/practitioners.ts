import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { refuseInput } from '#exceptions/invalid_input_exception'
import type Organization from '#models/organization'
import type User from '#models/user'
import Practitioner, { type PractitionerRole } from '#models/practitioner'
import { personIdHash } from '#services/person_identity'
import { recordAuditEvent } from '#services/audit_log'
import { invalidateLists } from '#services/public_cache'
import {
  legacyPersonQualification,
  personLevelOf,
  personQualification,
} from '#domain/person_qualifications'

/**
 * An agency names a manager or practitioner (执业公示). The ID-card number is
 * turned into a salted hash here and forgotten; the audit log records the
 * person's name and role only.
 */
export async function addPractitioner(
  organization: Organization,
  input: {
    name: string
    idNumber: string
    role: PractitionerRole
    certificateNo?: string | null
    qualificationCode?: string | null
    qualificationLevel?: string | null
    /** The qualification's name, as clients written before the list send it. */
    qualificationType?: string | null
    qualificationValidUntil?: Date | null
  },
  actor: User | null
) {
  const named = input.qualificationCode ? null : legacyPersonQualification(input.qualificationType)
  if (!input.qualificationCode && input.qualificationType && !named) {
    refuseInput([
      {
        field: 'qualificationType',
        rule: 'personQualification.textUnknown',
        identifier: 'validator.shared.messages.personQualification.textUnknown',
      },
    ])
  }
  const code = input.qualificationCode ?? named?.code ?? null
  const level = code ? (input.qualificationLevel ?? named?.level ?? null) : null
  // A level the qualification does not have (注册测绘师 has none; 注册造价工程师 has 一级 and 二级).
  if (level !== null && !personLevelOf(code, level)) {
    refuseInput([
      {
        field: 'qualificationLevel',
        rule: 'personQualification.levelUnknown',
        identifier: 'validator.shared.messages.personQualification.levelUnknown',
      },
    ])
  }
  const idNumberHash = personIdHash(input.idNumber)
  const existing = await Practitioner.query()
    .where('organization_id', organization.id)
    .where('id_number_hash', idNumberHash)
    .first()
  if (existing) {
    refuseInput([
      {
        field: 'idNumber',
        rule: 'idNumber.duplicate',
        identifier: 'validator.shared.messages.idNumber.duplicate',
      },
    ])
  }
  return db.transaction(async (trx) => {
    const practitioner = await Practitioner.create(
      {
        organizationId: organization.id,
        name: input.name,
        role: input.role,
        certificateNo: input.certificateNo ?? null,
        // The qualification under which the person may lead or join a response (项目负责人).
        qualificationCode: code,
        qualificationLevel: level,
        // The words of the list, kept beside the code as older rows keep their free text.
        qualificationType: personQualification(code)?.name ?? null,
        qualificationValidUntil:
          code && input.qualificationValidUntil
            ? DateTime.fromJSDate(input.qualificationValidUntil).startOf('day')
            : null,
        idNumberHash,
      },
      { client: trx }
    )
    await recordAuditEvent(trx, {
      actor,
      action: 'practitioner.named',
      subjectType: 'practitioner',
      subjectId: practitioner.id,
      payload: {
        organizationId: organization.id,
        name: practitioner.name,
        role: practitioner.role,
        qualificationCode: practitioner.qualificationCode,
        qualificationLevel: practitioner.qualificationLevel,
        qualificationValidUntil: practitioner.qualificationValidUntil?.toISODate() ?? null,
      },
    })
    // A banned person named as manager marks the agency banned in the directory.
    await invalidateLists(['directory'], trx)
    return practitioner
  })
}

export async function removePractitioner(practitioner: Practitioner, actor: User | null) {
  await db.transaction(async (trx) => {
    practitioner.useTransaction(trx)
    await practitioner.delete()
    await recordAuditEvent(trx, {
      actor,
      action: 'practitioner.removed',
      subjectType: 'practitioner',
      subjectId: practitioner.id,
      payload: { organizationId: practitioner.organizationId },
    })
    await invalidateLists(['directory'], trx)
  })
}
