/*
 * Filing a complaint (投诉举报): from a signed-in owner or agency, from the
 * public with an optional contact, or anonymously. Every complaint gets an
 * unguessable tracking code, shown once; its response limit and reminder are
 * fixed at filing from the rules in force and the working-day calendar.
 */
import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import Complaint from '#models/complaint'
import ComplaintFile from '#models/complaint_file'
import type User from '#models/user'
import {
  complainantKindOf,
  complaintSchedule,
  scheduleWindowEnd,
  trackingCodeHash,
  type ComplaintCategory,
} from '#domain/complaints'
import { DISPLAY_ZONE } from '#domain/time_zone'
import { refuseComplaintInput, type ComplaintInputProblem } from '#validators/complaint'
import { recordAuditEvent } from '#services/audit_log'
import { calendarExceptions } from '#services/calendar'
import { rulesInForce } from '#services/market_rules'
import { notify, regulatorOrganizationIds } from '#services/notifications'
import { storedFileColumns, withStoredUploads } from '#services/uploads'
import { clock } from '#services/clock'

export type ComplaintInput = {
  category: ComplaintCategory
  text: string
  agencyId?: number
  ownerId?: number
  projectId?: number
  anonymous?: boolean
  contactName?: string
  contactPhone?: string
  contactEmail?: string
  files?: MultipartFile[]
}

/** The optional links must name an agency, an owner and a published project that exist. */
async function checkSubjects(input: ComplaintInput) {
  const problems: ComplaintInputProblem[] = []
  const organizationOfKind = (id: number, kind: 'agency' | 'owner') =>
    db.from('organizations').where('id', id).where('kind', kind).first()
  if (input.agencyId && !(await organizationOfKind(input.agencyId, 'agency'))) {
    problems.push({ field: 'agencyId', rule: 'unknownAgency' })
  }
  if (input.ownerId && !(await organizationOfKind(input.ownerId, 'owner'))) {
    problems.push({ field: 'ownerId', rule: 'unknownOwner' })
  }
  if (
    input.projectId &&
    !(await db.from('projects').where('id', input.projectId).whereNot('status', 'draft').first())
  ) {
    problems.push({ field: 'projectId', rule: 'unknownProject' })
  }
  if (problems.length > 0) refuseComplaintInput(problems)
}

/**
 * Files the complaint and returns it with its tracking code (18 random bytes,
 * URL-safe: 24 characters). Only the code's SHA-256 is stored. Evidence files
 * are stored first and removed again if the transaction fails.
 */
export async function fileComplaint(input: ComplaintInput, user: User | null) {
  await checkSubjects(input)
  const trackingCode = randomBytes(18).toString('base64url')
  const anonymous = input.anonymous === true
  // Contact data only from a visitor who gave it: a signed-in complainant is reached through the account.
  const keepsContact = !anonymous && user === null
  const contact = {
    name: (keepsContact && input.contactName) || null,
    phone: (keepsContact && input.contactPhone) || null,
    email: (keepsContact && input.contactEmail) || null,
  }
  const complainantKind = complainantKindOf({
    signedIn: user !== null,
    anonymous,
    hasContact: Boolean(contact.name || contact.phone || contact.email),
  })

  return withStoredUploads(input.files, 'complaints', async (stored) => {
    const complaint = await db.transaction(async (trx) => {
      const filedAt = clock.now()
      const { version, rules } = await rulesInForce(filedAt, trx)
      const filedDay = DateTime.fromJSDate(filedAt).setZone(DISPLAY_ZONE).toISODate()!
      const exceptions = await calendarExceptions(filedDay, scheduleWindowEnd(filedAt, rules), trx)
      const { dueAt, remindAt } = complaintSchedule(filedAt, rules, exceptions)
      const created = await Complaint.create(
        {
          state: 'filed',
          category: input.category,
          text: input.text,
          agencyOrganizationId: input.agencyId ?? null,
          ownerOrganizationId: input.ownerId ?? null,
          projectId: input.projectId ?? null,
          complainantKind,
          complainantUserId: complainantKind === 'user' ? user!.id : null,
          complainantOrganizationId: complainantKind === 'user' ? user!.organizationId : null,
          contactName: contact.name,
          contactPhone: contact.phone,
          contactEmail: contact.email,
          trackingCodeHash: trackingCodeHash(trackingCode),
          ruleVersion: version,
          filedAt: DateTime.fromJSDate(filedAt),
          dueAt: DateTime.fromJSDate(dueAt),
          remindAt: remindAt ? DateTime.fromJSDate(remindAt) : null,
          outcomePublic: false,
        },
        { client: trx }
      )
      for (const file of stored) {
        await ComplaintFile.create(
          { complaintId: created.id, ...storedFileColumns(file) },
          { client: trx }
        )
      }
      // The chained audit log is kept for ever: no text and no contact data of the complainant.
      await recordAuditEvent(trx, {
        actor: complainantKind === 'user' ? user : null,
        action: 'complaint.filed',
        subjectType: 'complaint',
        subjectId: created.id,
        payload: {
          category: created.category,
          complainantKind,
          agencyId: created.agencyOrganizationId,
          ownerId: created.ownerOrganizationId,
          projectId: created.projectId,
          files: stored.length,
          dueAt: dueAt.toISOString(),
          ruleVersion: version,
        },
      })
      await notify(trx, {
        organizationIds: await regulatorOrganizationIds(trx),
        kind: 'complaint.filed',
        data: {
          number: String(created.id),
          category: created.category,
          deadline: dueAt.toISOString(),
        },
      })
      return created
    })
    return { complaint, trackingCode }
  })
}
