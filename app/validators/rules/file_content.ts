import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { fileTypeFromFile } from 'file-type'

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
