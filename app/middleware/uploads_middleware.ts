import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import encryption from '@adonisjs/core/services/encryption'
import { csrfFactory } from '@adonisjs/shield/guards'
import shieldConfig from '#config/shield'
import { TemporaryFiles, readMultipart, type UploadLimits } from '#services/multipart_reader'

/**
 * Shield's own CSRF check, run once the body is read: a page's upload form
 * carries its token in the multipart body, which the global shield middleware
 * does not read (config/shield.ts leaves these requests to this one).
 */
const checkCsrf = csrfFactory({ ...shieldConfig.csrf, exceptRoutes: [] }, encryption.use())

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
      if (!ctx.request.url().startsWith('/api/')) await checkCsrf(ctx)
      return await next()
    } finally {
      await temporary.remove()
    }
  }
}
