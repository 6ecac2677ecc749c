import { test } from '@japa/runner'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { webcrypto } from 'node:crypto'
import * as asn1js from 'asn1js'
import fontkit from '@pdf-lib/fontkit'
import { PDFDict, PDFDocument, PDFName, type PDFRawStream, decodePDFRawStream } from 'pdf-lib'
import { renderContractPdf } from '#services/pades/contract_pdf'
import { prepareSignature, embedSignature } from '#services/pades/pdf_signature'
import { OID, ecdsaSignatureDer, ecdsaSignatureRaw, sha256 } from '#services/pades/cms'
import {
  checkTimestampToken,
  respondToTimestampRequest,
  timestampRequest,
  tokenFromResponse,
} from '#services/pades/timestamp'
import { verifyContractPdf } from '#services/pades/verify_pdf'
import { developmentTsaDirFor } from '#services/pades/tsa_service'
import {
  crlOf,
  issue,
  sampleContract,
  sign,
  throwawayCa,
  throwawayTsa,
  timestamper,
  type Party,
} from '#tests/pades_fixtures'

const has = (binary: string) => spawnSync('which', [binary]).status === 0
const NO_POPPLER =
  'poppler-utils is not installed here (.ci/run installs it): pdftotext/pdfsig checks skipped'
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const

