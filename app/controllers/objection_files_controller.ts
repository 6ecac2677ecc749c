import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import ObjectionFile from '#models/objection_file'
import Objection from '#models/objection'
import Project from '#models/project'
import ObjectionPolicy from '#policies/objection_policy'

export default class ObjectionFilesController {
  /** Evidence of an objection, streamed to the project's owner, the objector and regulators. */
  async show({ params, response, bouncer }: HttpContext) {
    const file = await ObjectionFile.findOrFail(params.id)
    const objection = await Objection.findOrFail(file.objectionId)
    const project = await Project.findOrFail(objection.projectId)
    await bouncer.with(ObjectionPolicy).authorize('readEvidence', objection, project)
    response.header('content-type', file.fileMime)
    response.attachment(file.fileName)
    return response.stream(await drive.use().getStream(file.fileKey))
  }
}
