import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type Project from '#models/project'
import type User from '#models/user'
import ProjectAttachment from '#models/project_attachment'
import StateConflictException from '#exceptions/state_conflict_exception'
import { recordAuditEvent } from '#services/audit_log'
import { storeUpload } from '#services/uploads'

/**
 * The owner attaches a document to a draft: what is announced is fixed at
 * publication, so every bidder answers the same documents.
 */
export async function attachToProject(project: Project, file: MultipartFile, owner: User) {
  if (project.status !== 'draft') {
    throw new StateConflictException({ identifier: 'messages.projectPages.attachmentsFixed' })
  }
  const stored = await storeUpload(file, 'projects')
  try {
    return await db.transaction(async (trx) => {
      const attachment = await ProjectAttachment.create(
        {
          projectId: project.id,
          fileKey: stored.key,
          fileName: stored.name,
          fileMime: stored.mime,
          fileSize: stored.size,
          uploadedByUserId: owner.id,
        },
        { client: trx }
      )
      await recordAuditEvent(trx, {
        actor: owner,
        action: 'project.attachment_added',
        subjectType: 'project',
        subjectId: project.id,
        payload: { attachmentId: attachment.id, name: stored.name, size: stored.size },
      })
      return attachment
    })
  } catch (error) {
    await drive.use().delete(stored.key)
    throw error
  }
}
