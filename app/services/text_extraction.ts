import { readFile } from 'node:fs/promises'
import { extractText as extractPdfText } from 'unpdf'
import mammoth from 'mammoth'

/** Text longer than this is cut (a 50 MB report's words fit many times over). */
const MAX_TEXT_CHARACTERS = 2_000_000

/**
 * The plain text of a deliverable, kept for the report-similarity analysis
 * (中介文本对比分析): PDF through PDF.js (unpdf), DOCX through mammoth, TXT as
 * UTF-8. A file whose text cannot be read (a scanned PDF, a damaged file)
 * gives an empty text rather than refusing the delivery.
 */
export async function extractText(path: string, mime: string): Promise<string> {
  try {
    const text = await readText(path, mime)
    return normalise(text).slice(0, MAX_TEXT_CHARACTERS)
  } catch {
    return ''
  }
}

async function readText(path: string, mime: string) {
  switch (mime) {
    case 'application/pdf': {
      const { text } = await extractPdfText(new Uint8Array(await readFile(path)), {
        mergePages: true,
      })
      return text
    }
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
      const { value } = await mammoth.extractRawText({ path })
      return value
    }
    case 'text/plain':
      return readFile(path, 'utf8')
    default:
      return ''
  }
}

/** One space between words, one newline between paragraphs, no NUL bytes. */
function normalise(text: string) {
  return text
    .replaceAll('\u0000', '')
    .replace(/[ \t\u00a0\u3000]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim()
}
