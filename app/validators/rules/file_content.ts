import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { readFile } from 'node:fs/promises'
import { fileTypeFromFile } from 'file-type'
import { ZIP_LIMITS } from '#domain/zip_archive'
import { zipBombReasonOfFile } from '#services/archive_inspection'

/**
 * Checks what an uploaded file really is from its first bytes (magic
 * numbers), not from its name: an EXE renamed ".pdf" is refused. The detected
 * MIME type is remembered on the file for storage.
 */
const contentTypeRule = vine.createRule(
  async (value: unknown, allowed: readonly string[], field: FieldContext) => {
    const file = value as MultipartFile | undefined
    if (!file || !file.tmpPath || !file.isValid) return
    const detected = await fileTypeFromFile(file.tmpPath)
    if (!detected || !allowed.includes(detected.mime)) {
      field.report('The {{ field }} must be one of: {{ allowed }}', 'file.contentType', field, {
        allowed: allowed.join(', '),
      })
      return
    }
    file.meta = { ...file.meta, detectedMime: detected.mime, detectedExt: detected.ext }
  },
  { isAsync: true }
)

/** The scans agencies upload: PDF, JPEG or PNG up to 10 MB, checked by content. */
export const SCAN_MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const

export function scanFile() {
  return vine
    .file({ size: '10mb', extnames: ['pdf', 'jpg', 'jpeg', 'png'] })
    .use(contentTypeRule(SCAN_MIME_TYPES))
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** What the refusal of a ZIP bomb names: the limits of app/domain/zip_archive.ts. */
export function zipBombMessageData() {
  return {
    maxSize: `${ZIP_LIMITS.maxUncompressedBytes / 1024 / 1024} MB`,
    maxEntries: ZIP_LIMITS.maxEntries,
  }
}

/**
 * A deliverable: PDF or DOCX recognised by content, or a plain-text file
 * (which has no magic number) named .txt whose bytes are valid UTF-8. A DOCX
 * whose archive declares more than a report can hold (a decompression bomb)
 * is refused from its directory alone, before anything is inflated.
 */
const deliverableContentRule = vine.createRule(
  async (value: unknown, _options: undefined, field: FieldContext) => {
    const file = value as MultipartFile | undefined
    if (!file || !file.tmpPath || !file.isValid) return
    const detected = await fileTypeFromFile(file.tmpPath)
    if (detected && detected.mime === DOCX_MIME && (await zipBombReasonOfFile(file.tmpPath))) {
      field.report(
        'The {{ field }} inflates past {{ maxSize }} or holds more than {{ maxEntries }} parts',
        'file.zipBomb',
        field,
        zipBombMessageData()
      )
      return
    }
    if (detected && (detected.mime === 'application/pdf' || detected.mime === DOCX_MIME)) {
      file.meta = { ...file.meta, detectedMime: detected.mime, detectedExt: detected.ext }
      return
    }
    if (!detected && file.extname?.toLowerCase() === 'txt' && (await isUtf8Text(file.tmpPath))) {
      file.meta = { ...file.meta, detectedMime: 'text/plain', detectedExt: 'txt' }
      return
    }
    field.report('The {{ field }} must be one of: {{ allowed }}', 'file.contentType', field, {
      allowed: 'PDF, DOCX, TXT',
    })
  },
  { isAsync: true }
)

async function isUtf8Text(path: string) {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path))
    return true
  } catch {
    return false
  }
}

/** Reports and their annexes: PDF, DOCX or TXT up to 50 MB each, checked by content. */
export function deliverableFile() {
  return vine.file({ size: '50mb', extnames: ['pdf', 'docx', 'txt'] }).use(deliverableContentRule())
}

/**
 * A list file (CSV): text, not a disguised binary — nothing file-type
 * recognises, no NUL byte, valid UTF-8 (a BOM allowed) — of 2 MB at most.
 */
const csvTextRule = vine.createRule(
  async (value: unknown, _options: undefined, field: FieldContext) => {
    const file = value as MultipartFile | undefined
    if (!file || !file.tmpPath || !file.isValid) return
    const detected = await fileTypeFromFile(file.tmpPath)
    const bytes = await readFile(file.tmpPath)
    let text = true
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      text = false
    }
    if (detected || !text || bytes.includes(0)) {
      field.report('The {{ field }} must be one of: {{ allowed }}', 'file.contentType', field, {
        allowed: 'CSV (UTF-8)',
      })
      return
    }
    file.meta = { ...file.meta, detectedMime: 'text/csv', detectedExt: 'csv' }
  },
  { isAsync: true }
)

export function csvListFile() {
  return vine.file({ size: '2mb', extnames: ['csv', 'txt'] }).use(csvTextRule())
}
