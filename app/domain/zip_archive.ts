/*
 * What a ZIP archive (DOCX is one) says about itself, read from its central
 * directory without inflating anything, and whether that is a decompression
 * bomb: too many parts, or parts that would inflate past what any real
 * report needs.
 */

/** What a deliverable's archive may declare (a 50 MB report with its images fits easily). */
export const ZIP_LIMITS = {
  /** Parts (files) in the archive. */
  maxEntries: 1000,
  /** All parts together, inflated. */
  maxUncompressedBytes: 100 * 1024 * 1024,
  /** Inflated size over stored size, for a part of more than 1 MB inflated (XML: 5–20). */
  maxRatio: 100,
}

export type ZipLimits = typeof ZIP_LIMITS

export type ZipEntry = {
  name: string
  method: number
  compressedSize: number
  uncompressedSize: number
  localHeaderOffset: number
}

/** Where the central directory is, from the end-of-central-directory record. */
export type ZipDirectoryLocation = { entries: number; size: number; offset: number }

export type ZipBombReason = 'tooManyEntries' | 'tooLarge' | 'ratio' | 'zip64' | 'malformed'

const END_OF_DIRECTORY = 0x06_05_4b_50
const DIRECTORY_ENTRY = 0x02_01_4b_50
const LOCAL_HEADER = 0x04_03_4b_50
/** The end record (22 bytes) plus the longest archive comment. */
export const END_OF_DIRECTORY_SEARCH = 22 + 0xff_ff
const ZIP64_MARKER = 0xff_ff_ff_ff

/**
 * Finds the end-of-central-directory record in the last bytes of a file
 * (`tail`, at most END_OF_DIRECTORY_SEARCH bytes), or null when there is none.
 * Values saturated at their maximum mean a ZIP64 archive.
 */
export function locateDirectory(tail: Uint8Array): ZipDirectoryLocation | null {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength)
  for (let at = tail.byteLength - 22; at >= 0; at--) {
    if (view.getUint32(at, true) !== END_OF_DIRECTORY) continue
    return {
      entries: view.getUint16(at + 10, true),
      size: view.getUint32(at + 12, true),
      offset: view.getUint32(at + 16, true),
    }
  }
  return null
}

/** The entries of a central directory (its bytes, as located), or null when it is damaged. */
export function parseDirectory(bytes: Uint8Array, expected: number): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const entries: ZipEntry[] = []
  let at = 0
  while (entries.length < expected) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== DIRECTORY_ENTRY) return null
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    const end = at + 46 + nameLength + extraLength + commentLength
    if (end > bytes.byteLength) return null
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    })
    at = end
  }
  return entries
}

/** Why the declared directory is a bomb, or null when it stays within the limits. */
export function zipBombReason(
  location: ZipDirectoryLocation,
  entries: ZipEntry[] | null,
  limits: ZipLimits = ZIP_LIMITS
): ZipBombReason | null {
  if (location.entries === 0xff_ff || location.offset === ZIP64_MARKER) return 'zip64'
  if (location.entries > limits.maxEntries) return 'tooManyEntries'
  if (!entries) return 'malformed'
  let total = 0
  for (const entry of entries) {
    if (entry.uncompressedSize === ZIP64_MARKER || entry.compressedSize === ZIP64_MARKER) {
      return 'zip64'
    }
    total += entry.uncompressedSize
    if (total > limits.maxUncompressedBytes) return 'tooLarge'
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1)
    if (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxRatio) return 'ratio'
  }
  return null
}

/**
 * Where a part's stored bytes begin in the whole archive (after its local
 * header), or null when the local header is not where the directory says.
 */
export function entryDataOffset(archive: Uint8Array, entry: ZipEntry) {
  const at = entry.localHeaderOffset
  if (at + 30 > archive.byteLength) return null
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength)
  if (view.getUint32(at, true) !== LOCAL_HEADER) return null
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true)
  return start + entry.compressedSize <= archive.byteLength ? start : null
}
