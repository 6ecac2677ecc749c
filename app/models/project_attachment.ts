import { ProjectAttachmentSchema } from '#database/schema'
import { afterDelete, afterSave } from '@adonisjs/lucid/orm'
import { invalidateLists, projectTag } from '#services/public_cache'

/** A document published with a project's announcement. */
export default class ProjectAttachment extends ProjectAttachmentSchema {
  /** The project page lists the notice's files. */
  @afterSave()
  @afterDelete()
  static async refreshPublicPage(row: ProjectAttachment) {
    await invalidateLists([projectTag(row.projectId)], row.$trx)
  }
}
