import { open } from 'node:fs/promises'
import {
  END_OF_DIRECTORY_SEARCH,
  type ZipBombReason,
  locateDirectory,
  parseDirectory,
  zipBombReason,
} from '#domain/zip_archive'

/** A central directory larger than this is itself a refusal (1,000 entries take ~100 KB). */
const MAX_DIRECTORY_BYTES = 4 * 1024 * 1024

/**
 * Reads only the end of an uploaded ZIP (DOCX) and its central directory —
 * never inflating a part — and tells why it is a decompression bomb, or null
 * when what it declares stays within the limits (app/domain/zip_archive.ts).
 * Declared sizes can lie: text extraction checks the real ones, off the
 * request thread, before reading the document.
 */
export async function zipBombReasonOfFile(path: string): Promise<ZipBombReason | null> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    const tailLength = Math.min(size, END_OF_DIRECTORY_SEARCH)
    const tail = Buffer.alloc(tailLength)
    await handle.read(tail, 0, tailLength, size - tailLength)
    const location = locateDirectory(tail)
    if (!location) return 'malformed'
    if (location.size > MAX_DIRECTORY_BYTES || location.offset + location.size > size) {
      return zipBombReason(location, null) ?? 'malformed'
    }
    const directory = Buffer.alloc(location.size)
    await handle.read(directory, 0, location.size, location.offset)
    return zipBombReason(location, parseDirectory(directory, location.entries))
  } finally {
    await handle.close()
  }
}
