import type { HttpContext } from '@adonisjs/core/http'
import Project from '#models/project'
import ProjectPolicy from '#policies/project_policy'
import { projectAttachmentValidator } from '#validators/project'
import { attachToProject } from '#actions/projects/project_attachments'

/** Documents of an announcement in the API; pages: project_attachments_controller.ts. */
export default class ProjectAttachmentsController {
  /** POST /api/v1/projects/:id/attachments (owner, multipart `file`) → 201 {id, name, size, url} */
  async store({ params, request, response, bouncer, auth }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const { file } = await request.validateUsing(projectAttachmentValidator)
    const attachment = await attachToProject(project, file, auth.getUserOrFail())
    return response.created({
      id: attachment.id,
      name: attachment.fileName,
      size: attachment.fileSize,
      url: `/projects/${project.id}/attachments/${attachment.id}`,
    })
  }
}
