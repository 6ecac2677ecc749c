import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import Signatory from '#models/signatory'
import SignatoryPolicy from '#policies/signatory_policy'

export default class SignatoryDocumentsController {
  /** A signatory's authorisation document, to the organisation's users and to staff only. */
  async show({ params, response, bouncer }: HttpContext) {
    const designation = await Signatory.query()
      .where('id', params.id)
      .whereNotNull('document_key')
      .firstOrFail()
    await bouncer.with(SignatoryPolicy).authorize('viewDocument', designation)
    const stream = await drive.use().getStream(designation.documentKey!)
    const extension = designation.documentKey!.split('.').pop()
    response.header('content-type', designation.documentMime ?? 'application/octet-stream')
    response.attachment(`signatory-${designation.id}.${extension}`)
    return response.stream(stream)
  }
}
