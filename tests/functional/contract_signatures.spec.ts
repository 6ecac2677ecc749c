// Answers are read where they arrive: `(await client.get(…)).assertStatus(…)`.
/* eslint-disable @unicorn/no-await-expression-member */
import 'reflect-metadata'
import { test } from '@japa/runner'
import type { Group } from '@japa/runner/core'
import testUtils from '@adonisjs/core/services/test_utils'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as x509 from '@peculiar/x509'
import type User from '#models/user'
import {
  insertUsersWithHash,
  sharedPasswordHash,
  TEST_PASSWORD,
} from '#database/factories/account_factories'
import { WORLD_PASSWORD, marketWorld } from '#tests/worlds'
import {
  SIGNED_PROJECT_WORLD,
  awardedProject,
  demoAgency,
  demoOwner,
} from '#tests/selection_fixtures'
import { clock } from '#services/clock'
import { marketTrustAnchors, marketTsaTrustAnchors } from '#services/pades/trust_anchors'
import { verifyContractPdf } from '#services/pades/verify_pdf'
import { contractOfRecordById } from '#queries/contract_of_record'
import { crlOfMarketCa } from '#queries/certificate_revocations'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import app from '@adonisjs/core/services/app'
import { runTick } from '#actions/market_tick'
import { readZip, writeZip } from '#domain/zip_archive'

x509.cryptoProvider.set(globalThis.crypto)

const P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const
const has = (binary: string) => spawnSync('which', [binary]).status === 0

type Signer = { user: User; keys: CryptoKeyPair; serial: string }

/** An API client's own key, certified by the market CA for `user`. */
async function enrolledSigner(client: any, user: User, password = WORLD_PASSWORD): Promise<Signer> {
  const keys = (await crypto.subtle.generateKey(P256, false, ['sign', 'verify'])) as CryptoKeyPair
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: 'CN=whoever',
    keys,
    signingAlgorithm: P256,
  })
  const answer = await client
    .post('/api/v1/signing-keys')
    .json({ csrPem: csr.toString('pem'), password })
    .withGuard('api')
    .loginAs(user)
  answer.assertStatus(201)
  return { user, keys, serial: answer.body().serialNumber }
}

function signingRequest(client: any, contractId: number, signer: Signer) {
  return client
    .get(`/api/v1/contracts/${contractId}/signing-request`)
    .qs({ certificateSerial: signer.serial })
    .withGuard('api')
    .loginAs(signer.user)
}

/** What the client does with a signing request: its key signs the bytes, r‖s as WebCrypto gives them. */
async function signatureOver(signer: Signer, toBeSignedBase64: string) {
  const bytes = Buffer.from(toBeSignedBase64, 'base64')
  const value = await crypto.subtle.sign(P256, signer.keys.privateKey, bytes)
  return Buffer.from(value).toString('base64')
}

async function signs(client: any, contractId: number, signer: Signer) {
  const request = await signingRequest(client, contractId, signer)
  request.assertStatus(200)
  const { revision, textSha256, toBeSignedBase64 } = request.body()
  return client
    .post(`/api/v1/contracts/${contractId}/signatures`)
    .json({
      revision,
      textSha256,
      certificateSerial: signer.serial,
      signatureBase64: await signatureOver(signer, toBeSignedBase64),
    })
    .withGuard('api')
    .loginAs(signer.user)
}

async function downloadPdf(client: any, contractId: number, user: User) {
  const request = client.get(`/api/v1/contracts/${contractId}/document.pdf`)
  request.request.buffer(true).parse((response: any, done: (e: null, body: Buffer) => void) => {
    const chunks: Buffer[] = []
    response.on('data', (chunk: Buffer) => chunks.push(chunk))
    response.on('end', () => done(null, Buffer.concat(chunks)))
  })
  const answer = await request.withGuard('api').loginAs(user)
  answer.assertStatus(200)
  answer.assertHeader('content-type', 'application/pdf')
  return new Uint8Array(answer.body() as Buffer)
}

async function contractOf(client: any, projectId: number) {
  const answer = await client
    .get(`/api/v1/projects/${projectId}/contract`)
    .withGuard('api')
    .loginAs(await demoOwner())
  answer.assertStatus(200)
  return answer.body()
}

