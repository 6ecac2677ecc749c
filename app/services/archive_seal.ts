/*
 * The market's archive seal: the ECDSA P-256 key that signs the manifests of
 * sealed project archives (#domain/project_archive). The operator gives its
 * PEM file with ARCHIVE_SEAL_KEY_FILE; production refuses to start without
 * one (start/archive_seal.ts). In development and tests a key is generated on
 * first use into tmp/seal/ (git-ignored) and kept there. The public key is
 * published at GET /api/v1/pki/archive-seal.pem.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { sha256Hex } from '#domain/project_archive'

export type ArchiveSeal = {
  privateKey: KeyObject
  publicKey: KeyObject
  publicPem: string
  keyId: string
}

let loaded: ArchiveSeal | null = null

/** Where the development key lives when the operator configured none. */
export function developmentKeyPath() {
  return app.makePath('tmp', 'seal', 'archive-seal.key.pem')
}

/** Why the seal cannot be loaded in this environment, or null. */
export function sealKeyProblem(): string | null {
  return sealKeyProblemOf(env.get('ARCHIVE_SEAL_KEY_FILE'), existsSync, app.inProduction)
}

/** Why a seal configured so cannot be loaded: a missing file, or no file at all in production. */
export function sealKeyProblemOf(
  file: string | undefined,
  exists: (path: string) => boolean,
  production: boolean
): string | null {
  if (file) return exists(file) ? null : `ARCHIVE_SEAL_KEY_FILE points to a missing file: ${file}`
  return production
    ? 'ARCHIVE_SEAL_KEY_FILE is not set: sealed project archives cannot be signed. Generate an ECDSA P-256 key (openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out seal.key.pem) and point ARCHIVE_SEAL_KEY_FILE at it.'
    : null
}

function keyFile() {
  const problem = sealKeyProblem()
  if (problem) throw new Error(problem)
  const configured = env.get('ARCHIVE_SEAL_KEY_FILE')
  if (configured) return configured
  const path = developmentKeyPath()
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true })
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    try {
      writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
        mode: 0o600,
        flag: 'wx',
      })
    } catch (error) {
      // Another process (the server beside the tests) made it first: that one is the key.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  return path
}

/** The seal (loaded once). */
export function archiveSeal(): ArchiveSeal {
  if (loaded) return loaded
  const privateKey = createPrivateKey(readFileSync(keyFile()))
  if (
    privateKey.asymmetricKeyType !== 'ec' ||
    privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1'
  ) {
    throw new Error('The archive seal key must be an ECDSA P-256 (prime256v1) private key')
  }
  const publicKey = createPublicKey(privateKey)
  const der = publicKey.export({ type: 'spki', format: 'der' })
  loaded = {
    privateKey,
    publicKey,
    publicPem: String(publicKey.export({ type: 'spki', format: 'pem' })),
    keyId: sha256Hex(der).slice(0, 16),
  }
  return loaded
}
