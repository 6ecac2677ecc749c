// Answers are read where they arrive: `(await client.get(…)).assertStatus(…)`.
/* eslint-disable @unicorn/no-await-expression-member */
import 'reflect-metadata'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import * as x509 from '@peculiar/x509'
import type User from '#models/user'
import SigningCertificate from '#models/signing_certificate'
import {
  createUserWithRole,
  insertUsersWithHash,
  sharedPasswordHash,
  TEST_PASSWORD,
} from '#database/factories/account_factories'
import { disguisedProgram, textPdf } from '#tests/file_fixtures'
import { signingScheme } from '#services/pki/signing_schemes'

x509.cryptoProvider.set(globalThis.crypto)

const P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const

/** What an API client does: its own P-256 key, and a request signed with it. */
async function clientKey(algorithm: EcKeyGenParams & { hash: string } = P256) {
  const keys = (await crypto.subtle.generateKey(algorithm, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: 'CN=Somebody Else, O=Another Company',
    keys,
    signingAlgorithm: algorithm,
  })
  return { keys, csrPem: csr.toString('pem') }
}

/** A second user of the organisation (organisations may hold several). */
async function colleagueOf(user: User, fullName = '李四') {
  const [colleague] = await insertUsersWithHash([
    {
      organizationId: user.organizationId,
      email: `colleague-${user.id}-${Math.random().toString(16).slice(2)}@test.example.com`,
      passwordHash: await sharedPasswordHash(TEST_PASSWORD),
      role: user.role,
      fullName,
      phone: null,
    },
  ])
  return colleague
}

/** The CRL, as the DER bytes a verifier downloads. */
async function downloadCrl(client: any) {
  const request = client.get('/api/v1/pki/crl')
  request.request.buffer(true).parse((response: any, done: (error: null, body: Buffer) => void) => {
    const chunks: Buffer[] = []
    response.on('data', (chunk: Buffer) => chunks.push(chunk))
    response.on('end', () => done(null, Buffer.concat(chunks)))
  })
  const answer = await request
  return { answer, crl: new x509.X509Crl(new Uint8Array(answer.body() as Buffer)) }
}

function enrol(client: any, user: User, csrPem: string, password = TEST_PASSWORD) {
  return client
    .post('/api/v1/signing-keys')
    .json({ csrPem, password })
    .withGuard('api')
    .loginAs(user)
}

