import { test } from '@japa/runner'
import { generateKeyPairSync } from 'node:crypto'
import {
  buildManifest,
  MANIFEST,
  MANIFEST_JWS,
  sealArchive,
  sha256Hex,
  verifyArchive,
  type ArchiveFile,
} from '#domain/project_archive'
import { readZip, writeZip } from '#domain/zip_archive'

const seal = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const PROJECT = { id: 7, code: 'ZC-2026-0007', title: '环评报告编制', status: 'closed', round: 1 }
const text = (value: string) => new TextEncoder().encode(value)

const FILES: ArchiveFile[] = [
  { path: 'announcement.json', bytes: text('{"title":"环评报告编制"}') },
  { path: 'contract/text.txt', bytes: text('甲方 眉山市某局 乙方 某环评公司') },
  { path: 'attachments/1-scan.pdf', bytes: text('%PDF-1.4 scan') },
]

function sealed() {
  const manifest = buildManifest(PROJECT, '2026-12-07T08:00:00.000Z', FILES)
  return sealArchive(manifest, FILES, seal.privateKey, 'seal-1')
}

/** The archive's parts, with one changed by `edit`, rewritten as a ZIP. */
function tampered(zip: Uint8Array, edit: (parts: { name: string; bytes: Uint8Array }[]) => void) {
  const read = readZip(zip)
  if (!read.ok) throw new Error('unreadable')
  edit(read.parts)
  return writeZip(read.parts)
}

test.group('The sealed project archive', () => {
  test('the manifest names every file, sorted, with its size and SHA-256; an unsafe or repeated path is refused', ({
    assert,
  }) => {
    const manifest = buildManifest(PROJECT, '2026-12-07T08:00:00.000Z', FILES)
    assert.deepEqual(
      manifest.files.map((entry) => entry.path),
      ['announcement.json', 'attachments/1-scan.pdf', 'contract/text.txt']
    )
    assert.equal(manifest.files[2].sha256, sha256Hex(FILES[1].bytes))
    assert.equal(manifest.files[2].size, FILES[1].bytes.byteLength)
    assert.throws(() => buildManifest(PROJECT, 'x', [{ path: '../etc/passwd', bytes: text('') }]))
    assert.throws(() => buildManifest(PROJECT, 'x', [{ path: MANIFEST, bytes: text('') }]))
    assert.throws(() => buildManifest(PROJECT, 'x', [FILES[0], FILES[0]]))
  })

  test('an archive as sealed verifies with the seal key and with no other', ({ assert }) => {
    const { zip } = sealed()
    const result = verifyArchive(zip, seal.publicKey)
    assert.deepEqual(result.problems, [])
    assert.equal(result.manifest!.project.code, 'ZC-2026-0007')
    assert.deepEqual(verifyArchive(zip, stranger.publicKey).problems, [
      { kind: 'badSignature', file: 'manifest.jws' },
      { kind: 'badSignature', file: 'manifest.sig' },
    ])
  })

  test('one changed byte in any file is named, and only that file', ({ assert }) => {
    const { zip } = sealed()
    for (const file of FILES) {
      const changed = tampered(zip, (parts) => {
        const part = parts.find((candidate) => candidate.name === file.path)!
        part.bytes = Uint8Array.from(part.bytes)
        part.bytes[part.bytes.byteLength - 1] ^= 0x01
      })
      assert.deepEqual(verifyArchive(changed, seal.publicKey).problems, [
        { kind: 'changed', path: file.path },
      ])
    }
  })

  test('an extra file and a missing file are named', ({ assert }) => {
    const { zip } = sealed()
    const extra = tampered(zip, (parts) =>
      parts.push(
        { name: 'contract/', bytes: new Uint8Array() },
        { name: 'slipped-in.txt', bytes: text('x') }
      )
    )
    assert.deepEqual(verifyArchive(extra, seal.publicKey).problems, [
      { kind: 'extra', path: 'slipped-in.txt' },
    ])
    const missing = tampered(zip, (parts) =>
      parts.splice(
        parts.findIndex((part) => part.name === 'contract/text.txt'),
        1
      )
    )
    assert.deepEqual(verifyArchive(missing, seal.publicKey).problems, [
      { kind: 'missing', path: 'contract/text.txt' },
    ])
  })

  test('a manifest edited to match a changed file breaks the signatures; a forged JWS is refused', ({
    assert,
  }) => {
    const { zip } = sealed()
    const forged = tampered(zip, (parts) => {
      const manifest = parts.find((part) => part.name === MANIFEST)!
      manifest.bytes = text(
        new TextDecoder().decode(manifest.bytes).replace('环评报告编制', '改过的')
      )
    })
    assert.deepEqual(verifyArchive(forged, seal.publicKey).problems, [
      { kind: 'badSignature', file: 'manifest.jws' },
      { kind: 'badSignature', file: 'manifest.sig' },
    ])
    const badJws = tampered(zip, (parts) => {
      parts.find((part) => part.name === MANIFEST_JWS)!.bytes = text('eyJhbGciOiJub25lIn0..')
    })
    assert.deepEqual(verifyArchive(badJws, seal.publicKey).problems, [
      { kind: 'badSignature', file: 'manifest.jws' },
    ])
  })

  test('what is not a ZIP is unreadable, not a crash', ({ assert }) => {
    assert.deepEqual(verifyArchive(text('not a zip at all'), seal.publicKey).problems, [
      { kind: 'unreadable', reason: 'malformed' },
    ])
  })
})
