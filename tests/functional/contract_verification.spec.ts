/*
 * The public verification of a signed contract PDF: the page and its API
 * twin take an upload, check every signature against the market's trust
 * anchors and compare the signed text with the contract the market records.
 * The PKI here is a throwaway one (tests/pades_fixtures.ts).
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import env from '#start/env'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import limiter from '@adonisjs/limiter/services/main'
import { signedContract } from '#tests/payment_fixtures'
import { contractOfRecord } from '#queries/contract_of_record'
import { renderContractPdf } from '#services/pades/contract_pdf'
import { issue, sign, throwawayCa, throwawayTsa, type Party } from '#tests/pades_fixtures'
import { timestampRequest, tokenFromResponse, checkTimestampToken } from '#services/pades/timestamp'
import { sha256 } from '#services/pades/cms'
import { textFile, textPdf } from '#tests/file_fixtures'
import { VERIFICATIONS_PER_MINUTE } from '#services/contract_verification'
import { webcrypto } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import {
  completeContractSignature,
  prepareContractSignature,
} from '#services/pades/contract_signing'
import { marketTsaTrustAnchors } from '#services/pades/trust_anchors'
import { verifyContractPdf } from '#services/pades/verify_pdf'

type Signed = { pdf: Uint8Array; ca: Party; contractId: number }

async function signedContractPdf(): Promise<Signed> {
  const { contract } = await signedContract()
  const record = await contractOfRecord(contract)
  const ca = await throwawayCa()
  const owner = await issue(ca, 'CN=业主经办人, O=业主单位')
  const agency = await issue(ca, 'CN=机构经办人, O=中介机构')
  const tsa = await throwawayTsa(ca)
  const rendered = await renderContractPdf(record)
  const once = await sign(rendered, owner, [ca], new Date('2026-06-01T01:00:00Z'), tsa)
  const pdf = await sign(once, agency, [ca], new Date('2026-06-02T01:00:00Z'), tsa)
  return { pdf, ca, contractId: contract.id }
}

function pdfFile(bytes: Uint8Array, name = 'contract.pdf') {
  const folder = mkdtempSync(join(tmpdir(), 'verify-upload-'))
  const path = join(folder, name)
  writeFileSync(path, bytes)
  return path
}

test.group('Contract PDF verification (page and API)', (group) => {
  let anchorsDir = ''
  const configured = env.get('CONTRACT_TRUST_ANCHORS_DIR')
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await limiter.clear()
    anchorsDir = mkdtempSync(join(tmpdir(), 'trust-anchors-'))
    env.set('CONTRACT_TRUST_ANCHORS_DIR', anchorsDir)
    return () => {
      if (configured === undefined) {
        delete process.env.CONTRACT_TRUST_ANCHORS_DIR
        env.set('CONTRACT_TRUST_ANCHORS_DIR', '')
      } else env.set('CONTRACT_TRUST_ANCHORS_DIR', configured)
      rmSync(anchorsDir, { recursive: true, force: true })
    }
  })
  const trust = (ca: Party) =>
    writeFileSync(join(anchorsDir, 'ca.pem'), ca.certificate.toString('pem'))

  test('the API accepts a contract signed by both parties: each signature valid, timestamped, and the text the market records', async ({
    client,
    assert,
  }) => {
    const { pdf, ca, contractId } = await signedContractPdf()
    trust(ca)
    const response = await client.post('/api/v1/contracts/verify').file('file', pdfFile(pdf))
    response.assertStatus(200)
    const body = response.body()
    assert.isTrue(body.valid)
    assert.equal(body.contractOfRecordId, contractId)
    assert.deepEqual(
      body.signatures.map((signature: any) => [
        signature.fieldName,
        signature.signer.commonName,
        signature.valid,
        signature.coversWholeDocument,
        signature.timestamp.valid,
        signature.contract.matchesRecord,
      ]),
      [
        ['Signature1', '业主经办人', true, false, true, true],
        ['Signature2', '机构经办人', true, true, true, true],
      ]
    )
  }).timeout(60000)

  test('the API names the signatures a changed byte breaks, and a signer the market does not trust', async ({
    client,
    assert,
  }) => {
    const { pdf, ca } = await signedContractPdf()
    trust(ca)
    const tampered = pdf.slice()
    tampered[600] = tampered[600] === 0x30 ? 0x31 : 0x30
    const response = await client.post('/api/v1/contracts/verify').file('file', pdfFile(tampered))
    response.assertStatus(200)
    assert.isFalse(response.body().valid)
    assert.deepEqual(
      response
        .body()
        .signatures.map((signature: any) => [
          signature.fieldName,
          signature.valid,
          signature.problems.includes('digestMismatch'),
        ]),
      [
        ['Signature1', false, true],
        ['Signature2', false, true],
      ]
    )

    rmSync(join(anchorsDir, 'ca.pem'))
    const untrusted = await client.post('/api/v1/contracts/verify').file('file', pdfFile(pdf))
    assert.isFalse(untrusted.body().valid)
    assert.include(untrusted.body().signatures[0].problems, 'chainUntrusted')
  }).timeout(60000)

  test('the public contract notice and the contract page lead to the verification page', async ({
    client,
  }) => {
    const { contract, projectId, owner } = await signedContract()
    const notice = await client.get(`/projects/${projectId}`)
    notice.assertStatus(200)
    notice.assertTextIncludes('href="/contracts/verify"')
    notice.assertTextIncludes('验证已签署的合同 PDF')
    const page = await client.get(`/contracts/${contract.id}`).loginAs(owner)
    page.assertTextIncludes('href="/contracts/verify"')
  })

  test('the API refuses a file that is not a PDF with 422, and a missing file', async ({
    client,
    assert,
  }) => {
    const notPdf = await client
      .post('/api/v1/contracts/verify')
      .header('accept-language', 'zh-CN')
      .file('file', await textFile('not a pdf at all', '合同.pdf'))
    notPdf.assertStatus(422)
    assert.equal(notPdf.body().errors[0].field, 'file')
    assert.include(notPdf.body().errors[0].message, '文件不是 PDF')

    const missing = await client.post('/api/v1/contracts/verify').json({})
    missing.assertStatus(422)
  })

  test('the page shows each signature’s results in Chinese for a good PDF and rejects a tampered one', async ({
    client,
    assert,
  }) => {
    const form = await client.get('/contracts/verify')
    form.assertStatus(200)
    assert.include(form.text(), '合同签章验证')
    assert.include(form.text(), 'enctype="multipart/form-data"')

    const { pdf, ca } = await signedContractPdf()
    trust(ca)
    const good = await client
      .post('/contracts/verify')
      .file('file', pdfFile(pdf, 'signed.pdf'))
      .withCsrfToken()
    good.assertStatus(200)
    const page = good.text()
    assert.include(page, '全部 2 个签名有效')
    assert.include(page, '业主经办人')
    assert.include(page, '机构经办人')
    assert.include(page, '覆盖整份文件')
    assert.include(page, '与平台记录的合同文本一致')

    const tampered = pdf.slice()
    tampered[pdf.length - 300] ^= 0x01
    const bad = await client
      .post('/contracts/verify')
      .file('file', pdfFile(tampered, 'tampered.pdf'))
      .withCsrfToken()
    bad.assertStatus(200)
    assert.include(bad.text(), '验证未通过')
    assert.include(bad.text(), '签名之后文件内容被改动')
  }).timeout(60000)

  test('names from the uploaded file (signer, file name) are shown as text, never as markup', async ({
    client,
    assert,
  }) => {
    const ca = await throwawayCa()
    const signer = await issue(ca, 'CN=<script>alert(1)</script>, O=Hostile')
    const { contract } = await signedContract()
    const rendered = await renderContractPdf(await contractOfRecord(contract))
    const pdf = await sign(rendered, signer, [ca], new Date('2026-06-01T01:00:00Z'))
    const response = await client
      .post('/contracts/verify')
      .file('file', pdfFile(pdf, '<img src=x onerror=alert(1)>.pdf'))
      .withCsrfToken()
    response.assertStatus(200)
    // The subject as RFC 4514 writes it (`\<` escapes), then escaped for HTML.
    assert.notMatch(response.text(), /<script\\?>alert/)
    assert.include(response.text(), '&lt;script\\&gt;alert(1)')
    assert.notInclude(response.text(), '<img src=x onerror=alert(1)>')
    assert.include(response.text(), '&lt;img src=x onerror=alert(1)&gt;.pdf')
  }).timeout(60000)

  test('the page refuses a file that is not a PDF and says why', async ({ client, assert }) => {
    const refused = await client
      .post('/contracts/verify')
      .file('file', await textFile('plain text', 'contract.pdf'))
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(302)
    const errors = refused.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(errors.file, ['文件不是 PDF（按文件内容识别，须以 %PDF- 开头）'])
  })

  test('the development time-stamping authority answers RFC 3161 queries over HTTP', async ({
    client,
    assert,
  }) => {
    const signatureValue = new Uint8Array(71).fill(3)
    const digest = sha256(signatureValue)
    const url = `http://${env.get('HOST', '127.0.0.1')}:${env.get('PORT', 3333)}/api/v1/pki/tsa`
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: timestampRequest(digest),
    })
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('content-type'), 'application/timestamp-reply')
    const token = tokenFromResponse(new Uint8Array(await response.arrayBuffer()), digest)
    const check = await checkTimestampToken(token, signatureValue)
    assert.isTrue(
      check.coversSignature && check.tokenSignatureValid && check.timeStampingCertificate
    )

    const garbage = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: new Uint8Array([1, 2, 3]),
    })
    assert.equal(garbage.status, 200, 'RFC 3161 refuses inside the reply')
    const refusal = new Uint8Array(await garbage.arrayBuffer())
    assert.throws(() => tokenFromResponse(refusal, digest), /not a DER TimeStampReq/)

    const json = await client.post('/api/v1/pki/tsa').json({ query: 'x' })
    json.assertStatus(415)
  }).timeout(30000)

  test('the signing interface timestamps each party through the market’s time-stamping authority', async ({
    assert,
  }) => {
    const { contract } = await signedContract()
    const record = await contractOfRecord(contract)
    const ca = await throwawayCa()
    const parties = [await issue(ca, 'CN=业主经办人'), await issue(ca, 'CN=机构经办人')]
    let signedSoFar: Uint8Array | null = null
    for (const [index, party] of parties.entries()) {
      const prepared = await prepareContractSignature(
        { record, signedSoFar },
        party.der,
        new Date(Date.UTC(2026, 5, 1 + index))
      )
      const value = new Uint8Array(
        await webcrypto.subtle.sign(
          { name: 'ECDSA', hash: 'SHA-256' },
          party.key.privateKey,
          prepared.toBeSigned
        )
      )
      signedSoFar = await completeContractSignature(prepared, value, [party.der, ca.der])
    }
    const report = await verifyContractPdf(signedSoFar!, {
      trustAnchors: [ca.der],
      tsaTrustAnchors: await marketTsaTrustAnchors(),
      contractOfRecord: record,
    })
    assert.deepEqual(
      report.signatures.map((signature) => signature.problems),
      [[], []]
    )
    assert.isTrue(report.valid)
    for (const signature of report.signatures) {
      assert.isTrue(signature.timestamp.valid && signature.timestamp.trusted)
      assert.include(signature.timestamp.authority ?? '', 'Development TSA')
    }
  }).timeout(60000)

  test('node ace contract:verify succeeds on a signed contract and fails, naming the signature, on a tampered one', async () => {
    const { pdf, ca } = await signedContractPdf()
    const caPath = join(anchorsDir, 'given-ca.pem')
    writeFileSync(caPath, ca.certificate.toString('pem'))
    const ace = await app.container.make('ace')
    ace.ui.switchMode('raw')
    try {
      const good = await ace.exec('contract:verify', [pdfFile(pdf), '--ca', caPath])
      good.assertSucceeded()
      good.assertLog('Signature #2 (Signature2): VALID')
      good.assertLog('Result: VALID')

      const tampered = pdf.slice()
      tampered[pdf.length - 300] ^= 0x01
      const bad = await ace.exec('contract:verify', [pdfFile(tampered), '--ca', caPath])
      bad.assertFailed()
      bad.assertLog('Signature #1 (Signature1): VALID')
      bad.assertLog('Signature #2 (Signature2): INVALID')
      bad.assertLog('  Problems: digestMismatch')
    } finally {
      ace.ui.switchMode('normal')
    }
  }).timeout(60000)

  test('one address gets 30 verifications a minute; the next answers 429 with Retry-After', async ({
    client,
    assert,
  }) => {
    const unsigned = await textPdf('Not signed')
    for (let count = 0; count < VERIFICATIONS_PER_MINUTE; count++) {
      const response = await client.post('/api/v1/contracts/verify').file('file', unsigned)
      response.assertStatus(200)
      assert.isFalse(response.body().valid)
      assert.deepEqual(response.body().signatures, [])
    }
    const refused = await client.post('/api/v1/contracts/verify').file('file', unsigned)
    refused.assertStatus(429)
    assert.exists(refused.header('retry-after'))
  }).timeout(60000)
})
