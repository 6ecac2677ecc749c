import 'reflect-metadata'
import { test } from '@japa/runner'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as x509 from '@peculiar/x509'
import {
  certificateValidity,
  normaliseSerial,
  positiveSerial,
  subjectAttributes,
  type CertificateHolder,
} from '#domain/certificate_profile'
import { buildCrl, caFilesFor, crlPem, issueCertificate, marketCa } from '#services/pki/market_ca'
import { provenPublicKey } from '#services/pki/certificate_requests'

x509.cryptoProvider.set(globalThis.crypto)

const P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const

const HOLDER: CertificateHolder = {
  personName: '王晓明',
  organizationName: '成都市滨江建设投资有限公司',
  uscc: '91510100MA61R8XQ3K',
  capacity: 'legal_representative',
}

async function keyPair(algorithm: EcKeyGenParams & { hash?: string } = P256) {
  return (await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair
}

/** A request whose subject claims someone else entirely. */
async function request(keys: CryptoKeyPair, signingAlgorithm: EcdsaParams & EcKeyGenParams = P256) {
  return x509.Pkcs10CertificateRequestGenerator.create({
    name: 'CN=Mallory, O=Evil Corp, C=US',
    keys,
    signingAlgorithm,
  })
}

async function issuedFor(keys: CryptoKeyPair, holder = HOLDER) {
  const csr = await request(keys)
  const proven = await provenPublicKey(csr.toString('pem'))
  if (!proven.ok) throw new Error(proven.problem)
  return issueCertificate({
    publicKey: proven.publicKey,
    holder,
    issuedAt: new Date(),
    crlUrl: 'https://market.example.cn/api/v1/pki/crl',
  })
}

const hasOpenssl = spawnSync('openssl', ['version']).status === 0

test.group('Certificate profile', () => {
  test('a serial number stays positive whatever the random octets, and is 16 octets of hex', ({
    assert,
  }) => {
    const highBit = positiveSerial(new Uint8Array(16).fill(0xff))
    assert.match(highBit, /^[0-9a-f]{32}$/)
    assert.isBelow(Number.parseInt(highBit.slice(0, 2), 16), 0x80)
    const zeros = positiveSerial(new Uint8Array(16))
    assert.notEqual(zeros.slice(0, 2), '00')
    assert.throws(() => positiveSerial(new Uint8Array(8)))
  })

  test('serial numbers in URLs are read in lowercase without leading zero octets', ({ assert }) => {
    assert.equal(normaliseSerial('00A1B2'), 'a1b2')
    assert.equal(normaliseSerial('7F'), '7f')
  })

  test('a certificate is valid for a year, cut at the end of the CA certificate', ({ assert }) => {
    const issuedAt = new Date('2026-12-07T06:30:15.250Z')
    const farCa = new Date('2036-01-01T00:00:00Z')
    assert.deepEqual(certificateValidity(issuedAt, farCa), {
      notBefore: new Date('2026-12-07T06:30:15Z'),
      notAfter: new Date('2027-12-07T06:30:15Z'),
    })
    const nearCa = new Date('2027-03-01T00:00:00Z')
    assert.deepEqual(certificateValidity(issuedAt, nearCa).notAfter, nearCa)
  })

  test('the subject names the country, USCC (NTRCN-), organisation, capacity and person', ({
    assert,
  }) => {
    assert.deepEqual(
      subjectAttributes(HOLDER).map((attribute) => attribute.value),
      ['CN', 'NTRCN-91510100MA61R8XQ3K', HOLDER.organizationName, '法定代表人', '王晓明']
    )
  })
})

test.group('Certificate requests', () => {
  test('a P-256 request signed by its own key proves possession of that key', async ({
    assert,
  }) => {
    const keys = await keyPair()
    const csr = await request(keys)
    const proven = await provenPublicKey(csr.toString('pem'))
    assert.isTrue(proven.ok)
  })

  test('a request whose signature was made by another key is refused', async ({ assert }) => {
    const mine = await keyPair()
    const other = await keyPair()
    const forged = await request({ publicKey: mine.publicKey, privateKey: other.privateKey })
    assert.deepEqual(await provenPublicKey(forged.toString('pem')), {
      ok: false,
      problem: 'csrSignature',
    })
  })

  test('a request of a P-384 key is refused, and so is text that is no request', async ({
    assert,
  }) => {
    const p384 = { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' }
    const keys = await keyPair(p384)
    const csr = await request(keys, p384)
    assert.deepEqual(await provenPublicKey(csr.toString('pem')), {
      ok: false,
      problem: 'csrKeyAlgorithm',
    })
    assert.deepEqual(await provenPublicKey('-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n'), {
      ok: false,
      problem: 'csrMalformed',
    })
    assert.deepEqual(await provenPublicKey('not a request'), {
      ok: false,
      problem: 'csrMalformed',
    })
  })
})

test.group('Market CA', () => {
  test('the certificate names the holder from the records, never the request, and chains to the CA', async ({
    assert,
  }) => {
    const ca = await marketCa()
    const keys = await keyPair()
    const certificate = await issuedFor(keys)
    assert.notInclude(certificate.subject, 'Mallory')
    assert.notInclude(certificate.subject, 'Evil')
    assert.equal(certificate.subjectName.getField('CN')[0], '王晓明')
    assert.equal(certificate.subjectName.getField('O')[0], HOLDER.organizationName)
    assert.equal(certificate.subjectName.getField('2.5.4.97')[0], `NTRCN-${HOLDER.uscc}`)
    assert.equal(certificate.subjectName.getField('2.5.4.12')[0], '法定代表人')
    assert.equal(certificate.issuer, ca.certificate.subject)
    assert.isTrue(
      await certificate.verify({ publicKey: ca.certificate.publicKey, signatureOnly: true })
    )
    const usage = certificate.getExtension(x509.KeyUsagesExtension)!
    assert.equal(
      usage.usages,
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation
    )
    assert.isTrue(usage.critical)
    assert.isFalse(certificate.getExtension(x509.BasicConstraintsExtension)!.ca)
    // The certified key is the request's key.
    const spki = await crypto.subtle.exportKey('spki', keys.publicKey)
    assert.deepEqual(new Uint8Array(certificate.publicKey.rawData), new Uint8Array(spki))
  })

  test('serial numbers are positive DER integers of at most 20 octets', async ({ assert }) => {
    const keys = await keyPair()
    for (let i = 0; i < 8; i++) {
      const certificate = await issuedFor(keys)
      const octets = Buffer.from(certificate.serialNumber, 'hex')
      assert.isBelow(octets[0], 0x80)
      assert.isAtMost(octets.length, 20)
    }
  })

  test('the CRL lists revoked certificates, with a reason or without', async ({ assert }) => {
    const crl = await buildCrl(
      [
        { serialNumber: '7a01', revokedAt: new Date('2026-12-01T00:00:00Z'), reasonCode: 1 },
        { serialNumber: '7a02', revokedAt: new Date('2026-12-02T00:00:00Z'), reasonCode: null },
      ],
      new Date('2026-12-07T00:00:00Z')
    )
    const ca = await marketCa()
    assert.isTrue(await crl.verify({ publicKey: ca.certificate.publicKey }))
    assert.deepEqual(
      crl.entries.map((entry) => [
        entry.serialNumber,
        entry.reason ?? null,
        entry.extensions.length,
      ]),
      [
        ['7a01', x509.X509CrlReason.keyCompromise, 1],
        ['7a02', null, 0],
      ]
    )
    // No empty crlEntryExtensions SEQUENCE (RFC 5280 §5.1: present only when it holds one; newer OpenSSL refuses the whole CRL)
    const der = Buffer.from(crl.rawData)
    const entry = der.indexOf(Buffer.from([0x02, 0x02, 0x7a, 0x02]))
    const entryLength = der[entry - 1]
    assert.equal(entryLength, 4 + 15, 'the entry is its serial and its date, nothing more')
  })
})

test.group('Market CA with OpenSSL', (group) => {
  let folder = ''
  group.setup(async () => {
    folder = await mkdtemp(join(tmpdir(), 'market-ca-'))
    return () => rm(folder, { recursive: true, force: true })
  })

  test('OpenSSL reads the CRL (an entry without a reason has no empty extensions) and refuses a revoked certificate', async ({
    assert,
  }) => {
    const ca = await marketCa()
    const revoked = await issuedFor(await keyPair())
    const good = await issuedFor(await keyPair())
    const crl = await buildCrl(
      [
        {
          serialNumber: revoked.serialNumber,
          revokedAt: new Date(Date.now() - 1000),
          reasonCode: null,
        },
        { serialNumber: '7a03', revokedAt: new Date(Date.now() - 1000), reasonCode: 4 },
      ],
      new Date(Date.now() - 500)
    )
    await writeFile(join(folder, 'ca.pem'), ca.pem)
    await writeFile(join(folder, 'crl.pem'), crlPem(crl))
    await writeFile(join(folder, 'revoked.pem'), revoked.toString('pem'))
    await writeFile(join(folder, 'good.pem'), good.toString('pem'))

    const text = execFileSync(
      'openssl',
      ['crl', '-in', join(folder, 'crl.pem'), '-noout', '-text'],
      {
        encoding: 'utf8',
      }
    )
    assert.include(text.toUpperCase(), revoked.serialNumber.toUpperCase())
    assert.include(text, 'Superseded')
    assert.include(text, 'X509v3 CRL Number')

    const verify = (file: string) =>
      spawnSync(
        'openssl',
        [
          'verify',
          '-CAfile',
          join(folder, 'ca.pem'),
          '-CRLfile',
          join(folder, 'crl.pem'),
          '-crl_check',
          join(folder, file),
        ],
        { encoding: 'utf8' }
      )
    const goodRun = verify('good.pem')
    assert.equal(goodRun.status, 0, goodRun.stdout + goodRun.stderr)
    const revokedRun = verify('revoked.pem')
    assert.notEqual(revokedRun.status, 0)
    assert.include(revokedRun.stdout + revokedRun.stderr, 'certificate revoked')
  }).skip(!hasOpenssl, 'openssl is not installed')
})

test.group('Market CA files', () => {
  const folder = '/srv/market/tmp/pki'

  test('production refuses to run without the operator key and certificate', ({ assert }) => {
    assert.throws(
      () => caFilesFor({ inProduction: true, generatedFolder: folder }),
      /PKI_CA_KEY_FILE and PKI_CA_CERT_FILE are not set/
    )
  })

  test('the key and the certificate go together', ({ assert }) => {
    assert.throws(
      () =>
        caFilesFor({
          keyFile: '/etc/market/ca-key.pem',
          inProduction: true,
          generatedFolder: folder,
        }),
      /go together/
    )
  })

  test("the operator's files are used as they are; elsewhere a pair is generated into tmp/pki", ({
    assert,
  }) => {
    assert.deepEqual(
      caFilesFor({
        keyFile: '/etc/market/ca-key.pem',
        certFile: '/etc/market/ca-cert.pem',
        inProduction: true,
        generatedFolder: folder,
      }),
      { keyFile: '/etc/market/ca-key.pem', certFile: '/etc/market/ca-cert.pem', generate: false }
    )
    assert.deepEqual(caFilesFor({ inProduction: false, generatedFolder: folder }), {
      keyFile: `${folder}/ca-key.pem`,
      certFile: `${folder}/ca-cert.pem`,
      generate: true,
    })
  })
})
