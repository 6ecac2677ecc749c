import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { setTimeout as delay } from 'node:timers/promises'
import type { Readable } from 'node:stream'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import encryption from '@adonisjs/core/services/encryption'
import { csrfFactory } from '@adonisjs/shield/guards'
import shieldConfig from '#config/shield'
import UploadRefusedException from '#exceptions/upload_refused_exception'
import { UPLOAD_TMP_FOLDER } from '#services/uploads'

/** What one route accepts: the whole body's size (e.g. '12mb') and how many files. */
export type UploadLimits = { limit: string; maxFiles: number }

/** How long the cleanup waits for a file still being written (a stalled client). */
const WRITE_SETTLE_MS = 10_000

/**
 * Shield's own CSRF check, run once the body is read: a page's upload form
 * carries its token in the multipart body, which the global shield middleware
 * does not read (config/shield.ts leaves these requests to this one).
 */
const checkCsrf = csrfFactory({ ...shieldConfig.csrf, exceptRoutes: [] }, encryption.use())

/**
 * Reads the multipart body of a route that takes files (it is the last
 * middleware of that route, after authentication and role checks): at most
 * `limit` bytes and `maxFiles` files, each written to the uploads temporary
 * folder. Whatever happens next — the handler stores the files, refuses them,
 * throws, or the client goes away mid-upload — every temporary file of the
 * request is removed before the answer leaves.
 */
export default class UploadsMiddleware {
  async handle(ctx: HttpContext, next: NextFn, limits: UploadLimits) {
    if (ctx.request.bodyType !== 'multipart') return next()
    const multipart = ctx.request.multipart
    const temporary: string[] = []
    const writing: Promise<void>[] = []
    let files = 0
    await mkdir(UPLOAD_TMP_FOLDER, { recursive: true })

    multipart.onFile('*', { deferValidations: true }, async (part, reportChunk) => {
      files++
      if (files > limits.maxFiles) {
        part.resume()
        multipart.abort(
          new UploadRefusedException({ status: 413, code: 'E_REQUEST_ENTITY_TOO_LARGE' }, true)
        )
        return
      }
      const tmpPath = join(UPLOAD_TMP_FOLDER, randomUUID())
      temporary.push(tmpPath)
      const written = writeTo(part, tmpPath, reportChunk)
      writing.push(written.catch(() => {}))
      try {
        await written
        return { tmpPath }
      } catch (error) {
        multipart.abort(error)
      }
    })

    try {
      try {
        await multipart.process({ limit: limits.limit })
      } catch (error) {
        throw refusalOf(error)
      }
      if (!ctx.request.url().startsWith('/api/')) await checkCsrf(ctx)
      return await next()
    } finally {
      await removeWhenWritten(temporary, writing)
    }
  }
}

function writeTo(part: Readable, path: string, reportChunk: (chunk: Buffer) => void) {
  part.pause()
  part.on('data', reportChunk)
  return pipeline(part, createWriteStream(path))
}

/** A failure while reading the body, as the refusal the client is told. */
function refusalOf(error: unknown) {
  if (error instanceof UploadRefusedException) return error
  const status = (error as { status?: number }).status
  return status === 413
    ? new UploadRefusedException({ status: 413, code: 'E_REQUEST_ENTITY_TOO_LARGE' }, true)
    : new UploadRefusedException({ status: 400, code: 'E_INVALID_MULTIPART_REQUEST' }, true)
}

/**
 * Removes the request's temporary files (those the handler moved are gone
 * already). A file still being written is removed once its stream closes,
 * so it cannot reappear after the cleanup.
 */
async function removeWhenWritten(paths: string[], writing: Promise<void>[]) {
  const remove = () => Promise.all(paths.map((path) => unlink(path).catch(() => {})))
  const settled = Promise.allSettled(writing)
  const patience = new AbortController()
  await Promise.race([
    settled,
    delay(WRITE_SETTLE_MS, undefined, { signal: patience.signal }).catch(() => {}),
  ])
  patience.abort()
  await remove()
  void settled.then(remove)
}
