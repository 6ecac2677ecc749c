import { PractitionerSchema } from '#database/schema'
import { afterDelete, afterSave, column } from '@adonisjs/lucid/orm'
import { agencyTag, invalidateLists } from '#services/public_cache'

export const PRACTITIONER_ROLES = ['manager', 'practitioner'] as const
export type PractitionerRole = (typeof PRACTITIONER_ROLES)[number]

/**
 * A person an agency names: a manager (高级管理人员) or a practitioner. The
 * ID-card number exists only as a salted hash and is never serialised.
 */
export default class Practitioner extends PractitionerSchema {
  /** The agency page lists the practitioners. */
  @afterSave()
  @afterDelete()
  static async refreshPublicPage(row: Practitioner) {
    await invalidateLists([agencyTag(row.organizationId)], row.$trx)
  }

  declare role: PractitionerRole

  @column({ serializeAs: null })
  declare idNumberHash: string
}
