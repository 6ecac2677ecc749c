/*
 * Where signature timestamps come from. With TSA_URL set, the client posts
 * an RFC 3161 request there (application/timestamp-query) and takes the token
 * from the reply. Without it, the market's development TSA answers in
 * process: its ECDSA P-256 key and certificate (extendedKeyUsage
 * timeStamping, critical) are generated on first use into TSA_DEV_DIR
 * (default tmp/dev-tsa, git-ignored) and kept there; never in the
 * repository. In production the development TSA is refused unless
 * TSA_DEV_DIR is set on purpose.
 */
// @peculiar/x509 needs the decorator metadata polyfill loaded before it.
import 'reflect-metadata'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { join } from 'node:path'
import { randomBytes, webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { sha256 } from '#services/pades/cms'
import {
  DEV_TSA_POLICY,
  respondToTimestampRequest,
  timestampRequest,
  tokenFromResponse,
  type TimestampAuthority,
} from '#services/pades/timestamp'

const SUBJECT = 'CN=Intermediary Market Development TSA, O=Intermediary Market (development only)'
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const

export class DevelopmentTsaRefused extends Error {
  constructor() {
    super(
      'The development time-stamping authority is off in production: set TSA_URL (or TSA_DEV_DIR)'
    )
  }
}

/**
 * Where the development TSA keeps its key: TSA_DEV_DIR when set; else
 * tmp/dev-tsa outside production; in production without TSA_DEV_DIR, nowhere
 * (null: the development TSA refuses to run).
 */
export function developmentTsaDirFor(setting: {
  configured: string | undefined
  inProduction: boolean
  defaultDir: string
}): string | null {
  if (setting.configured) return setting.configured
  return setting.inProduction ? null : setting.defaultDir
}

/** The development TSA's folder here, or null when it must not run. */
export function developmentTsaDir(): string | null {
  return developmentTsaDirFor({
    configured: env.get('TSA_DEV_DIR'),
    inProduction: app.inProduction,
    defaultDir: app.makePath('tmp', 'dev-tsa'),
  })
}

async function loadOrCreate(dir: string, attempt = 0): Promise<TimestampAuthority> {
  const keyPath = join(dir, 'tsa-key.pk8')
  const certPath = join(dir, 'tsa-cert.pem')
  try {
    const [keyDer, pem] = await Promise.all([readFile(keyPath), readFile(certPath, 'utf8')])
    const privateKey = await webcrypto.subtle.importKey(
      'pkcs8',
      keyDer,
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign']
    )
    return {
      privateKey,
      certificates: [new Uint8Array(new x509.X509Certificate(pem).rawData)],
      policy: DEV_TSA_POLICY,
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  x509.cryptoProvider.set(webcrypto as unknown as Crypto)
  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair
  const now = new Date()
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(16).toString('hex').replace(/^./, '1'),
    name: SUBJECT,
    notBefore: now,
    notAfter: new Date(now.getTime() + 10 * 365 * 24 * 3600 * 1000),
    keys: keys as CryptoKeyPair,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true),
    ],
  })
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey))
  try {
    await writeFile(keyPath, pkcs8, { mode: 0o600, flag: 'wx' })
    await writeFile(certPath, certificate.toString('pem'), { flag: 'wx' })
  } catch (error) {
    // Another process (a second test run, the server beside the tests) is making it: theirs is the TSA.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 50) throw error
    await sleep(100)
    return loadOrCreate(dir, attempt + 1)
  }
  return {
    privateKey: keys.privateKey,
    certificates: [new Uint8Array(certificate.rawData)],
    policy: DEV_TSA_POLICY,
  }
}

let developmentTsa: Promise<TimestampAuthority> | null = null

/** The development TSA (created on first use); throws DevelopmentTsaRefused in production. */
export function developmentTimestampAuthority(): Promise<TimestampAuthority> {
  const dir = developmentTsaDir()
  if (!dir) return Promise.reject(new DevelopmentTsaRefused())
  developmentTsa ??= loadOrCreate(dir).catch((error) => {
    developmentTsa = null
    throw error
  })
  return developmentTsa
}

/** The development TSA's certificate (DER) if it exists here, for verifiers to trust. */
export async function developmentTsaCertificate(): Promise<Uint8Array | null> {
  const dir = developmentTsaDir()
  if (!dir) return null
  try {
    const pem = await readFile(join(dir, 'tsa-cert.pem'), 'utf8')
    return new Uint8Array(new x509.X509Certificate(pem).rawData)
  } catch {
    return null
  }
}

/** The development TSA's answer to a TimeStampReq (the POST /api/v1/pki/tsa body). */
export async function answerTimestampQuery(request: Uint8Array) {
  return respondToTimestampRequest(await developmentTimestampAuthority(), request, new Date())
}

const TSA_TIMEOUT_MS = 10_000

/** A signature time-stamp token over `signatureValue`, from TSA_URL or the development TSA. */
export async function requestTimestampToken(signatureValue: Uint8Array): Promise<Uint8Array> {
  const digest = sha256(signatureValue)
  const request = timestampRequest(digest)
  const url = env.get('TSA_URL')
  if (!url) return tokenFromResponse(await answerTimestampQuery(request), digest)
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query' },
    body: request,
    signal: AbortSignal.timeout(TSA_TIMEOUT_MS),
  })
  if (!response.ok) throw new Error(`The time-stamping authority answered ${response.status}`)
  return tokenFromResponse(new Uint8Array(await response.arrayBuffer()), digest)
}
