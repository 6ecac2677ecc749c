import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type User from '#models/user'
import StateConflictException from '#exceptions/state_conflict_exception'
import { refuse, type FieldProblem } from '#actions/projects/project_rules'
import { personIdHash } from '#services/person_identity'
import { recordAuditEvent } from '#services/audit_log'
import { sqlTime } from '#services/sql_time'
import { clock } from '#services/clock'
import { invalidateLists } from '#services/public_cache'

export type BanInput = {
  agencyId?: number
  personIdNumber?: string
  personName?: string
  reason: string
  legalBasis: string
  startsAt: Date
  endsAt?: Date | null
  /** The credit event that caused the ban: repairing or revoking it lifts the ban. */
  creditEventId?: number
}

/**
 * 禁入: a regulator bans an agency and/or a named person (found again under
 * any agency by the hash of the ID number) with its legal basis, from a day,
 * until a day or for good. Bans end by themselves; eligibility, listing and
 * signing check them. The ID number is hashed here and never stored.
 */
export async function imposeBan(input: BanInput, regulator: User) {
  const problems: FieldProblem[] = []
  if (!input.agencyId && !input.personIdNumber) {
    problems.push({ field: 'agencyId', rule: 'banTarget' })
  }
  if (input.endsAt && input.endsAt.getTime() <= input.startsAt.getTime()) {
    problems.push({ field: 'endsAt', rule: 'banEndsBeforeStart' })
  }
  if (input.personIdNumber && !input.personName) {
    problems.push({ field: 'personName', rule: 'banPersonName' })
  }
  let agencyName: string | null = null
  if (input.agencyId) {
    const agency = await db
      .from('organizations')
      .where('id', input.agencyId)
      .where('kind', 'agency')
      .select('name')
      .first()
    if (!agency) problems.push({ field: 'agencyId', rule: 'unknownAgency' })
    agencyName = agency?.name ?? null
  }
  if (input.creditEventId) {
    const event = await db
      .from('credit_events')
      .where('id', input.creditEventId)
      .where('status', 'valid')
      .select('organization_id')
      .first()
    if (!event || Number(event.organization_id) !== input.agencyId) {
      problems.push({ field: 'creditEventId', rule: 'banCreditEvent' })
    }
  }
  if (problems.length > 0) refuse(problems)

  return db.transaction(async (trx) => {
    const now = sqlTime(clock.now())
    const [id] = await trx
      .insertQuery()
      .table('bans')
      .insert({
        organization_id: input.agencyId ?? null,
        person_id_hash: input.personIdNumber ? personIdHash(input.personIdNumber) : null,
        person_name: input.personName ?? null,
        reason: input.reason,
        legal_basis: input.legalBasis,
        starts_at: sqlTime(input.startsAt),
        ends_at: input.endsAt ? sqlTime(input.endsAt) : null,
        credit_event_id: input.creditEventId ?? null,
        created_by_user_id: regulator.id,
        created_at: now,
        updated_at: now,
      })
    await recordAuditEvent(trx, {
      actor: regulator,
      action: 'ban.imposed',
      subjectType: 'ban',
      subjectId: Number(id),
      payload: {
        agencyId: input.agencyId ?? null,
        agencyName,
        personName: input.personName ?? null,
        reason: input.reason,
        legalBasis: input.legalBasis,
        startsAt: input.startsAt.toISOString(),
        endsAt: input.endsAt?.toISOString() ?? null,
        creditEventId: input.creditEventId ?? null,
      },
    })
    // The directory marks banned agencies (their own ban or a named manager's).
    await invalidateLists(['directory'], trx)
    return Number(id)
  })
}

/** Early lifting of a ban, with its reason (the ban stays on record). */
export async function liftBan(banId: number, reason: string, regulator: User) {
  return db.transaction(async (trx) => {
    const ban = await trx.from('bans').where('id', banId).forUpdate().first()
    if (!ban) throw new StateConflictException({ identifier: 'messages.bans.unknown' })
    if (ban.lifted_at)
      throw new StateConflictException({ identifier: 'messages.bans.alreadyLifted' })
    const now = DateTime.fromJSDate(clock.now())
    await trx
      .from('bans')
      .where('id', banId)
      .update({ lifted_at: sqlTime(now), lifted_reason: reason, updated_at: sqlTime(now) })
    await recordAuditEvent(trx, {
      actor: regulator,
      action: 'ban.lifted',
      subjectType: 'ban',
      subjectId: banId,
      payload: { reason },
    })
    await invalidateLists(['directory'], trx)
  })
}