function withFile<T>(bytes: Uint8Array, use: (path: string) => T): T {
  const folder = mkdtempSync(join(tmpdir(), 'contract-pdf-'))
  try {
    const path = join(folder, 'contract.pdf')
    writeFileSync(path, bytes)
    return use(path)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

function flipByte(bytes: Uint8Array, at: number) {
  const changed = bytes.slice()
  changed[at] = changed[at] === 0x41 ? 0x42 : 0x41
  return changed
}

type World = {
  ca: Party
  owner: Party
  agency: Party
  tsa: Awaited<ReturnType<typeof throwawayTsa>>
  pdf: Uint8Array
  once: Uint8Array
  twice: Uint8Array
}
let world: World | null = null
const OWNER_SIGNS = new Date('2026-06-01T01:00:00Z')
const AGENCY_SIGNS = new Date('2026-06-02T03:00:00Z')

async function signedWorld(): Promise<World> {
  if (world) return world
  const ca = await throwawayCa()
  const owner = await issue(ca, 'CN=张三, O=某市自然资源和规划局')
  const agency = await issue(ca, 'CN=李四, O=浙江某某环境科技有限公司')
  const tsa = await throwawayTsa(ca)
  const pdf = await renderContractPdf(sampleContract())
  const once = await sign(pdf, owner, [ca], OWNER_SIGNS, tsa)
  const twice = await sign(once, agency, [ca], AGENCY_SIGNS, tsa)
  world = { ca, owner, agency, tsa, pdf, once, twice }
  return world
}

test.group('Contract PDF | rendering', () => {
  test('the same revision renders to the same bytes, and another revision to other bytes', async ({
    assert,
  }) => {
    const first = await renderContractPdf(sampleContract())
    const again = await renderContractPdf(sampleContract())
    assert.equal(Buffer.compare(Buffer.from(first), Buffer.from(again)), 0)
    const revised = await renderContractPdf(sampleContract({ revision: 3 }))
    assert.notEqual(Buffer.compare(Buffer.from(first), Buffer.from(revised)), 0)
  }).timeout(30000)

  test('the PDF embeds a subset font with a ToUnicode map and carries the contract id, revision and text hash', async ({
    assert,
  }) => {
    const record = sampleContract()
    const text = Buffer.from(await renderContractPdf(record)).toString('latin1')
    assert.include(text, '/FontFile2')
    assert.include(text, '/ToUnicode')
    assert.include(text, '/BaseFont /MKTSUB+NotoSansSC')
    assert.include(text, `/MarketContractId (${record.contractId})`)
    assert.include(text, `/MarketContractRevision (${record.revision})`)
    assert.include(text, `/MarketTextSha256 (${record.textSha256})`)
    assert.include(text, `<market:textSha256>${record.textSha256}</market:textSha256>`)
    assert.isBelow(text.length, 200_000, 'the font is subset, not embedded whole')
  }).timeout(30000)

  test('the embedded font has an outline for every character of the contract', async ({
    assert,
  }) => {
    const record = sampleContract()
    const doc = await PDFDocument.load(await renderContractPdf(record))
    const descriptor = doc.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .find(
        (object): object is PDFDict =>
          object instanceof PDFDict && object.get(PDFName.of('FontFile2')) !== undefined
      )
    const fontFile = descriptor?.lookup(PDFName.of('FontFile2'))
    assert.exists(fontFile, 'a FontFile2 stream')
    const font = fontkit.create(
      Buffer.from(decodePDFRawStream(fontFile as PDFRawStream).decode())
    ) as any
    const missing = [...new Set(record.text.replace(/\s/g, ''))].filter((character) => {
      const glyph = font.glyphForCodePoint(character.codePointAt(0)!)
      return glyph.id === 0 || glyph.path.commands.length === 0
    })
    assert.deepEqual(missing, [])
    assert.isBelow(font.numGlyphs, 600, 'only the characters used')
  }).timeout(30000)

  test('a text that does not match its recorded hash is refused', async ({ assert }) => {
    await assert.rejects(
      () => renderContractPdf(sampleContract({ textSha256: '0'.repeat(64) })),
      /does not match/
    )
  })

  test('pdftotext reads the Chinese text back: parties, USCC, price in yuan, milestones, supplementary terms', async ({
    assert,
  }) => {
    const record = sampleContract()
    const extracted = withFile(await renderContractPdf(record), (path) =>
      execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-']).toString('utf8')
    )
    const flat = extracted.replace(/\s+/g, '')
    for (const expected of [
      record.ownerName,
      record.ownerUscc,
      record.agencyName,
      record.agencyUscc,
      '¥188,000.00',
      '合同生效后预付：¥56,400.00',
      '补充条款（由业主补充，非示范文本条款）',
      '乙方对项目资料负有保密义务。',
      '第2版',
      record.textSha256,
    ]) {
      assert.include(flat, expected.replace(/\s+/g, ''))
    }
    // Glyph widths right: the footer's contract number is one word, its digits not an em apart.
    const words = withFile(await renderContractPdf(record), (path) =>
      execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', path, '-']).toString('utf8')
    )
    const alone = words.split(`>${record.contractNumber}</word>`).length - 1
    assert.isAtLeast(alone, 2, 'the title and the footer each show it as one word')
  })
    .skip(!has('pdftotext'), NO_POPPLER)
    .timeout(30000)
})

test.group('Contract PDF | preparing and embedding a signature', () => {
  test('the byte range covers the whole file except the /Contents hex string', async ({
    assert,
  }) => {
    const { pdf, owner } = await signedWorld()
    const prepared = await prepareSignature(pdf, {
      signerCertificate: owner.der,
      signingTime: OWNER_SIGNS,
    })
    const [start, contentsStart, contentsEnd, tail] = prepared.byteRange
    const bytes = prepared.preparedPdf
    assert.equal(start, 0)
    assert.equal(contentsEnd + tail, bytes.length)
    const gap = Buffer.from(bytes.subarray(contentsStart, contentsEnd)).toString('latin1')
    assert.match(gap, /^<0+>$/)
    assert.equal(
      Buffer.compare(Buffer.from(bytes.subarray(0, pdf.length)), Buffer.from(pdf)),
      0,
      'the original bytes are untouched'
    )
    assert.deepEqual(
      prepared.byteRangeDigest,
      sha256(bytes.subarray(0, contentsStart), bytes.subarray(contentsEnd))
    )
    const text = Buffer.from(bytes).toString('latin1')
    assert.include(text, '/SubFilter /ETSI.CAdES.detached')
    assert.include(text, "/M (D:20260601010000+00'00')")
  }).timeout(30000)

  test('the signer signs the attributes as a DER SET: content-type, message-digest, signing-certificate-v2, no signing time', async ({
    assert,
  }) => {
    const { pdf, owner } = await signedWorld()
    const prepared = await prepareSignature(pdf, {
      signerCertificate: owner.der,
      signingTime: OWNER_SIGNS,
    })
    assert.equal(prepared.toBeSigned[0], 0x31)
    assert.equal(prepared.signedAttributesDer[0], 0xa0)
    assert.deepEqual(prepared.toBeSigned.subarray(1), prepared.signedAttributesDer.subarray(1))
    const parsed = asn1js.fromBER(prepared.toBeSigned.slice().buffer)
    const types = (parsed.result as asn1js.Set).valueBlock.value.map((attribute) =>
      (
        (attribute as asn1js.Sequence).valueBlock.value[0] as asn1js.ObjectIdentifier
      ).valueBlock.toString()
    )
    assert.sameMembers(types, [OID.contentType, OID.messageDigest, OID.signingCertificateV2])
    const digest = prepared.attributes.find((attribute) => attribute.type === OID.messageDigest)!
    assert.deepEqual(
      new Uint8Array((digest.values[0] as asn1js.OctetString).valueBlock.valueHexView),
      prepared.byteRangeDigest
    )
  }).timeout(30000)

  test('an r‖s signature becomes DER SEQUENCE{r,s}, with a leading zero where r or s has its high bit set', ({
    assert,
  }) => {
    const r = new Uint8Array(32).fill(0x11)
    r[0] = 0x80
    const s = new Uint8Array(32).fill(0x22)
    s[0] = 0x00
    s[1] = 0x7f
    const der = ecdsaSignatureDer(new Uint8Array([...r, ...s]))
    assert.equal(der[0], 0x30)
    const sequence = asn1js.fromBER(der.slice().buffer).result as asn1js.Sequence
    const [derR, derS] = sequence.valueBlock.value.map(
      (item) => new Uint8Array((item as asn1js.Integer).valueBlock.valueHexView)
    )
    assert.deepEqual(derR, new Uint8Array([0x00, ...r]), 'r gets a zero byte so it stays positive')
    assert.deepEqual(derS, s.subarray(1), 's loses its redundant leading zero')
    assert.deepEqual(ecdsaSignatureRaw(der), new Uint8Array([...r, ...s]))
    assert.deepEqual(ecdsaSignatureDer(der), der, 'DER is accepted as it is')
    assert.throws(() => ecdsaSignatureDer(new Uint8Array(63)), /64, 96 or 132 bytes/)
  })

  test('the signature value is accepted as r‖s or DER, and a signature by another key is refused', async ({
    assert,
  }) => {
    const { pdf, owner, agency, ca } = await signedWorld()
    const prepared = await prepareSignature(pdf, {
      signerCertificate: owner.der,
      signingTime: OWNER_SIGNS,
    })
    const raw = new Uint8Array(
      await webcrypto.subtle.sign(SIGNING, owner.key.privateKey, prepared.toBeSigned)
    )
    for (const value of [raw, ecdsaSignatureDer(raw)]) {
      const signed = await embedSignature(prepared, value, [owner.der, ca.der])
      const report = await verifyContractPdf(signed, { trustAnchors: [ca.der] })
      assert.isTrue(report.signatures[0].integrity)
      assert.isFalse(report.signatures[0].timestamp.present)
    }
    const forged = new Uint8Array(
      await webcrypto.subtle.sign(SIGNING, agency.key.privateKey, prepared.toBeSigned)
    )
    await assert.rejects(
      () => embedSignature(prepared, forged, [owner.der, ca.der]),
      /does not verify/
    )
    await assert.rejects(
      () => embedSignature(prepared, raw, [agency.der, ca.der]),
      /must start with/
    )
  }).timeout(30000)
  test('a CMS whose last byte is zero is read whole: the placeholder padding is not stripped', async ({
    assert,
  }) => {
    const { pdf, owner, ca } = await signedWorld()
    const prepared = await prepareSignature(pdf, {
      signerCertificate: owner.der,
      signingTime: OWNER_SIGNS,
    })
    // ECDSA is randomised: about one signature in 256 ends with a zero byte.
    let value: Uint8Array | null = null
    for (let attempt = 0; attempt < 5000 && !value; attempt++) {
      const raw = new Uint8Array(
        await webcrypto.subtle.sign(SIGNING, owner.key.privateKey, prepared.toBeSigned)
      )
      const der = ecdsaSignatureDer(raw)
      if (der.at(-1) === 0) value = der
    }
    assert.exists(value, 'no signature ending with a zero byte in 5000 tries')
    const signed = await embedSignature(prepared, value!, [owner.der, ca.der])
    const report = await verifyContractPdf(signed, { trustAnchors: [ca.der] })
    assert.deepEqual(report.signatures[0].problems, [])
    assert.isTrue(report.valid)
  }).timeout(60000)
})

test.group('Contract PDF | two parties, timestamps and verification', () => {
  test('the second signature covers the first: both valid, only the second covers the whole file', async ({
    assert,
  }) => {
    const { twice, ca } = await signedWorld()
    const report = await verifyContractPdf(twice, {
      trustAnchors: [ca.der],
      contractOfRecord: sampleContract(),
    })
    assert.isTrue(report.valid)
    const [first, second] = report.signatures
    assert.equal(first.fieldName, 'Signature1')
    assert.equal(first.signer?.commonName, '张三')
    assert.isTrue(first.valid)
    assert.isTrue(first.coversRevision)
    assert.isFalse(first.coversWholeDocument)
    assert.equal(second.fieldName, 'Signature2')
    assert.equal(second.signer?.commonName, '李四')
    assert.isTrue(second.valid)
    assert.isTrue(second.coversWholeDocument)
    assert.isAbove(
      second.byteRange[1],
      first.byteRange[2],
      "the second's ranges include the first's /Contents"
    )
    assert.equal(first.chain.anchor, 'CN=Throwaway Test CA, O=Tests')
    assert.deepEqual(first.contract, {
      contractId: '7',
      revision: '2',
      textSha256: sampleContract().textSha256,
      matchesRecord: true,
    })
  }).timeout(60000)

  test('each signature carries a timestamp over its signature value from a time-stamping certificate', async ({
    assert,
  }) => {
    const { twice, ca } = await signedWorld()
    const report = await verifyContractPdf(twice, { trustAnchors: [ca.der] })
    const [first, second] = report.signatures
    assert.deepEqual(first.timestamp, {
      present: true,
      valid: true,
      trusted: true,
      time: new Date(OWNER_SIGNS.getTime() + 2000),
      authority: 'CN=Throwaway TSA, O=Tests',
    })
    assert.deepEqual(second.timestamp.time, new Date(AGENCY_SIGNS.getTime() + 2000))
  }).timeout(60000)

  test('a timestamp token verifies over its signature value and not over a changed one', async ({
    assert,
  }) => {
    const { tsa } = await signedWorld()
    const signatureValue = new Uint8Array(70).fill(7)
    const token = await timestamper(tsa, new Date('2026-06-01T00:00:00Z'))(signatureValue)
    const good = await checkTimestampToken(token, signatureValue)
    assert.isTrue(good.coversSignature && good.tokenSignatureValid && good.timeStampingCertificate)
    const changed = signatureValue.slice()
    changed[10] ^= 1
    const overChanged = await checkTimestampToken(token, changed)
    assert.isFalse(overChanged.coversSignature)
    const tamperedToken = flipByte(token, token.length - 20)
    const broken = await checkTimestampToken(tamperedToken, signatureValue)
    assert.isFalse(broken.coversSignature && broken.tokenSignatureValid)
  }).timeout(30000)

  test('the time-stamping authority refuses a malformed request and a digest that is not SHA-256', async ({
    assert,
  }) => {
    const { tsa } = await signedWorld()
    const garbage = await respondToTimestampRequest(tsa, new Uint8Array([1, 2, 3]), new Date())
    assert.throws(() => tokenFromResponse(garbage, new Uint8Array(32)), /not a DER TimeStampReq/)
    const short = await respondToTimestampRequest(
      tsa,
      timestampRequest(new Uint8Array(20)),
      new Date()
    )
    assert.throws(() => tokenFromResponse(short, new Uint8Array(20)), /32 bytes/)
    const digest = sha256(new Uint8Array([1]))
    const granted = await respondToTimestampRequest(tsa, timestampRequest(digest), new Date())
    assert.throws(() => tokenFromResponse(granted, sha256(new Uint8Array([2]))), /another digest/)
  }).timeout(30000)

  test("a changed byte in the contract breaks both signatures, one in the second party's update only the second", async ({
    assert,
  }) => {
    const { twice, ca, pdf } = await signedWorld()
    const inContract = await verifyContractPdf(flipByte(twice, Math.floor(pdf.length / 2)), {
      trustAnchors: [ca.der],
    })
    assert.isFalse(inContract.valid)
    assert.deepEqual(
      inContract.signatures.map((signature) => [
        signature.fieldName,
        signature.valid,
        signature.problems,
      ]),
      [
        ['Signature1', false, ['digestMismatch']],
        ['Signature2', false, ['digestMismatch']],
      ]
    )
    const report = await verifyContractPdf(twice, { trustAnchors: [ca.der] })
    const secondUpdate = report.signatures[0].byteRange[2] + report.signatures[0].byteRange[3] + 30
    const inUpdate = await verifyContractPdf(flipByte(twice, secondUpdate), {
      trustAnchors: [ca.der],
    })
    assert.deepEqual(
      inUpdate.signatures.map((signature) => [signature.fieldName, signature.valid]),
      [
        ['Signature1', true],
        ['Signature2', false],
      ]
    )
    assert.include(inUpdate.signatures[1].problems, 'digestMismatch')
  }).timeout(60000)

  test('bytes appended after the last signature are reported', async ({ assert }) => {
    const { twice, ca } = await signedWorld()
    const appended = new Uint8Array([...twice, ...Buffer.from('\n% appended\n')])
    const report = await verifyContractPdf(appended, { trustAnchors: [ca.der] })
    assert.isTrue(report.modifiedAfterLastSignature)
    assert.isFalse(report.valid)
    assert.include(report.signatures[1].problems, 'modifiedAfterSigning')
  }).timeout(60000)

  test('a signer unknown to the trust anchors, a certificate revoked before signing and another contract are refused', async ({
    assert,
  }) => {
    const { twice, ca, owner } = await signedWorld()
    const stranger = await throwawayCa('CN=Another CA')
    const untrusted = await verifyContractPdf(twice, { trustAnchors: [stranger.der] })
    assert.isFalse(untrusted.valid)
    assert.include(untrusted.signatures[0].problems, 'chainUntrusted')

    const revokedBefore = await crlOf(ca, [{ party: owner, at: new Date('2026-05-31T00:00:00Z') }])
    const revoked = await verifyContractPdf(twice, {
      trustAnchors: [ca.der],
      crls: [revokedBefore],
    })
    assert.equal(revoked.signatures[0].revocation.status, 'revoked')
    assert.include(revoked.signatures[0].problems, 'revoked')
    assert.equal(revoked.signatures[1].revocation.status, 'good')

    const revokedAfter = await crlOf(ca, [{ party: owner, at: new Date('2026-06-10T00:00:00Z') }])
    const later = await verifyContractPdf(twice, { trustAnchors: [ca.der], crls: [revokedAfter] })
    assert.equal(
      later.signatures[0].revocation.status,
      'good',
      'revoked after the timestamped signing time'
    )
    assert.isTrue(later.valid)

    const other = await verifyContractPdf(twice, {
      trustAnchors: [ca.der],
      contractOfRecord: sampleContract({ revision: 3 }),
    })
    assert.isFalse(other.valid)
    assert.include(other.signatures[0].problems, 'notContractOfRecord')
  }).timeout(60000)

  test('pdfsig reads both signatures as valid and the second as covering the whole document', async ({
    assert,
  }) => {
    const { twice } = await signedWorld()
    const output = withFile(twice, (path) =>
      execFileSync('pdfsig', ['-nocert', path]).toString('utf8')
    )
    const blocks = output.split(/Signature #\d+:/).slice(1)
    assert.lengthOf(blocks, 2)
    for (const block of blocks) {
      assert.include(block, 'Signature Validation: Signature is Valid.')
      assert.include(block, 'Signature Type: ETSI.CAdES.detached')
    }
    assert.include(blocks[0], 'Not total document signed')
    assert.include(blocks[1], 'Total document signed')
    assert.notInclude(blocks[1], 'Not total document signed')

    const tampered = withFile(flipByte(twice, 2000), (path) =>
      spawnSync('pdfsig', ['-nocert', path]).stdout.toString('utf8')
    )
    assert.notInclude(tampered, 'Signature is Valid.')
  })
    .skip(!has('pdfsig'), NO_POPPLER)
    .timeout(60000)
})

test.group('Contract PDF | OpenSSL agrees', () => {
  test('openssl cms verifies each signature over its byte ranges with the CA as trust anchor', async ({
    assert,
  }) => {
    const { twice, ca } = await signedWorld()
    const text = Buffer.from(twice).toString('latin1')
    const ranges = [...text.matchAll(/\/ByteRange \[0 (\d+) (\d+) (\d+)\]/g)].map((match) =>
      match.slice(1, 4).map(Number)
    )
    assert.lengthOf(ranges, 2)
    const folder = mkdtempSync(join(tmpdir(), 'contract-openssl-'))
    try {
      writeFileSync(join(folder, 'ca.pem'), ca.certificate.toString('pem'))
      for (const [contentsStart, contentsEnd, tail] of ranges) {
        const content = Buffer.concat([
          Buffer.from(twice.subarray(0, contentsStart)),
          Buffer.from(twice.subarray(contentsEnd, contentsEnd + tail)),
        ])
        const cms = Buffer.from(text.slice(contentsStart + 1, contentsEnd - 1), 'hex')
        writeFileSync(join(folder, 'content.bin'), content)
        writeFileSync(join(folder, 'signature.der'), cms)
        const verify = (contentFile: string) =>
          spawnSync('openssl', [
            'cms',
            '-verify',
            '-binary',
            '-inform',
            'DER',
            '-in',
            join(folder, 'signature.der'),
            '-content',
            join(folder, contentFile),
            '-CAfile',
            join(folder, 'ca.pem'),
            '-purpose',
            'any',
            '-out',
            '/dev/null',
          ])
        const good = verify('content.bin')
        assert.equal(good.status, 0, good.stderr.toString())
        assert.include(good.stderr.toString(), 'Verification successful')
        content[100] ^= 1
        writeFileSync(join(folder, 'changed.bin'), content)
        assert.notEqual(verify('changed.bin').status, 0)
      }
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
    .skip(!has('openssl'), 'openssl is not installed here: the OpenSSL check is skipped')
    .timeout(30000)
})

test.group('Contract PDF | hostile files', () => {
  test('garbage in /Contents, a byte range past the end and a file with no signature are reported, never thrown', async ({
    assert,
  }) => {
    const { once, ca, pdf } = await signedWorld()
    const text = Buffer.from(once).toString('latin1')
    const contentsAt = text.indexOf('/Contents <') + '/Contents <'.length
    const garbage = once.slice()
    garbage.set(Buffer.from('3082ffff', 'latin1'), contentsAt)
    const garbled = await verifyContractPdf(garbage, { trustAnchors: [ca.der] })
    assert.deepEqual(garbled.signatures[0].problems, ['cmsMalformed'])
    assert.isFalse(garbled.valid)

    // The last range made longer than the file, keeping the digits' count (and every offset).
    const pastEnd = Buffer.from(
      text.replace(
        /(\/ByteRange \[0 \d+ \d+ )(\d+)\]/,
        (_whole, head: string, tail: string) => `${head}${'9'.repeat(tail.length)}]`
      ),
      'latin1'
    )
    const outside = await verifyContractPdf(new Uint8Array(pastEnd), { trustAnchors: [ca.der] })
    assert.include(outside.signatures[0].problems, 'byteRangeMalformed')

    const unsigned = await verifyContractPdf(pdf, { trustAnchors: [ca.der] })
    assert.deepEqual(unsigned, { signatures: [], valid: false, modifiedAfterLastSignature: false })
  }).timeout(30000)
})

test.group('Contract PDF | the development time-stamping authority', () => {
  test('it runs from tmp/dev-tsa outside production, and in production only when TSA_DEV_DIR says where', ({
    assert,
  }) => {
    const defaultDir = '/srv/market/tmp/dev-tsa'
    assert.equal(
      developmentTsaDirFor({ configured: undefined, inProduction: false, defaultDir }),
      defaultDir
    )
    assert.isNull(developmentTsaDirFor({ configured: undefined, inProduction: true, defaultDir }))
    assert.isNull(developmentTsaDirFor({ configured: '', inProduction: true, defaultDir }))
    assert.equal(
      developmentTsaDirFor({ configured: '/srv/tsa', inProduction: true, defaultDir }),
      '/srv/tsa'
    )
  })
})