/** A lowest-price project awarded to agency 5; returns its contract. */
async function awardedContract(client: any) {
  const projectId = await awardedProject(client, [
    [5, 5_000_000],
    [6, 5_200_000],
  ])
  return { projectId, contract: await contractOf(client, projectId) }
}

/** Each test in a transaction, in the market of the signed-project fixtures, before the award. */
function inTheSignedProjectWorld(group: Group) {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld(SIGNED_PROJECT_WORLD)
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })
}

test.group('Reliable signatures over the contract PDF (API)', (group) => {
  inTheSignedProjectWorld(group)

  test('both parties sign the PDF with keys they hold; pdfsig and the verifier read two valid signatures', async ({
    client,
    assert,
  }) => {
    const { projectId, contract } = await awardedContract(client)
    const owner = await enrolledSigner(client, await demoOwner())
    const agency = await enrolledSigner(client, await demoAgency(5))

    const request = await signingRequest(client, contract.id, owner)
    request.assertStatus(200)
    assert.equal(request.body().algorithm, 'ECDSA-P256-SHA256')
    assert.equal(request.body().revision, contract.revision)
    assert.equal(request.body().textSha256, contract.textSha256)
    // The DER SET of the signed attributes (tag 0x31), not their [0]-tagged form.
    assert.equal(Buffer.from(request.body().toBeSignedBase64, 'base64')[0], 0x31)

    const first = await signs(client, contract.id, owner)
    first.assertStatus(201)
    assert.equal(first.body().signature.level, 'reliable')
    assert.equal(first.body().document.signatureCount, 1)
    const second = await signs(client, contract.id, agency)
    second.assertStatus(201)
    assert.equal(second.body().document.signatureCount, 2)

    const signed = await contractOf(client, projectId)
    assert.isNotNull(signed.signedAt)
    assert.deepEqual(
      signed.signatures.map((signature: any) => [signature.level, signature.certificateSerial]),
      [
        ['reliable', owner.serial],
        ['reliable', agency.serial],
      ]
    )

    const pdf = await downloadPdf(client, contract.id, await demoAgency(5))
    const report = await verifyContractPdf(pdf, {
      trustAnchors: await marketTrustAnchors(),
      tsaTrustAnchors: await marketTsaTrustAnchors(),
      crls: [new Uint8Array((await crlOfMarketCa()).rawData)],
      contractOfRecord: (await contractOfRecordById(contract.id))!,
    })
    assert.isTrue(report.valid, JSON.stringify(report.signatures.map((s) => s.problems)))
    assert.lengthOf(report.signatures, 2)
    for (const signature of report.signatures) {
      assert.isTrue(signature.chain.trusted)
      assert.equal(signature.revocation.status, 'good')
      assert.isTrue(signature.timestamp.valid)
      assert.isTrue(signature.contract.matchesRecord)
    }
    assert.isTrue(report.signatures[1].coversWholeDocument)

    if (has('pdfsig')) {
      const path = join(mkdtempSync(join(tmpdir(), 'contract-')), 'signed.pdf')
      writeFileSync(path, pdf)
      const output = execFileSync('pdfsig', ['-nocert', path]).toString('utf8')
      const blocks = output.split(/Signature #\d+:/).slice(1)
      assert.lengthOf(blocks, 2)
      for (const block of blocks) assert.include(block, 'Signature Validation: Signature is Valid.')
      assert.include(blocks[0], 'Not total document signed')
      assert.include(blocks[1], 'Total document signed')
      assert.notInclude(blocks[1], 'Not total document signed')
    }
  })

  test('a term changed between the signing request and the signature is a conflict naming the revision', async ({
    client,
    assert,
  }) => {
    const { contract } = await awardedContract(client)
    const owner = await enrolledSigner(client, await demoOwner())
    const request = (await signingRequest(client, contract.id, owner)).body()
    const change = await client
      .put(`/api/v1/contracts/${contract.id}`)
      .json({
        price: 5_000_000,
        deliverables: '环境影响报告表一份，通过技术评审。',
        timeLimitWorkingDays: 20,
        acceptanceCriteria: '报告表通过技术评审。',
        disputeResolution: '向眉山仲裁委员会申请仲裁。',
        milestones: [{ title: '验收后支付', amountFen: 5_000_000 }],
      })
      .withGuard('api')
      .loginAs(await demoOwner())
    change.assertStatus(200)
    const answer = await client
      .post(`/api/v1/contracts/${contract.id}/signatures`)
      .json({
        revision: request.revision,
        textSha256: request.textSha256,
        certificateSerial: owner.serial,
        signatureBase64: await signatureOver(owner, request.toBeSignedBase64),
      })
      .withGuard('api')
      .loginAs(owner.user)
    answer.assertStatus(409)
    assert.equal(answer.body().errors[0].code, 'E_REVISION_CHANGED')
    assert.equal(answer.body().errors[0].revision, request.revision + 1)
  })

  test('a signature that does not verify, by a revoked key or by a key of someone else is refused with 422', async ({
    client,
    assert,
  }) => {
    const { contract } = await awardedContract(client)
    const owner = await enrolledSigner(client, await demoOwner())
    const agency = await enrolledSigner(client, await demoAgency(5))
    const request = (await signingRequest(client, contract.id, owner)).body()
    const post = (user: User, body: Record<string, unknown>) =>
      client
        .post(`/api/v1/contracts/${contract.id}/signatures`)
        .json({ revision: request.revision, textSha256: request.textSha256, ...body })
        .withGuard('api')
        .loginAs(user)

    // Signed by another key than the certificate's.
    const wrongKey = await post(owner.user, {
      certificateSerial: owner.serial,
      signatureBase64: await signatureOver(agency, request.toBeSignedBase64),
    })
    wrongKey.assertStatus(422)
    assert.equal(wrongKey.body().errors[0].field, 'signatureBase64')
    assert.include(wrongKey.body().errors[0].message, '不是该证书对应私钥')

    const garbage = await post(owner.user, {
      certificateSerial: owner.serial,
      signatureBase64: Buffer.from('not a signature').toString('base64'),
    })
    garbage.assertStatus(422)
    assert.equal(garbage.body().errors[0].field, 'signatureBase64')

    // The agency's certificate offered by the owner.
    const foreign = await post(owner.user, {
      certificateSerial: agency.serial,
      signatureBase64: await signatureOver(agency, request.toBeSignedBase64),
    })
    foreign.assertStatus(422)
    assert.equal(foreign.body().errors[0].field, 'certificateSerial')

    const revoke = await client
      .delete(`/api/v1/signing-keys/${owner.serial}`)
      .json({ reason: 'key_compromise' })
      .withGuard('api')
      .loginAs(owner.user)
    revoke.assertStatus(204)
    const revoked = await post(owner.user, {
      certificateSerial: owner.serial,
      signatureBase64: await signatureOver(owner, request.toBeSignedBase64),
    })
    revoked.assertStatus(422)
    assert.equal(revoked.body().errors[0].field, 'certificateSerial')
    assert.include(revoked.body().errors[0].message, '已吊销')
    assert.isNull((await contractOf(client, contract.projectId)).signatures[0] ?? null)
  })

  test('a user of the organisation who is not its signatory is refused with 403', async ({
    client,
    assert,
  }) => {
    const { contract } = await awardedContract(client)
    const owner = await demoOwner()
    const [colleague] = await insertUsersWithHash([
      {
        organizationId: owner.organizationId,
        email: `colleague-${owner.id}@test.example.com`,
        passwordHash: await sharedPasswordHash(TEST_PASSWORD),
        role: 'owner',
        fullName: '李四',
        phone: null,
      },
    ])
    const answer = await client
      .get(`/api/v1/contracts/${contract.id}/signing-request`)
      .withGuard('api')
      .loginAs(colleague)
    answer.assertStatus(403)
    assert.equal(answer.body().errors[0].code, 'E_NOT_SIGNATORY')
    const byPassword = await client
      .post(`/api/v1/contracts/${contract.id}/sign`)
      .json({
        password: TEST_PASSWORD,
        revision: contract.revision,
        textSha256: contract.textSha256,
      })
      .withGuard('api')
      .loginAs(colleague)
    byPassword.assertStatus(403)
    assert.equal(byPassword.body().errors[0].code, 'E_NOT_SIGNATORY')
  })

  test('the second signer must sign the file the first produced: a request made before is stale (409)', async ({
    client,
    assert,
  }) => {
    const { contract } = await awardedContract(client)
    const owner = await enrolledSigner(client, await demoOwner())
    const agency = await enrolledSigner(client, await demoAgency(5))
    const early = (await signingRequest(client, contract.id, agency)).body()
    ;(await signs(client, contract.id, owner)).assertStatus(201)
    const answer = await client
      .post(`/api/v1/contracts/${contract.id}/signatures`)
      .json({
        revision: early.revision,
        textSha256: early.textSha256,
        certificateSerial: agency.serial,
        signatureBase64: await signatureOver(agency, early.toBeSignedBase64),
      })
      .withGuard('api')
      .loginAs(agency.user)
    answer.assertStatus(409)
    assert.equal(answer.body().errors[0].code, 'E_SIGNING_REQUEST_STALE')
    ;(await signs(client, contract.id, agency)).assertStatus(201)
  })

  test('where the rules require reliable signatures, the password is refused and the key is not', async ({
    client,
    assert,
    cleanup,
  }) => {
    const before = process.env.RULE_MINIMUM_SIGNATURE_LEVEL
    process.env.RULE_MINIMUM_SIGNATURE_LEVEL = 'reliable'
    cleanup(() => {
      process.env.RULE_MINIMUM_SIGNATURE_LEVEL = before
    })
    const { contract } = await awardedContract(client)
    const byPassword = await client
      .post(`/api/v1/contracts/${contract.id}/sign`)
      .json({
        password: WORLD_PASSWORD,
        revision: contract.revision,
        textSha256: contract.textSha256,
      })
      .withGuard('api')
      .loginAs(await demoOwner())
    byPassword.assertStatus(403)
    assert.equal(byPassword.body().errors[0].code, 'E_SIGNATURE_LEVEL')
    assert.include(byPassword.body().errors[0].message, '可靠电子签名')
    const owner = await enrolledSigner(client, await demoOwner())
    ;(await signs(client, contract.id, owner)).assertStatus(201)
  })

  test('strangers cannot download the contract PDF; a party can before anyone signed', async ({
    client,
  }) => {
    const { contract } = await awardedContract(client)
    const unsigned = await downloadPdf(client, contract.id, await demoOwner())
    if (Buffer.from(unsigned.subarray(0, 5)).toString('latin1') !== '%PDF-') {
      throw new Error('not a PDF')
    }
    ;(
      await client
        .get(`/api/v1/contracts/${contract.id}/document.pdf`)
        .withGuard('api')
        .loginAs(await demoAgency(6))
    ).assertStatus(403)
  })
})

test.group('The signed contract PDF in the sealed archive', (group) => {
  inTheSignedProjectWorld(group)

  test("a closed project's archive holds the PDF both parties signed; it verifies offline with its timestamp, and a changed timestamp is named", async ({
    client,
    assert,
  }) => {
    const { projectId, contract } = await awardedContract(client)
    const owner = await enrolledSigner(client, await demoOwner())
    const agency = await enrolledSigner(client, await demoAgency(5))
    ;(await signs(client, contract.id, owner)).assertStatus(201)
    ;(await signs(client, contract.id, agency)).assertStatus(201)
    const signedPdf = await downloadPdf(client, contract.id, owner.user)
    const url = `/api/v1/contracts/${contract.id}`
    ;(
      await client
        .post(`${url}/terminate`)
        .json({ ground: 'agreement', statement: '项目取消建设，双方协商一致解除' })
        .withGuard('api')
        .loginAs(owner.user)
    ).assertStatus(200)
    ;(
      await client.post(`${url}/termination/agree`).withGuard('api').loginAs(agency.user)
    ).assertStatus(200)
    const tick = await runTick()
    assert.equal(tick.errors, 0)
    const archive = await db.from('project_archives').where('project_id', projectId).firstOrFail()
    const zip = new Uint8Array(await drive.use().getBytes(archive.file_key))
    const read = readZip(zip)
    if (!read.ok) throw new Error('unreadable archive')
    const inArchive = read.parts.find(
      (part) => part.name === `contract/${contract.id}/contract-r${contract.revision}-signed.pdf`
    )
    assert.exists(inArchive)
    assert.equal(Buffer.compare(Buffer.from(inArchive!.bytes), Buffer.from(signedPdf)), 0)
    assert.exists(read.parts.find((part) => part.name === 'manifest.tsr'))

    const folder = mkdtempSync(join(tmpdir(), 'archive-'))
    const intact = join(folder, 'intact.zip')
    writeFileSync(intact, zip)
    const tsr = read.parts.find((part) => part.name === 'manifest.tsr')!
    tsr.bytes = tsr.bytes.slice()
    tsr.bytes[tsr.bytes.length - 5] ^= 0x01
    const changed = join(folder, 'changed.zip')
    writeFileSync(changed, writeZip(read.parts))
    const ace = await app.container.make('ace')
    ace.ui.switchMode('raw')
    const good = await ace.exec('archive:verify', [intact])
    assert.equal(good.exitCode, 0)
    const logs = (result: any) =>
      result.ui.logger.getLogs().map((log: { message: string }) => log.message)
    assert.isTrue(logs(good).some((line: string) => line.includes('Archive intact')))
    assert.isTrue(logs(good).some((line: string) => line.includes('Timestamped 20')))
    const bad = await ace.exec('archive:verify', [changed])
    assert.equal(bad.exitCode, 1)
    assert.isTrue(logs(bad).some((line: string) => line.includes('Bad timestamp')))
  })
})

test.group('Reliable signatures over the contract PDF (pages)', (group) => {
  inTheSignedProjectWorld(group)

  test('the contract page offers the key held in the browser, the signature level of each signature and the PDF', async ({
    client,
    assert,
  }) => {
    const { contract } = await awardedContract(client)
    const owner = await enrolledSigner(client, await demoOwner())
    const page = await client.get(`/contracts/${contract.id}`).loginAs(owner.user)
    page.assertStatus(200)
    assert.include(page.text(), 'data-island="contract-signing"')
    assert.include(page.text(), owner.serial)
    assert.include(page.text(), '以签名密钥签署需要启用 JavaScript')
    assert.include(page.text(), `/contracts/${contract.id}/document.pdf`)
    // Where the rules allow it the password form stays, under its own heading.
    assert.include(page.text(), '以密码签署（简单电子签名）')

    // The island's request, then the form it posts.
    const request = await client
      .post(`/contracts/${contract.id}/signing-request`)
      .form({ certificateSerial: owner.serial })
      .loginAs(owner.user)
      .withCsrfToken()
    request.assertStatus(200)
    const signed = await client
      .post(`/contracts/${contract.id}/signatures`)
      .form({
        revision: request.body().revision,
        textSha256: request.body().textSha256,
        certificateSerial: owner.serial,
        signatureBase64: await signatureOver(owner, request.body().toBeSignedBase64),
      })
      .loginAs(owner.user)
      .withCsrfToken()
      .redirects(0)
    signed.assertStatus(302)
    assert.equal(signed.flashMessages().success, '已签署，等待对方签署。')
    const after = await client.get(`/contracts/${contract.id}`).loginAs(owner.user)
    assert.include(after.text(), `可靠电子签名（签名密钥，证书 ${owner.serial}）`)
  })

  test('the island hears a refusal in words; a password signature is refused where reliable ones are required', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { contract } = await awardedContract(client)
    const owner = await demoOwner()
    const refused = await client
      .post(`/contracts/${contract.id}/signing-request`)
      .form({})
      .loginAs(owner)
      .withCsrfToken()
    refused.assertStatus(422)
    assert.include(refused.body().errors[0].message, '还没有有效的签名密钥')

    const before = process.env.RULE_MINIMUM_SIGNATURE_LEVEL
    process.env.RULE_MINIMUM_SIGNATURE_LEVEL = 'reliable'
    cleanup(() => {
      process.env.RULE_MINIMUM_SIGNATURE_LEVEL = before
    })
    const page = await client.get(`/contracts/${contract.id}`).loginAs(owner)
    assert.include(page.text(), '本项目适用的规则要求可靠电子签名，不能以密码签署。')
    assert.notInclude(page.text(), 'name="password"')
    const byPassword = await client
      .post(`/contracts/${contract.id}/sign`)
      .form({
        password: WORLD_PASSWORD,
        revision: contract.revision,
        textSha256: contract.textSha256,
      })
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    byPassword.assertStatus(302)
    assert.include(byPassword.flashMessages().error, '要求可靠电子签名')
  })
})
