import { errors as vineErrors } from '@vinejs/vine'
import type { I18n } from '@adonisjs/i18n'
import type Organization from '#models/organization'
import Practitioner, { type PractitionerRole } from '#models/practitioner'
import { personIdHash } from '#services/person_identity'

/**
 * An agency names a manager or practitioner (执业公示). The ID-card number is
 * turned into a salted hash here and forgotten.
 */
export async function addPractitioner(
  organization: Organization,
  input: { name: string; idNumber: string; role: PractitionerRole; certificateNo?: string | null },
  i18n: I18n
) {
  const idNumberHash = personIdHash(input.idNumber)
  const existing = await Practitioner.query()
    .where('organization_id', organization.id)
    .where('id_number_hash', idNumberHash)
    .first()
  if (existing) {
    throw new vineErrors.E_VALIDATION_ERROR([
      {
        field: 'idNumber',
        rule: 'idNumber.duplicate',
        message: i18n.t('validator.shared.messages.idNumber.duplicate'),
      },
    ])
  }
  return Practitioner.create({
    organizationId: organization.id,
    name: input.name,
    role: input.role,
    certificateNo: input.certificateNo ?? null,
    idNumberHash,
  })
}

export async function removePractitioner(practitioner: Practitioner) {
  await practitioner.delete()
}
