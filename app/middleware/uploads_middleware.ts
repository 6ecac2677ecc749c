import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { verifyCsrfToken } from '#services/csrf'
import { TemporaryFiles, readMultipart, type UploadLimits } from '#services/multipart_reader'

/**
 * Reads the multipart body of a route that takes files — it is the last
 * middleware of that route, after authentication and role checks — within
 * the route's limits (app/services/multipart_reader.ts). Whatever happens
 * next — the handler stores the files, refuses them, throws, or the client
 * goes away mid-upload — every temporary file of the request is removed
 * before the answer leaves.
 */
export default class UploadsMiddleware {
  async handle(ctx: HttpContext, next: NextFn, limits: UploadLimits) {
    if (ctx.request.bodyType !== 'multipart') return next()
    const temporary = new TemporaryFiles()
    try {
      const { fields, files } = await readMultipart(ctx.request.request, limits, temporary)
      ctx.request.setInitialBody(fields)
      // Where the body parser keeps files for request.file(), request.allFiles() and validators.
      Object.assign(ctx.request, { __raw_files: files })
      // A page's upload form carries its CSRF token in the multipart body, read only now
      // (app/middleware/csrf_middleware.ts leaves these requests to this check).
      if (!ctx.request.url().startsWith('/api/')) verifyCsrfToken(ctx)
      return await next()
    } finally {
      await temporary.remove()
    }
  }
}
