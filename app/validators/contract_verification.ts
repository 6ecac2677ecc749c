import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { I18n } from '@adonisjs/i18n'
import { open } from 'node:fs/promises'

/** A signed contract PDF may be this large at most (the upload route's limit is a little above). */
export const CONTRACT_PDF_MAX_SIZE = '10mb'

/** The file must begin with the PDF header `%PDF-` (read from its bytes, not its name). */
const pdfHeaderRule = vine.createRule(
  async (value: unknown, _options: undefined, field: FieldContext) => {
    const file = value as MultipartFile | undefined
    if (!file || !file.tmpPath || !file.isValid) return
    const handle = await open(file.tmpPath, 'r')
    try {
      const head = Buffer.alloc(5)
      await handle.read(head, 0, 5, 0)
      if (head.toString('latin1') !== '%PDF-') {
        field.report('The {{ field }} is not a PDF file', 'file.pdf', field)
      }
    } finally {
      await handle.close()
    }
  },
  { isAsync: true }
)

/** The public verification of a signed contract: one PDF (multipart `file`). */
export const contractPdfValidator = vine.create({
  file: vine.file({ size: CONTRACT_PDF_MAX_SIZE }).use(pdfHeaderRule()),
})

/** Field names and messages (resources/lang/<locale>/contract_verification.json, under `validator`). */
export function contractVerificationMessages(i18n: I18n) {
  return i18n.createMessagesProvider('contract_verification.validator')
}
