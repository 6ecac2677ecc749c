import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import Project from '#models/project'
import ProjectAttachment from '#models/project_attachment'
import ProjectPolicy from '#policies/project_policy'
import { projectAttachmentValidator } from '#validators/project'
import { attachToProject } from '#actions/projects/project_attachments'

/**
 * Documents of an announcement: the owner attaches them to a draft; anyone
 * reads them once published. The API's twin: api/project_attachments_controller.ts.
 */
export default class ProjectAttachmentsController {
  /** GET /projects/:id/attachments/:attachmentId — public once published, the owner's before. */
  async show({ params, response, auth }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    const attachment = await ProjectAttachment.query()
      .where('id', params.attachmentId)
      .where('project_id', project.id)
      .firstOrFail()
    if (project.status === 'draft') {
      await auth.check()
      if (auth.user?.organizationId !== project.ownerOrganizationId) {
        return response.notFound()
      }
    }
    const stream = await drive.use().getStream(attachment.fileKey)
    response.header('content-type', attachment.fileMime)
    response.attachment(attachment.fileName)
    return response.stream(stream)
  }

  /** POST /owner/projects/:id/attachments — the draft's page, back with a message. */
  async store({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const { file } = await request.validateUsing(projectAttachmentValidator)
    await attachToProject(project, file, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.projectPages.attached'))
    return response.redirect().toRoute('projects.show', { id: project.id })
  }
}
