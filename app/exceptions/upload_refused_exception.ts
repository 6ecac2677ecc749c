import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

type UploadRefusal =
  | { status: 415; code: 'E_UNSUPPORTED_MEDIA_TYPE' }
  | { status: 413; code: 'E_REQUEST_ENTITY_TOO_LARGE' }
  | { status: 400; code: 'E_INVALID_MULTIPART_REQUEST' }

/**
 * A multipart body refused before or while it is read: files sent to an
 * address that takes none (415), over the route's size or file count (413),
 * cut short or malformed (400). The API answers in its error shape; a page
 * form goes back with the reason once the session is open, else the reason
 * is the answer.
 */
export default class UploadRefusedException extends Exception {
  constructor(
    refusal: UploadRefusal,
    readonly backToForm = false
  ) {
    super('The upload is refused', refusal)
  }

  async handle(error: this, ctx: HttpContext) {
    const message = ctx.i18n.t(`errors.${error.code}`)
    if (ctx.request.url().startsWith('/api/')) {
      return ctx.response.status(error.status).send({ errors: [{ code: error.code, message }] })
    }
    if (error.backToForm) {
      ctx.session.flash('error', message)
      return ctx.response.redirect().back()
    }
    return ctx.response.status(error.status).type('text/plain').send(message)
  }
}
