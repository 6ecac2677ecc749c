/*
 * 可靠电子签名 over the contract PDF (电子签名法 Art. 13). The signer's key
 * never reaches the market: the market prepares the PDF with the signer's
 * certificate and a signing time (#services/pades/contract_signing) and
 * hands out the bytes to sign; the signer's key (a browser's unextractable
 * WebCrypto key, an API client's own key) signs them; the market checks the
 * signature against the certificate, embeds it with a timestamp from the
 * time-stamping authority (PAdES B-T) and records the signature with the
 * signed file. The first party signs the rendered contract of record; the
 * second signs the file the first produced, so its signature covers both.
 *
 * What was prepared is kept (contract_signing_requests) and prepared again
 * from it when the signature comes: the revision, the text hash and the file
 * signed so far must still be those of the request (409 otherwise).
 */
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import { DateTime } from 'luxon'
import { randomUUID } from 'node:crypto'
import type Contract from '#models/contract'
import ContractDocument from '#models/contract_document'
import ContractSigningRequest from '#models/contract_signing_request'
import SigningCertificate from '#models/signing_certificate'
import type User from '#models/user'
import RefusalException from '#exceptions/refusal_exception'
import StateConflictException from '#exceptions/state_conflict_exception'
import { refuseInput } from '#exceptions/invalid_input_exception'
import {
  currentSignatories,
  lockContractForSigning,
  recordSignature,
  refuseBarredSigner,
} from '#actions/contracts/contract_lifecycle'
import { contractOfRecord } from '#queries/contract_of_record'
import { currentContractPdf } from '#queries/contract_documents'
import {
  completeContractSignature,
  prepareContractSignature,
} from '#services/pades/contract_signing'
import { sha256, verifyEcdsa, ecdsaSignatureDer } from '#services/pades/cms'
import { signingScheme, type SigningSchemeId } from '#services/pki/signing_schemes'
import { marketCa } from '#services/pki/market_ca'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'

/** How long a prepared signature may wait for its signer. */
export const SIGNING_REQUEST_TTL_MS = 30 * 60_000

export const SIGNING_ALGORITHM_NAME = 'ECDSA-P256-SHA256'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

function refuseField(field: string, rule: string, data?: Record<string, unknown>): never {
  refuseInput([{ field, rule, identifier: `signing.refusals.${rule}`, data }])
}

/**
 * The signer's certificate for a signature now: theirs, for their
 * organisation, current and not revoked (422 at `certificateSerial`
 * otherwise). Without a serial, their newest certificate in force.
 */
async function signerCertificate(signer: User, serial: string | undefined) {
  const now = clock.now()
  const row = serial
    ? await SigningCertificate.query().where('serial_number', serial.toLowerCase()).first()
    : await SigningCertificate.query()
        .where('user_id', signer.id)
        .where('organization_id', signer.organizationId)
        .whereNull('revoked_at')
        .where('not_after', '>', sqlTime(now))
        .orderBy('id', 'desc')
        .first()
  if (!row) refuseField('certificateSerial', serial ? 'unknownCertificate' : 'noSigningKey')
  if (row.userId !== signer.id || row.organizationId !== signer.organizationId) {
    refuseField('certificateSerial', 'foreignCertificate')
  }
  const scheme = signingScheme(row.scheme as SigningSchemeId)
  const status = await scheme.revocationStatus(row.serialNumber, now)
  if (status.status !== 'good') refuseField('certificateSerial', 'certificateRevoked')
  if (row.notBefore.toMillis() > now.getTime() || row.notAfter.toMillis() <= now.getTime()) {
    refuseField('certificateSerial', 'certificateExpired')
  }
  return row
}

/** The checks before preparing or completing: the party may sign and has not signed this revision. */
async function refuseUnableSigner(contract: Contract, signer: User) {
  await refuseBarredSigner(contract, signer)
  const signed = await currentSignatories(contract, db.connection())
  if (signed.includes(signer.organizationId)) {
    throw new StateConflictException({ identifier: 'messages.contracts.alreadySigned' })
  }
}

/**
 * GET …/signing-request: prepares the signer's signature over the current
 * file and returns what their key signs (the DER SET of the CMS signed
 * attributes), with the revision and text hash it belongs to.
 */
export async function contractSigningRequest(
  contract: Contract,
  signer: User,
  input: { certificateSerial?: string }
) {
  await refuseUnableSigner(contract, signer)
  const certificate = await signerCertificate(signer, input.certificateSerial)
  const record = await contractOfRecord(contract)
  const { bytes } = await currentContractPdf(contract)
  // Whole seconds: the PDF's /M keeps no more, and the signature is prepared again from it.
  const signingTime = new Date(Math.floor(clock.now().getTime() / 1000) * 1000)
  const prepared = await prepareContractSignature(
    { record, signedSoFar: bytes },
    certificate.certificatePem,
    signingTime
  )
  const request = await ContractSigningRequest.create({
    contractId: contract.id,
    revision: contract.revision,
    userId: signer.id,
    certificateSerial: certificate.serialNumber,
    baseHash: hex(sha256(bytes)),
    signingTime: DateTime.fromJSDate(signingTime),
    toBeSignedHash: hex(sha256(prepared.toBeSigned)),
    createdAt: DateTime.fromJSDate(clock.now()),
  })
  return {
    revision: contract.revision,
    textSha256: record.textSha256,
    algorithm: SIGNING_ALGORITHM_NAME,
    toBeSignedBase64: Buffer.from(prepared.toBeSigned).toString('base64'),
    certificateSerial: certificate.serialNumber,
    signingTime,
    expiresAt: new Date(request.createdAt.toMillis() + SIGNING_REQUEST_TTL_MS),
  }
}

