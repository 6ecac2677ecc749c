import { ObjectionSchema } from '#database/schema'
import { afterDelete, afterSave } from '@adonisjs/lucid/orm'
import { invalidateLists, projectTag } from '#services/public_cache'

export const OBJECTION_STATUSES = ['pending', 'upheld', 'rejected'] as const
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number]

/** 质疑: a participant objects to a selection result during publicity; a regulator decides. */
export default class Objection extends ObjectionSchema {
  /** The project page lists the objections. */
  @afterSave()
  @afterDelete()
  static async refreshPublicPage(row: Objection) {
    await invalidateLists([projectTag(row.projectId)], row.$trx)
  }

  declare status: ObjectionStatus
}