test.group('Signing keys (API)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an API client enrols its own key and gets a certificate naming its records that chains to ca.pem', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithRole('owner')
    const { keys, csrPem } = await clientKey()
    const response = await enrol(client, owner, csrPem)
    response.assertStatus(201)
    const { certificatePem, serialNumber } = response.body()
    assert.match(serialNumber, /^[0-9a-f]{32}$/)
    assert.isBelow(Number.parseInt(serialNumber.slice(0, 2), 16), 0x80)

    const certificate = new x509.X509Certificate(certificatePem)
    const organization = await db.from('organizations').where('id', owner.organizationId).first()
    assert.equal(certificate.serialNumber, serialNumber)
    assert.equal(certificate.subjectName.getField('CN')[0], owner.fullName)
    assert.equal(certificate.subjectName.getField('O')[0], organization.name)
    assert.equal(certificate.subjectName.getField('2.5.4.97')[0], `NTRCN-${organization.uscc}`)
    assert.equal(certificate.subjectName.getField('2.5.4.12')[0], '注册经办人')
    assert.notInclude(certificate.subject, 'Somebody Else')
    const spki = await crypto.subtle.exportKey('spki', keys.publicKey)
    assert.deepEqual(new Uint8Array(certificate.publicKey.rawData), new Uint8Array(spki))

    const caResponse = await client.get('/api/v1/pki/ca.pem')
    caResponse.assertStatus(200)
    assert.match(String(caResponse.header('content-type')), /^application\/x-pem-file/)
    const ca = new x509.X509Certificate(caResponse.text())
    assert.isTrue(await certificate.verify({ publicKey: ca.publicKey, signatureOnly: true }))
    const chain = await new x509.X509ChainBuilder({ certificates: [ca] }).build(certificate)
    assert.lengthOf(chain, 2)

    const listed = await client.get('/api/v1/signing-keys').withGuard('api').loginAs(owner)
    listed.assertStatus(200)
    assert.deepEqual(
      listed.body().data.map((row: any) => [row.serialNumber, row.status, row.scheme]),
      [[serialNumber, 'valid', 'api-client']]
    )
    const audit = await db
      .from('audit_events')
      .where('action', 'signing_key.enrolled')
      .where('subject_id', serialNumber)
      .first()
    assert.exists(audit)
  })

  test('a revoked certificate is listed on the CRL (DER) and revoking it again is a conflict', async ({
    client,
    assert,
  }) => {
    const agency = await createUserWithRole('agency')
    const { csrPem } = await clientKey()
    const enrolled = await enrol(client, agency, csrPem)
    enrolled.assertStatus(201)
    const { serialNumber } = enrolled.body()

    const revoked = await client
      .delete(`/api/v1/signing-keys/${serialNumber.toUpperCase()}`)
      .json({ reason: 'key_compromise' })
      .withGuard('api')
      .loginAs(agency)
    revoked.assertStatus(204)
    ;(
      await client.delete(`/api/v1/signing-keys/${serialNumber}`).withGuard('api').loginAs(agency)
    ).assertStatus(409)

    const { answer: crlResponse, crl } = await downloadCrl(client)
    crlResponse.assertStatus(200)
    assert.equal(crlResponse.header('content-type'), 'application/pkix-crl')
    const ca = new x509.X509Certificate((await client.get('/api/v1/pki/ca.pem')).text())
    assert.isTrue(await crl.verify({ publicKey: ca.publicKey }))
    const entry = crl.findRevoked(serialNumber)
    assert.exists(entry)
    assert.equal(entry!.reason, x509.X509CrlReason.keyCompromise)

    // Re-enrolment after the lost device: a new key, a new certificate.
    const again = await enrol(client, agency, (await clientKey()).csrPem)
    again.assertStatus(201)
    const listed = await client.get('/api/v1/signing-keys').withGuard('api').loginAs(agency)
    assert.deepEqual(
      listed.body().data.map((row: any) => [row.serialNumber, row.status, row.revocationReason]),
      [
        [again.body().serialNumber, 'valid', null],
        [serialNumber, 'revoked', 'key_compromise'],
      ]
    )
  })

  test('the scheme answers a certificate by serial, its status at an instant, and its trust anchor', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithRole('owner')
    const enrolled = await enrol(client, owner, (await clientKey()).csrPem)
    const { serialNumber } = enrolled.body()
    const scheme = signingScheme('api-client')
    const found = await scheme.certificate(serialNumber)
    assert.equal(found?.userId, owner.id)
    assert.isNull(await signingScheme('browser-key').certificate(serialNumber))
    assert.deepEqual(await scheme.revocationStatus('7f00', new Date()), { status: 'unknown' })
    const beforeRevocation = new Date(Date.now() - 5000)
    ;(
      await client.delete(`/api/v1/signing-keys/${serialNumber}`).withGuard('api').loginAs(owner)
    ).assertStatus(204)
    assert.deepEqual(await scheme.revocationStatus(serialNumber, beforeRevocation), {
      status: 'good',
    })
    const after = await scheme.revocationStatus(serialNumber, new Date(Date.now() + 5000))
    assert.equal(after.status, 'revoked')
    const [anchor] = await scheme.trustAnchors()
    const certificate = new x509.X509Certificate(found!.certificatePem)
    assert.isTrue(
      await certificate.verify({
        publicKey: new x509.X509Certificate(anchor).publicKey,
        signatureOnly: true,
      })
    )
  })

  test("nobody revokes another's certificate: it is not found", async ({ client }) => {
    const holder = await createUserWithRole('owner')
    const stranger = await createUserWithRole('owner')
    const enrolled = await enrol(client, holder, (await clientKey()).csrPem)
    enrolled.assertStatus(201)
    const { serialNumber } = enrolled.body()
    ;(
      await client.delete(`/api/v1/signing-keys/${serialNumber}`).withGuard('api').loginAs(stranger)
    ).assertStatus(404)
  })

  test('a request whose signature does not verify, a P-384 key or a wrong password is refused with 422', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithRole('owner')
    const mine = await clientKey()
    const other = await clientKey()
    const forged = await x509.Pkcs10CertificateRequestGenerator.create({
      name: 'CN=x',
      keys: { publicKey: mine.keys.publicKey, privateKey: other.keys.privateKey },
      signingAlgorithm: P256,
    })
    const bad = await enrol(client, owner, forged.toString('pem'))
    bad.assertStatus(422)
    assert.deepEqual(
      bad.body().errors.map((error: any) => [error.field, error.rule]),
      [['csrPem', 'csrSignature']]
    )

    const p384 = await clientKey({ name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' })
    const wrongCurve = await enrol(client, owner, p384.csrPem)
    wrongCurve.assertStatus(422)
    assert.equal(wrongCurve.body().errors[0].rule, 'csrKeyAlgorithm')

    const wrongPassword = await enrol(client, owner, mine.csrPem, 'not-my-password')
    wrongPassword.assertStatus(422)
    assert.equal(wrongPassword.body().errors[0].field, 'password')
    assert.equal(
      await SigningCertificate.query()
        .where('user_id', owner.id)
        .count('* as total')
        .then((rows) => Number(rows[0].$extras.total)),
      0
    )
  })

  test('wrong passwords are throttled as signing is: after five, even the right one waits (429)', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithRole('owner')
    const { csrPem } = await clientKey()
    for (let attempt = 0; attempt < 5; attempt++) {
      ;(await enrol(client, owner, csrPem, 'not-my-password')).assertStatus(422)
    }
    const locked = await enrol(client, owner, csrPem)
    locked.assertStatus(429)
    assert.exists(locked.header('retry-after'))
    assert.equal(await SigningCertificate.query().where('user_id', owner.id).first(), null)
  })

  test('a key is enrolled once: the same request again is refused', async ({ client, assert }) => {
    const owner = await createUserWithRole('owner')
    const { csrPem } = await clientKey()
    ;(await enrol(client, owner, csrPem)).assertStatus(201)
    const again = await enrol(client, owner, csrPem)
    again.assertStatus(422)
    assert.equal(again.body().errors[0].rule, 'keyAlreadyEnrolled')
  })

  test('a user who is not a signatory of the organisation is refused with 403; staff hold no keys', async ({
    client,
    assert,
  }) => {
    const registrant = await createUserWithRole('owner')
    const colleague = await colleagueOf(registrant)
    const refused = await enrol(client, colleague, (await clientKey()).csrPem)
    refused.assertStatus(403)
    assert.equal(refused.body().errors[0].code, 'E_NOT_SIGNATORY')

    const regulator = await createUserWithRole('regulator')
    ;(await enrol(client, regulator, (await clientKey()).csrPem)).assertStatus(403)
  })

  test('the CA certificate and the CRL are public', async ({ client }) => {
    ;(await client.get('/api/v1/pki/ca.pem')).assertStatus(200)
    ;(await client.get('/api/v1/pki/crl')).assertStatus(200)
  })
})

