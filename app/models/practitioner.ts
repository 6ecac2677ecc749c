import { PractitionerSchema } from '#database/schema'
import { column } from '@adonisjs/lucid/orm'

export const PRACTITIONER_ROLES = ['manager', 'practitioner'] as const
export type PractitionerRole = (typeof PRACTITIONER_ROLES)[number]

/**
 * A person an agency names: a manager (高级管理人员) or a practitioner. The
 * ID-card number exists only as a salted hash and is never serialised.
 */
export default class Practitioner extends PractitionerSchema {
  declare role: PractitionerRole

  @column({ serializeAs: null })
  declare idNumberHash: string
}
