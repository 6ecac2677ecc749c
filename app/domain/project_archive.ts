/*
 * The project's sealed electronic archive (电子档案). A ZIP of the project's
 * record files, a manifest.json naming every file with its size and SHA-256,
 * and two detached signatures of the manifest's exact bytes by the market's
 * seal key (ECDSA P-256):
 * - manifest.jws: a JWS (RFC 7515) with ES256 and a detached payload
 *   (`<protected>..<signature>`, Appendix F), for JOSE tools;
 * - manifest.sig: the DER signature over SHA-256, for
 *   `openssl dgst -sha256 -verify seal.pem -signature manifest.sig manifest.json`.
 * Verification names every file whose bytes changed, every file missing or
 * extra, and a bad signature.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto'
import { readZip, SEALED_ARCHIVE_LIMITS, writeZip, type ZipPart } from '#domain/zip_archive'

export const ARCHIVE_FORMAT = 'market-project-archive/1'
export const MANIFEST = 'manifest.json'
export const MANIFEST_JWS = 'manifest.jws'
export const MANIFEST_SIG = 'manifest.sig'
/** An RFC 3161 timestamp token over the SHA-256 of manifest.json (when the market had a TSA). */
export const MANIFEST_TSR = 'manifest.tsr'
const SIGNATURE_FILES = [MANIFEST, MANIFEST_JWS, MANIFEST_SIG, MANIFEST_TSR]

export type ArchiveFile = { path: string; bytes: Uint8Array }

export type ManifestEntry = { path: string; size: number; sha256: string }

export type ArchiveManifest = {
  format: typeof ARCHIVE_FORMAT
  project: { id: number; code: string; title: string; status: string; round: number }
  sealedAt: string
  files: ManifestEntry[]
}

export function sha256Hex(bytes: Uint8Array | string) {
  return createHash('sha256').update(bytes).digest('hex')
}

const base64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url')

/** JSON with the keys of every object sorted: the same manifest always has the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** A path inside the archive: relative, forward slashes, no `..`, not one of the seal's own files. */
export function archivePathProblem(path: string): string | null {
  if (path.length === 0 || path.length > 240) return 'length'
  if (path.startsWith('/') || path.includes('\\') || path.split('/').includes('..')) return 'escape'
  if (SIGNATURE_FILES.includes(path)) return 'reserved'
  return null
}

/** The manifest of a set of files, sorted by path; a duplicate or unsafe path is an error. */
export function buildManifest(
  project: ArchiveManifest['project'],
  sealedAt: string,
  files: ArchiveFile[]
): ArchiveManifest {
  const seen = new Set<string>()
  for (const file of files) {
    const problem = archivePathProblem(file.path)
    if (problem) throw new RangeError(`Archive path "${file.path}" refused: ${problem}`)
    if (seen.has(file.path)) throw new RangeError(`Archive path "${file.path}" appears twice`)
    seen.add(file.path)
  }
  return {
    format: ARCHIVE_FORMAT,
    project,
    sealedAt,
    files: [...files]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((file) => ({
        path: file.path,
        size: file.bytes.byteLength,
        sha256: sha256Hex(file.bytes),
      })),
  }
}

/** The JWS protected header of the seal. */
export function sealHeader(keyId: string) {
  return { alg: 'ES256', kid: keyId, typ: 'JOSE', cty: 'application/json' }
}

/** The seal's two signatures over the manifest's bytes. */
export function signManifest(manifestBytes: Uint8Array, privateKey: KeyObject, keyId: string) {
  const header = base64url(canonicalJson(sealHeader(keyId)))
  const signingInput = `${header}.${base64url(manifestBytes)}`
  const jwsSignature = sign('sha256', Buffer.from(signingInput), {
    key: privateKey,
    dsaEncoding: 'ieee-p1363',
  })
  const derSignature = sign('sha256', manifestBytes, { key: privateKey, dsaEncoding: 'der' })
  return {
    jws: `${header}..${base64url(jwsSignature)}`,
    der: new Uint8Array(derSignature),
  }
}

/** The bytes of manifest.json: what the seal signs and the timestamp covers. */
export function manifestBytesOf(manifest: ArchiveManifest) {
  return new TextEncoder().encode(canonicalJson(manifest))
}

/**
 * The sealed ZIP: the files, then manifest.json, manifest.jws, manifest.sig
 * and, when given, manifest.tsr (a timestamp token over manifest.json).
 */