test.group('Signatories', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the registrant designates a colleague with the authorisation document, who may then enrol a key', async ({
    client,
    assert,
  }) => {
    const registrant = await createUserWithRole('agency')
    const colleague = await colleagueOf(registrant, '赵六')
    const designated = await client
      .post('/api/v1/organization/signatories')
      .field('userId', String(colleague.id))
      .field('capacity', 'authorised_representative')
      .file('document', await textPdf('Power of attorney'))
      .withGuard('api')
      .loginAs(registrant)
    designated.assertStatus(201)
    const designationId = designated.body().designationId

    const enrolled = await enrol(client, colleague, (await clientKey()).csrPem)
    enrolled.assertStatus(201)
    const certificate = new x509.X509Certificate(enrolled.body().certificatePem)
    assert.equal(certificate.subjectName.getField('CN')[0], '赵六')
    assert.equal(certificate.subjectName.getField('2.5.4.12')[0], '授权代表')

    const listed = await client
      .get('/api/v1/organization/signatories')
      .withGuard('api')
      .loginAs(colleague)
    assert.deepEqual(
      listed.body().data.map((row: any) => [row.userId, row.capacity]),
      [
        [registrant.id, 'registrant'],
        [colleague.id, 'authorised_representative'],
      ]
    )
    const document = await client
      .get(`/api/v1/signatory-documents/${designationId}`)
      .withGuard('api')
      .loginAs(colleague)
    document.assertStatus(200)
    assert.equal(document.header('content-type'), 'application/pdf')
    const outsider = await createUserWithRole('agency')
    ;(
      await client
        .get(`/api/v1/signatory-documents/${designationId}`)
        .withGuard('api')
        .loginAs(outsider)
    ).assertStatus(403)
    const audit = await db.from('audit_events').where('action', 'signatory.designated').first()
    assert.equal(JSON.parse(audit.payload).capacity, 'authorised_representative')
  })

  test('a designation without a document, with a disguised program, or of an outsider is refused', async ({
    client,
    assert,
  }) => {
    const registrant = await createUserWithRole('owner')
    const colleague = await colleagueOf(registrant)
    const outsider = await createUserWithRole('owner')
    const withoutDocument = await client
      .post('/api/v1/organization/signatories')
      .field('userId', String(colleague.id))
      .field('capacity', 'legal_representative')
      .withGuard('api')
      .loginAs(registrant)
    withoutDocument.assertStatus(422)
    const disguised = await client
      .post('/api/v1/organization/signatories')
      .field('userId', String(colleague.id))
      .field('capacity', 'legal_representative')
      .file('document', await disguisedProgram())
      .withGuard('api')
      .loginAs(registrant)
    disguised.assertStatus(422)
    assert.equal(disguised.body().errors[0].field, 'document')
    const foreign = await client
      .post('/api/v1/organization/signatories')
      .field('userId', String(outsider.id))
      .field('capacity', 'legal_representative')
      .file('document', await textPdf('Power of attorney'))
      .withGuard('api')
      .loginAs(registrant)
    foreign.assertStatus(422)
    assert.equal(foreign.body().errors[0].rule, 'notMember')
    assert.equal(
      await db
        .from('signatories')
        .count('* as total')
        .first()
        .then((row) => Number(row.total)),
      0
    )
  })

  test('a user who is not a signatory designates nobody', async ({ client }) => {
    const registrant = await createUserWithRole('owner')
    const colleague = await colleagueOf(registrant)
    const third = await colleagueOf(registrant, '王五')
    const refused = await client
      .post('/api/v1/organization/signatories')
      .field('userId', String(third.id))
      .field('capacity', 'legal_representative')
      .file('document', await textPdf('Power of attorney'))
      .withGuard('api')
      .loginAs(colleague)
    refused.assertStatus(403)
  })

  test('revoking a signatory revokes their certificates; the last signatory cannot be revoked', async ({
    client,
    assert,
  }) => {
    const registrant = await createUserWithRole('owner')
    const colleague = await colleagueOf(registrant)
    ;(
      await client
        .post('/api/v1/organization/signatories')
        .field('userId', String(colleague.id))
        .field('capacity', 'legal_representative')
        .file('document', await textPdf('Legal representative'))
        .withGuard('api')
        .loginAs(registrant)
    ).assertStatus(201)
    const registrantKey = (await enrol(client, registrant, (await clientKey()).csrPem)).body()

    // The new legal representative revokes the registrant (who left the company).
    const revoked = await client
      .post(`/api/v1/organization/signatories/${registrant.id}/revoke`)
      .json({ reason: '经办人离职' })
      .withGuard('api')
      .loginAs(colleague)
    revoked.assertStatus(200)
    assert.equal(revoked.body().revokedCertificates, 1)
    const row = await SigningCertificate.findByOrFail('serial_number', registrantKey.serialNumber)
    assert.equal(row.revocationReason, 'affiliation_changed')
    const { crl } = await downloadCrl(client)
    assert.equal(
      crl.findRevoked(registrantKey.serialNumber)?.reason,
      x509.X509CrlReason.affiliationChanged
    )

    // The former registrant may no longer enrol, nor revoke anyone.
    ;(await enrol(client, registrant, (await clientKey()).csrPem)).assertStatus(403)
    const last = await client
      .post(`/api/v1/organization/signatories/${colleague.id}/revoke`)
      .json({ reason: '测试' })
      .withGuard('api')
      .loginAs(colleague)
    last.assertStatus(409)
    const events = await db.from('audit_events').where('action', 'signatory.revoked')
    assert.lengthOf(events, 1)
  })

  test('regulators see who may sign for each organisation; owners and agencies do not', async ({
    client,
    assert,
  }) => {
    const registrant = await createUserWithRole('agency')
    const colleague = await colleagueOf(registrant, '钱七')
    ;(
      await client
        .post('/api/v1/organization/signatories')
        .field('userId', String(colleague.id))
        .field('capacity', 'legal_representative')
        .file('document', await textPdf('Legal representative'))
        .withGuard('api')
        .loginAs(registrant)
    ).assertStatus(201)
    const organization = await db
      .from('organizations')
      .where('id', registrant.organizationId)
      .first()
    const regulator = await createUserWithRole('regulator')

    const api = await client
      .get('/api/v1/regulator/signatories')
      .qs({ q: organization.uscc })
      .withGuard('api')
      .loginAs(regulator)
    api.assertStatus(200)
    assert.deepEqual(
      api
        .body()
        .data.map((row: any) => [
          row.uscc,
          row.signatories.map((signatory: any) => [signatory.name, signatory.capacity]),
        ]),
      [
        [
          organization.uscc,
          [
            [registrant.fullName, 'registrant'],
            ['钱七', 'legal_representative'],
          ],
        ],
      ]
    )
    const page = await client
      .get('/regulator/signatories')
      .qs({ q: organization.uscc })
      .loginAs(regulator)
    page.assertStatus(200)
    page.assertTextIncludes('钱七')
    page.assertTextIncludes('法定代表人')
    ;(
      await client.get('/api/v1/regulator/signatories').withGuard('api').loginAs(registrant)
    ).assertStatus(403)
  })
})

