/*
 * What a ZIP archive (DOCX is one) says about itself, read from its central
 * directory without inflating anything, and whether that is a decompression
 * bomb: too many parts, or parts that would inflate past what any real
 * report needs.
 */

import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib'

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

/*
 * Writing and reading whole archives (the market's sealed project archives):
 * a plain ZIP, each part deflated when that makes it smaller, no ZIP64, with a fixed timestamp so that
 * the same parts always make the same bytes.
 */

export type ZipPart = { name: string; bytes: Uint8Array }

const DOS_DATE_1980 = (0 << 9) | (1 << 5) | 1

/** A ZIP of the parts, in their order; names are UTF-8 (flag bit 11). */
export function writeZip(parts: ZipPart[]): Uint8Array {
  const locals: Uint8Array[] = []
  const directory: Uint8Array[] = []
  let offset = 0
  for (const part of parts) {
    const name = new TextEncoder().encode(part.name)
    const deflated = deflateRawSync(part.bytes)
    const compressed = deflated.byteLength < part.bytes.byteLength
    const data = compressed ? deflated : part.bytes
    const checksum = crc32(part.bytes)
    const local = new Uint8Array(30 + name.byteLength)
    const lv = new DataView(local.buffer)
    lv.setUint32(0, LOCAL_HEADER, true)
    lv.setUint16(4, 20, true)
    lv.setUint16(6, 0x08_00, true)
    lv.setUint16(8, compressed ? 8 : 0, true)
    lv.setUint16(10, 0, true)
    lv.setUint16(12, DOS_DATE_1980, true)
    lv.setUint32(14, checksum, true)
    lv.setUint32(18, data.byteLength, true)
    lv.setUint32(22, part.bytes.byteLength, true)
    lv.setUint16(26, name.byteLength, true)
    local.set(name, 30)
    const entry = new Uint8Array(46 + name.byteLength)
    const ev = new DataView(entry.buffer)
    ev.setUint32(0, DIRECTORY_ENTRY, true)
    ev.setUint16(4, 20, true)
    ev.setUint16(6, 20, true)
    ev.setUint16(8, 0x08_00, true)
    ev.setUint16(10, compressed ? 8 : 0, true)
    ev.setUint16(14, DOS_DATE_1980, true)
    ev.setUint32(16, checksum, true)
    ev.setUint32(20, data.byteLength, true)
    ev.setUint32(24, part.bytes.byteLength, true)
    ev.setUint16(28, name.byteLength, true)
    ev.setUint32(42, offset, true)
    entry.set(name, 46)
    locals.push(local, data)
    directory.push(entry)
    offset += local.byteLength + data.byteLength
  }
  const directorySize = directory.reduce((sum, entry) => sum + entry.byteLength, 0)
  const end = new Uint8Array(22)
  const endView = new DataView(end.buffer)
  endView.setUint32(0, END_OF_DIRECTORY, true)
  endView.setUint16(8, parts.length, true)
  endView.setUint16(10, parts.length, true)
  endView.setUint32(12, directorySize, true)
  endView.setUint32(16, offset, true)
  const all = [...locals, ...directory, end]
  const out = new Uint8Array(all.reduce((sum, chunk) => sum + chunk.byteLength, 0))
  let at = 0
  for (const chunk of all) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}

/** Limits for reading a sealed archive back: larger than a deliverable's, still bounded. */
export const SEALED_ARCHIVE_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxUncompressedBytes: 2 * 1024 * 1024 * 1024,
  maxRatio: 1000,
}

export type ReadZipResult =
  { ok: true; parts: ZipPart[] } | { ok: false; reason: ZipBombReason | 'corrupt' }

/**
 * The parts of a whole archive, each inflated no further than the size its
 * directory declares (a part that inflates otherwise makes the archive
 * corrupt); refused as a bomb past the limits. Whether a part's bytes are the
 * sealed ones is the manifest's business (SHA-256), not the CRC's.
 */
export function readZip(archive: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ReadZipResult {
  const tail = archive.subarray(Math.max(0, archive.byteLength - END_OF_DIRECTORY_SEARCH))
  const location = locateDirectory(tail)
  if (!location) return { ok: false, reason: 'malformed' }
  const directoryBytes = archive.subarray(location.offset, location.offset + location.size)
  const entries =
    location.offset + location.size <= archive.byteLength
      ? parseDirectory(directoryBytes, location.entries)
      : null
  const bomb = zipBombReason(location, entries, limits)
  if (bomb) return { ok: false, reason: bomb }
  const parts: ZipPart[] = []
  for (const entry of entries!) {
    const start = entryDataOffset(archive, entry)
    if (start === null) return { ok: false, reason: 'corrupt' }
    const stored = archive.subarray(start, start + entry.compressedSize)
    let bytes: Uint8Array
    if (entry.method === 0) bytes = stored
    else if (entry.method === 8) {
      try {
        bytes = inflateRawSync(stored, { maxOutputLength: Math.max(entry.uncompressedSize, 1) })
      } catch {
        return { ok: false, reason: 'corrupt' }
      }
    } else return { ok: false, reason: 'corrupt' }
    if (bytes.byteLength !== entry.uncompressedSize) return { ok: false, reason: 'corrupt' }
    parts.push({ name: entry.name, bytes: new Uint8Array(bytes) })
  }
  return { ok: true, parts }
}
