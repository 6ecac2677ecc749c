/*
 * An organisation's signatories (签署人) designate others among its users —
 * as 法定代表人 or 授权代表, each with the authorisation document — and
 * revoke them; revoking a signatory revokes the certificates of their keys
 * at once (affiliation changed). One transaction each, with the audit log.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import { DateTime } from 'luxon'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type User from '#models/user'
import Organization from '#models/organization'
import Signatory from '#models/signatory'
import SigningCertificate from '#models/signing_certificate'
import StateConflictException from '#exceptions/state_conflict_exception'
import { refuseInput } from '#exceptions/invalid_input_exception'
import { currentSignatories, type DesignatedCapacity } from '#domain/signatories'
import { recordAuditEvent } from '#services/audit_log'
import { clock } from '#services/clock'
import { storeUpload } from '#services/uploads'
import { registrantOf, signatoryRows, standingOf } from '#queries/signatories'
import { notSignatory } from '#actions/signing/signing_keys'

async function lockOrganization(actor: User, trx: Parameters<typeof standingOf>[1]) {
  return Organization.query({ client: trx })
    .where('id', actor.organizationId)
    .forUpdate()
    .firstOrFail()
}

/** The organisation's signatories in force, read inside the transaction. */
async function signatoriesNow(organizationId: number, trx: Parameters<typeof standingOf>[1]) {
  const [registrant, rows] = await Promise.all([
    registrantOf(organizationId, trx),
    signatoryRows(organizationId, trx),
  ])
  const current = currentSignatories(
    registrant,
    rows.map((row) => ({
      userId: row.userId,
      capacity: row.capacity,
      revokedAt: row.revokedAt?.toJSDate() ?? null,
    }))
  )
  return { current, rows }
}

/**
 * A current signatory designates a user of their organisation. Refusals: the
 * actor is not a signatory (403); the user is not one of the organisation's
 * or is a signatory already (422). The document was checked by content in
 * the validator; it is stored before the transaction and removed again if
 * the designation is refused.
 */
export async function designateSignatory(
  actor: User,
  input: { userId: number; capacity: DesignatedCapacity; document: MultipartFile }
) {
  // The document's fingerprint goes to the audit log, which then vouches for the file.
  const documentSha256 = createHash('sha256')
    .update(await readFile(input.document.tmpPath!))
    .digest('hex')
  const stored = await storeUpload(input.document, 'signatory-documents')
  try {
    return await db.transaction(async (trx) => {
      const organization = await lockOrganization(actor, trx)
      if (!(await standingOf(actor, trx))) throw notSignatory()
      const designee = await trx
        .from('users')
        .where('id', input.userId)
        .where('organization_id', organization.id)
        .whereIn('role', ['owner', 'agency'])
        .first()
      if (!designee) {
        refuseInput([
          { field: 'userId', rule: 'notMember', identifier: 'signing.refusals.notMember' },
        ])
      }
      const { current } = await signatoriesNow(organization.id, trx)
      if (current.some((signatory) => signatory.userId === input.userId)) {
        refuseInput([
          {
            field: 'userId',
            rule: 'alreadySignatory',
            identifier: 'signing.refusals.alreadySignatory',
          },
        ])
      }
      const designation = await Signatory.create(
        {
          organizationId: organization.id,
          userId: input.userId,
          capacity: input.capacity,
          documentKey: stored.key,
          documentName: stored.name,
          documentMime: stored.mime,
          documentSize: stored.size,
          designatedByUserId: actor.id,
          designatedAt: DateTime.fromJSDate(clock.now()),
        },
        { client: trx }
      )
      await recordAuditEvent(trx, {
        actor,
        action: 'signatory.designated',
        subjectType: 'signatory',
        subjectId: designation.id,
        payload: {
          organizationId: organization.id,
          userId: input.userId,
          capacity: input.capacity,
          documentSha256,
          documentName: stored.name,
        },
      })
      return designation
    })
  } catch (error) {
    await drive.use().delete(stored.key)
    throw error
  }
}

/**
 * A current signatory revokes a signatory of their organisation (themselves
 * included), with a reason; every certificate of that person's keys for the
 * organisation is revoked with them. Refusals: the actor is not a signatory
 * (403); the user is not a current signatory (null: not found); the last
 * signatory cannot be revoked, or nobody could designate another (409).
 */
export async function revokeSignatory(actor: User, userId: number, reason: string) {
  return db.transaction(async (trx) => {
    const organization = await lockOrganization(actor, trx)
    if (!(await standingOf(actor, trx))) throw notSignatory()
    const { current, rows } = await signatoriesNow(organization.id, trx)
    const target = current.find((signatory) => signatory.userId === userId)
    if (!target) return null
    if (current.length === 1) {
      throw new StateConflictException({ identifier: 'signing.refusals.lastSignatory' })
    }
    const now = DateTime.fromJSDate(clock.now())
    const revocation = { revokedAt: now, revokedByUserId: actor.id, revocationReason: reason }
    let designation: Signatory
    if (target.implicit) {
      // The registrant had no row: one records their revocation for good.
      designation = await Signatory.create(
        {
          organizationId: organization.id,
          userId,
          capacity: 'registrant',
          designatedByUserId: null,
          designatedAt: now,
          ...revocation,
        },
        { client: trx }
      )
    } else {
      designation = rows.findLast((row) => row.userId === userId && row.revokedAt === null)!
      designation.useTransaction(trx)
      designation.merge(revocation)
      await designation.save()
    }
    const certificates = await SigningCertificate.query({ client: trx })
      .where('user_id', userId)
      .where('organization_id', organization.id)
      .whereNull('revoked_at')
      .forUpdate()
    for (const certificate of certificates) {
      certificate.merge({ revokedAt: now, revocationReason: 'affiliation_changed' })
      await certificate.save()
    }
    await recordAuditEvent(trx, {
      actor,
      action: 'signatory.revoked',
      subjectType: 'signatory',
      subjectId: designation.id,
      payload: {
        organizationId: organization.id,
        userId,
        capacity: target.capacity,
        reason,
        revokedCertificates: certificates.map((certificate) => certificate.serialNumber),
      },
    })
    return { designation, revokedCertificates: certificates.length }
  })
}
