import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import UploadRefusedException from '#exceptions/upload_refused_exception'
import { takesFiles } from '#services/uploads'

/**
 * Multipart bodies are read only by the routes that take files, and only
 * after their authentication and role checks (the `uploads` route
 * middleware). The body parser leaves every multipart body unread; here, right
 * after it, a multipart request to any other route is refused with 415
 * before a byte of its body is read (login, the token endpoint and the Stripe
 * webhook included). The connection of a multipart request is closed after
 * the answer, so a refused body is not drained either.
 */
export default class MultipartGateMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (ctx.request.bodyType !== 'multipart') return next()
    ctx.response.header('Connection', 'close')
    if (!takesFiles(ctx.route)) {
      throw new UploadRefusedException({ status: 415, code: 'E_UNSUPPORTED_MEDIA_TYPE' })
    }
    return next()
  }
}