test.group('Signing keys and signatories (pages)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the keys page explains enrolment without JavaScript and revokes a key with a form', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithRole('owner')
    const { serialNumber } = (await enrol(client, owner, (await clientKey()).csrPem)).body()
    const dashboard = await client.get('/dashboard').loginAs(owner)
    dashboard.assertTextIncludes('href="/account/signing-keys"')
    dashboard.assertTextIncludes('href="/account/signatories"')
    const page = await client.get('/account/signing-keys').loginAs(owner)
    page.assertStatus(200)
    page.assertTextIncludes('登记签名密钥需要启用 JavaScript 的浏览器')
    page.assertTextIncludes(serialNumber)
    assert.include(page.text(), 'data-island="signing-key-enrolment"')

    const revoked = await client
      .post(`/account/signing-keys/${serialNumber}/revoke`)
      .form({ reason: '' })
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    revoked.assertStatus(302)
    revoked.assertHeader('location', '/account/signing-keys')
    const row = await SigningCertificate.findByOrFail('serial_number', serialNumber)
    assert.exists(row.revokedAt)
    assert.isNull(row.revocationReason)
  })

  test('the page route enrols a browser key with the password, and refuses a wrong one at its field', async ({
    client,
    assert,
  }) => {
    const agency = await createUserWithRole('agency')
    const { csrPem } = await clientKey()
    const wrong = await client
      .post('/account/signing-keys')
      .form({ csrPem, password: 'wrong-password' })
      .loginAs(agency)
      .withCsrfToken()
      .redirects(0)
    wrong.assertStatus(302)
    assert.property(wrong.flashMessages().inputErrorsBag, 'password')
    const right = await client
      .post('/account/signing-keys')
      .form({ csrPem, password: TEST_PASSWORD })
      .loginAs(agency)
      .withCsrfToken()
      .redirects(0)
    right.assertStatus(302)
    const row = await SigningCertificate.findByOrFail('user_id', agency.id)
    assert.equal(row.scheme, 'browser-key')
  })

  test('a non-signatory sees why they cannot enrol; the signatories page designates with a document', async ({
    client,
    assert,
  }) => {
    const registrant = await createUserWithRole('owner')
    const colleague = await colleagueOf(registrant, '孙八')
    const notYet = await client.get('/account/signing-keys').loginAs(colleague)
    notYet.assertTextIncludes('您目前不是本单位的签署人')
    assert.notInclude(notYet.text(), 'data-island="signing-key-enrolment"')

    const page = await client.get('/account/signatories').loginAs(registrant)
    page.assertStatus(200)
    page.assertTextIncludes('孙八')
    const designated = await client
      .post('/account/signatories')
      .field('userId', String(colleague.id))
      .field('capacity', 'legal_representative')
      .file('document', await textPdf('Legal representative'))
      .loginAs(registrant)
      .withCsrfToken()
      .redirects(0)
    designated.assertStatus(302)
    designated.assertHeader('location', '/account/signatories')
    const after = await client.get('/account/signing-keys').loginAs(colleague)
    assert.include(after.text(), 'data-island="signing-key-enrolment"')
  })
})

test.group('The minimum signature level (rule parameter)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the rules page shows the level in force, marked as overridden by this installation', async ({
    client,
  }) => {
    // .env.test sets RULE_MINIMUM_SIGNATURE_LEVEL=simple over the stored `reliable`.
    const page = await client.get('/rules')
    page.assertStatus(200)
    page.assertTextIncludes('合同签署的最低签名级别')
    page.assertTextIncludes('一般电子签名（再次输入密码）')
    const api = await client.get('/api/v1/rules')
    api.assertStatus(200)
    api.assertBodyContains({ data: [{ parameters: { minimumSignatureLevel: 'reliable' } }] })
  })
})
