import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import Qualification from '#models/qualification'
import QualificationPolicy from '#policies/qualification_policy'

export default class QualificationFilesController {
  /** The scan of a qualification, streamed to the agency itself and to staff only. */
  async show({ params, response, bouncer }: HttpContext) {
    const qualification = await Qualification.query()
      .where('id', params.id)
      .whereNotNull('file_key')
      .firstOrFail()
    await bouncer.with(QualificationPolicy).authorize('viewFile', qualification)
    const stream = await drive.use().getStream(qualification.fileKey!)
    const extension = qualification.fileKey!.split('.').pop()
    response.header('content-type', qualification.fileMime ?? 'application/octet-stream')
    response.attachment(`qualification-${qualification.id}.${extension}`)
    return response.stream(stream)
  }
}