export function sealArchive(
  manifest: ArchiveManifest,
  files: ArchiveFile[],
  privateKey: KeyObject,
  keyId: string,
  timestampToken: Uint8Array | null = null
) {
  const manifestBytes = manifestBytesOf(manifest)
  const { jws, der } = signManifest(manifestBytes, privateKey, keyId)
  const byPath = new Map(files.map((file) => [file.path, file.bytes]))
  const parts: ZipPart[] = [
    ...manifest.files.map((entry) => ({ name: entry.path, bytes: byPath.get(entry.path)! })),
    { name: MANIFEST, bytes: manifestBytes },
    { name: MANIFEST_JWS, bytes: new TextEncoder().encode(jws) },
    { name: MANIFEST_SIG, bytes: der },
    ...(timestampToken ? [{ name: MANIFEST_TSR, bytes: timestampToken }] : []),
  ]
  const zip = writeZip(parts)
  return { zip, sha256: sha256Hex(zip), manifestSha256: sha256Hex(manifestBytes) }
}

export type ArchiveProblem =
  | { kind: 'unreadable'; reason: string }
  | { kind: 'noManifest' }
  | { kind: 'badManifest' }
  | { kind: 'badSignature'; file: typeof MANIFEST_JWS | typeof MANIFEST_SIG }
  | { kind: 'changed'; path: string }
  | { kind: 'missing'; path: string }
  | { kind: 'extra'; path: string }

/** Whether a detached ES256 JWS signs these manifest bytes with this key. */
function jwsValid(jws: string, manifestBytes: Uint8Array, publicKey: KeyObject) {
  const [header, payload, signature, ...rest] = jws.trim().split('.')
  if (rest.length > 0 || payload !== '' || !header || !signature) return false
  try {
    const parsed = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))
    if (parsed.alg !== 'ES256') return false
  } catch {
    return false
  }
  return verify(
    'sha256',
    Buffer.from(`${header}.${base64url(manifestBytes)}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url')
  )
}

/**
 * Checks a sealed archive offline against the seal's public key: both
 * signatures over manifest.json, then every file against the manifest. An
 * empty list means the archive is as sealed.
 */
export function verifyArchive(
  archive: Uint8Array,
  publicKey: KeyObject
): {
  manifest: ArchiveManifest | null
  problems: ArchiveProblem[]
  /** manifest.json's bytes and manifest.tsr, for the caller to check the timestamp (async). */
  manifestBytes?: Uint8Array
  timestampToken?: Uint8Array | null
} {
  const read = readZip(archive, SEALED_ARCHIVE_LIMITS)
  if (!read.ok) return { manifest: null, problems: [{ kind: 'unreadable', reason: read.reason }] }
  const parts = new Map<string, Uint8Array>()
  const problems: ArchiveProblem[] = []
  for (const part of read.parts) {
    // A folder entry (as `zip -r` writes them) holds nothing: not a file of the archive.
    if (part.name.endsWith('/') && part.bytes.byteLength === 0) continue
    // The same name twice: the second copy is an extra file whatever it holds.
    if (parts.has(part.name)) problems.push({ kind: 'extra', path: part.name })
    else parts.set(part.name, part.bytes)
  }
  const manifestBytes = parts.get(MANIFEST)
  if (!manifestBytes) return { manifest: null, problems: [...problems, { kind: 'noManifest' }] }
  const jws = parts.get(MANIFEST_JWS)
  if (!jws || !jwsValid(new TextDecoder().decode(jws), manifestBytes, publicKey)) {
    problems.push({ kind: 'badSignature', file: MANIFEST_JWS })
  }
  const der = parts.get(MANIFEST_SIG)
  let derValid = false
  try {
    derValid = Boolean(der) && verify('sha256', manifestBytes, publicKey, der!)
  } catch {
    derValid = false
  }
  if (!derValid) problems.push({ kind: 'badSignature', file: MANIFEST_SIG })
  let manifest: ArchiveManifest
  try {
    manifest = JSON.parse(new TextDecoder().decode(manifestBytes))
    if (manifest.format !== ARCHIVE_FORMAT || !Array.isArray(manifest.files)) throw new Error()
  } catch {
    return { manifest: null, problems: [...problems, { kind: 'badManifest' }] }
  }
  const listed = new Set<string>()
  for (const entry of manifest.files) {
    listed.add(entry.path)
    const bytes = parts.get(entry.path)
    if (!bytes) problems.push({ kind: 'missing', path: entry.path })
    else if (bytes.byteLength !== entry.size || sha256Hex(bytes) !== entry.sha256) {
      problems.push({ kind: 'changed', path: entry.path })
    }
  }
  for (const name of parts.keys()) {
    if (!listed.has(name) && !SIGNATURE_FILES.includes(name)) {
      problems.push({ kind: 'extra', path: name })
    }
  }
  return { manifest, problems, manifestBytes, timestampToken: parts.get(MANIFEST_TSR) ?? null }
}
