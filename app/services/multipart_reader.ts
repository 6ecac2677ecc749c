import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, open, unlink } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { extname, join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { setTimeout as delay } from 'node:timers/promises'
import busboy from 'busboy'
import { fileTypeFromBuffer, supportedExtensions } from 'file-type'
import lodash from '@poppinss/utils/lodash'
import string from '@adonisjs/core/helpers/string'
import { MultipartFile } from '@adonisjs/core/bodyparser'
import UploadRefusedException from '#exceptions/upload_refused_exception'
import { uploadTmpFolder } from '#services/uploads'

/** What one route accepts: the whole body's size (e.g. '12mb') and how many files. */
export type UploadLimits = { limit: string; maxFiles: number }

/** Form fields next to the files: how many, and how long each. */
const MAX_FIELDS = 100
const MAX_FIELD_BYTES = 1024 * 1024
/** How long the cleanup waits for a file still being written (a stalled disk). */
const WRITE_SETTLE_MS = 10_000
const POLLUTING_KEYS = new Set(['__proto__', 'prototype', 'constructor'])

const tooLarge = () =>
  new UploadRefusedException({ status: 413, code: 'E_REQUEST_ENTITY_TOO_LARGE' }, true)
const malformed = () =>
  new UploadRefusedException({ status: 400, code: 'E_INVALID_MULTIPART_REQUEST' }, true)

/** A field or file added under its form name (`files[]` collects an array), as the body parser does. */
function add(target: Record<string, unknown>, name: string, value: unknown) {
  let isArray = false
  const path = lodash.toPath(
    name.replace(/\[]$/, () => {
      isArray = true
      return ''
    })
  )
  if (path.length === 0 || path.some((segment) => POLLUTING_KEYS.has(segment))) return
  const existing = lodash.get(target, path)
  if (existing === undefined || existing === null) {
    lodash.set(target, path, isArray ? [value] : value)
  } else if (Array.isArray(existing)) {
    existing.push(value)
  } else {
    lodash.set(target, path, [existing, value])
  }
}

/** Its type from its first bytes when the name claims one file-type knows, else from the name. */
async function recogniseType(file: MultipartFile, path: string) {
  const named = extname(file.clientName).replace(/^\./, '').toLowerCase()
  let detected: { ext: string; mime: string } | undefined
  if (!named || (supportedExtensions as ReadonlySet<string>).has(named)) {
    const handle = await open(path, 'r')
    try {
      const head = Buffer.alloc(4100)
      const { bytesRead } = await handle.read(head, 0, head.length, 0)
      detected = await fileTypeFromBuffer(head.subarray(0, bytesRead))
    } finally {
      await handle.close()
    }
  }
  const mime = detected?.mime ?? String(file.headers['content-type'] ?? '')
  const [type, subtype] = mime.split('/')
  file.extname = detected?.ext ?? named
  file.type = type || undefined
  file.subtype = subtype || undefined
}

/**
 * The files and fields of a multipart request, read with busboy (whose
 * boundary search stays fast on any content — the framework's parser spends
 * a stream write on every carriage return), within the route's limits: the
 * whole body, the number of files, and the fields. Each file is written to
 * the uploads temporary folder and recorded in `temporary` as soon as it is
 * created, so the caller can remove it whatever happens. Over a limit: 413;
 * cut short or malformed: 400.
 */
export function readMultipart(
  request: IncomingMessage,
  limits: UploadLimits,
  temporary: TemporaryFiles
) {
  const limit = string.bytes.parse(limits.limit) ?? 0
  const fields: Record<string, unknown> = {}
  const files: Record<string, unknown> = {}
  const folder = uploadTmpFolder()

  return new Promise<{ fields: Record<string, unknown>; files: Record<string, unknown> }>(
    (resolve, reject) => {
      let received = 0
      let failed = false
      const streams: Readable[] = []
      const fail = (error: UploadRefusedException) => {
        if (failed) return
        failed = true
        request.unpipe(parser)
        for (const stream of streams) stream.destroy(error)
        void Promise.allSettled(temporary.writing).then(() => reject(error))
      }
      const count = (bytes: number) => {
        received += bytes
        if (received > limit) fail(tooLarge())
      }

      let parser: busboy.Busboy
      try {
        parser = busboy({
          headers: request.headers,
          // Browsers send file names in UTF-8 (采购文件.pdf), not latin1.
          defParamCharset: 'utf8',
          limits: {
            files: limits.maxFiles,
            fields: MAX_FIELDS,
            fieldSize: MAX_FIELD_BYTES,
            fileSize: limit,
            parts: limits.maxFiles + MAX_FIELDS,
          },
        })
      } catch {
        reject(malformed())
        return
      }

      parser.on('field', (name, value, info) => {
        if (info.valueTruncated) return fail(tooLarge())
        count(Buffer.byteLength(value))
        const trimmed = value.trim()
        add(fields, name, trimmed === '' ? null : trimmed)
      })

      parser.on('file', (name, stream, info) => {
        if (failed || !info.filename) {
          stream.resume()
          return
        }
        const file = new MultipartFile(
          {
            fieldName: name,
            clientName: info.filename,
            headers: { 'content-type': info.mimeType },
          },
          {}
        )
        const path = join(folder, randomUUID())
        temporary.paths.push(path)
        streams.push(stream)
        stream.on('limit', () => fail(tooLarge()))
        stream.on('data', (chunk: Buffer) => {
          file.size += chunk.length
          count(chunk.length)
        })
        const written = pipeline(stream, createWriteStream(path)).then(async () => {
          file.tmpPath = path
          file.state = 'consumed'
          await recogniseType(file, path)
        })
        temporary.writing.push(written.catch(() => {}))
        written.catch(() => fail(malformed()))
        add(files, name, file)
        add(fields, name, file)
      })

      parser.on('filesLimit', () => fail(tooLarge()))
      parser.on('fieldsLimit', () => fail(tooLarge()))
      parser.on('partsLimit', () => fail(tooLarge()))
      parser.on('error', () => fail(malformed()))
      parser.on('close', async () => {
        await Promise.all(temporary.writing)
        if (!failed) resolve({ fields, files })
      })
      // The client went away before the body ended.
      request.on('close', () => {
        if (!request.complete) fail(malformed())
      })
      request.on('error', () => fail(malformed()))

      void mkdir(folder, { recursive: true }).then(
        () => request.pipe(parser),
        () => reject(malformed())
      )
    }
  )
}

/** The temporary files of one request, and the writes still under way. */
export class TemporaryFiles {
  paths: string[] = []
  writing: Promise<void>[] = []

  /**
   * Removes them all (those the handler moved are gone already). A file still
   * being written is removed again once its stream closes, so it cannot
   * reappear after the cleanup.
   */
  async remove() {
    const remove = () => Promise.all(this.paths.map((path) => unlink(path).catch(() => {})))
    const settled = Promise.allSettled(this.writing)
    const patience = new AbortController()
    await Promise.race([
      settled,
      delay(WRITE_SETTLE_MS, undefined, { signal: patience.signal }).catch(() => {}),
    ])
    patience.abort()
    await remove()
    void settled.then(remove)
  }
}