export type PdfSignatureInput = {
  revision: number
  textSha256: string
  certificateSerial: string
  signatureBase64: string
}

/** r‖s (WebCrypto, 64 octets) or DER; anything else cannot be an ECDSA P-256 signature. */
function signatureBytes(base64: string) {
  try {
    return ecdsaSignatureDer(new Uint8Array(Buffer.from(base64, 'base64')))
  } catch {
    refuseField('signatureBase64', 'signatureMalformed')
  }
}

/**
 * POST …/signatures: the signer's signature over what the signing request
 * handed out. The signature must verify with the certificate (422), the
 * contract must still be at the revision and text hash shown (409
 * E_REVISION_CHANGED) and the file signed so far unchanged (409
 * E_SIGNING_REQUEST_STALE: the other party signed meanwhile; ask again).
 * The signed file is stored, then the signature recorded under the
 * contract's row lock; a refusal there removes the file again.
 */
export async function signContractPdf(
  contract: Contract,
  signer: User,
  input: PdfSignatureInput,
  context: { ip: string; userAgent: string | null }
) {
  await refuseUnableSigner(contract, signer)
  const certificate = await signerCertificate(signer, input.certificateSerial)
  const signature = signatureBytes(input.signatureBase64)
  const record = await contractOfRecord(contract)
  if (input.revision !== contract.revision || input.textSha256 !== record.textSha256) {
    // The same answer as under the lock, before any work.
    await db.transaction((trx) => lockContractForSigning(contract.id, input, trx))
  }
  const request = await ContractSigningRequest.query()
    .where('contract_id', contract.id)
    .where('user_id', signer.id)
    .where('certificate_serial', certificate.serialNumber)
    .where('revision', input.revision)
    .where('created_at', '>', sqlTime(new Date(clock.now().getTime() - SIGNING_REQUEST_TTL_MS)))
    .orderBy('id', 'desc')
    .first()
  if (!request) throw staleRequest()
  const { bytes, document } = await currentContractPdf(contract)
  if (hex(sha256(bytes)) !== request.baseHash) throw staleRequest()
  const prepared = await prepareContractSignature(
    { record, signedSoFar: bytes },
    certificate.certificatePem,
    request.signingTime.toJSDate()
  )
  if (hex(sha256(prepared.toBeSigned)) !== request.toBeSignedHash) throw staleRequest()
  if (!(await verifyEcdsa(prepared.signerCertificate, signature, prepared.toBeSigned))) {
    refuseField('signatureBase64', 'signatureInvalid')
  }
  const ca = await marketCa()
  const signed = await completeContractSignature(prepared, signature, [
    certificate.certificatePem,
    ca.pem,
  ])
  const signatureCount = (document?.signatureCount ?? 0) + 1
  const fileKey = `contracts/${contract.id}/r${contract.revision}-s${signatureCount}-${randomUUID()}.pdf`
  await drive.use().put(fileKey, Buffer.from(signed))
  try {
    return await db.transaction(async (trx) => {
      const { locked, sha256: textSha256 } = await lockContractForSigning(contract.id, input, trx)
      const newest = await ContractDocument.query({ client: trx })
        .where('contract_id', locked.id)
        .where('revision', locked.revision)
        .orderBy('signature_count', 'desc')
        .first()
      if ((newest?.id ?? null) !== (document?.id ?? null)) throw staleRequest()
      const stored = await ContractDocument.create(
        {
          contractId: locked.id,
          revision: locked.revision,
          signatureCount,
          fileKey,
          fileHash: hex(sha256(signed)),
          sizeBytes: signed.length,
          createdAt: DateTime.fromJSDate(clock.now()),
        },
        { client: trx }
      )
      const recorded = await recordSignature(trx, locked, textSha256, signer, {
        level: 'reliable',
        certificateSerial: certificate.serialNumber,
        documentId: stored.id,
        ip: context.ip,
        userAgent: context.userAgent,
      })
      await trx.from('contract_signing_requests').where('id', request.id).delete()
      return { contract: locked, signature: recorded, document: stored }
    })
  } catch (error) {
    await drive
      .use()
      .delete(fileKey)
      .catch(() => undefined)
    throw error
  }
}

function staleRequest() {
  return new RefusalException(
    409,
    'E_SIGNING_REQUEST_STALE',
    { identifier: 'signing.refusals.requestStale' },
    'The document changed since the signing request: ask for a new one'
  )
}
