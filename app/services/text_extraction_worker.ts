/*
 * The text extraction worker (a worker thread started by text_extraction.ts
 * for one file): it reads the file, extracts its text and posts it back. It
 * runs under a heap limit and a time limit set by its parent, so a hostile
 * document can exhaust only this worker, never the server's request thread.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { readFile } from 'node:fs/promises'
import { inflateRawSync } from 'node:zlib'
import { extractText as extractPdfText } from 'unpdf'
import mammoth from 'mammoth'
import { normaliseText } from '#domain/text_normalisation'
import {
  END_OF_DIRECTORY_SEARCH,
  entryDataOffset,
  locateDirectory,
  parseDirectory,
  zipBombReason,
} from '#domain/zip_archive'

export type ExtractionRequest = { path: string; mime: string; maxCharacters: number }
export type ExtractionAnswer = { text: string } | { refused: 'zipBomb' }

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/**
 * Whether every part of the archive inflates to exactly the size its
 * directory declares: each part is inflated with an output cap at that size,
 * so an archive that lies about its sizes stops at the cap instead of
 * filling memory.
 */
function archiveKeepsItsWord(archive: Buffer) {
  const tail = archive.subarray(Math.max(0, archive.byteLength - END_OF_DIRECTORY_SEARCH))
  const location = locateDirectory(tail)
  if (!location) return false
  const directory = archive.subarray(location.offset, location.offset + location.size)
  const entries = parseDirectory(directory, location.entries)
  if (zipBombReason(location, entries) !== null || !entries) return false
  for (const entry of entries) {
    const start = entryDataOffset(archive, entry)
    if (start === null) return false
    const stored = archive.subarray(start, start + entry.compressedSize)
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize) return false
    } else if (entry.method === 8) {
      try {
        const inflated = inflateRawSync(stored, {
          maxOutputLength: Math.max(entry.uncompressedSize, 1),
        })
        if (inflated.byteLength !== entry.uncompressedSize) return false
      } catch {
        return false
      }
    }
  }
  return true
}

async function readText({ path, mime }: ExtractionRequest): Promise<ExtractionAnswer> {
  switch (mime) {
    case 'application/pdf': {
      const { text } = await extractPdfText(new Uint8Array(await readFile(path)), {
        mergePages: true,
      })
      return { text }
    }
    case DOCX_MIME: {
      const archive = await readFile(path)
      if (!archiveKeepsItsWord(archive)) return { refused: 'zipBomb' }
      const { value } = await mammoth.extractRawText({ buffer: archive })
      return { text: value }
    }
    case 'text/plain':
      return { text: await readFile(path, 'utf8') }
    default:
      return { text: '' }
  }
}

async function answer(request: ExtractionRequest): Promise<ExtractionAnswer> {
  try {
    const read = await readText(request)
    if ('refused' in read) return read
    return { text: normaliseText(read.text).slice(0, request.maxCharacters) }
  } catch {
    // A damaged or unreadable file (a scanned PDF…) has no text; the delivery stands.
    return { text: '' }
  }
}

if (parentPort) {
  parentPort.postMessage(await answer(workerData as ExtractionRequest))
}
