/*
 * An agency answers the events behind its score: a public reply (once), an
 * appeal (申诉) within the appeal window, or an application for credit repair
 * (信用修复, NDRC measures in force since 2026-04-01) once the information's
 * minimum publication period has passed, stating the correction with evidence
 * and a public credit commitment (信用承诺). A regulator decides within the
 * decision period — for a repair, a regulator of the body that recorded the
 * information (谁认定、谁修复). A granted appeal revokes the event; a granted
 * repair marks it repaired, which ends its publication, its points and the
 * bans it caused together, in the same transaction.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { SqlInteger } from '#services/sql_rows'
import { DateTime } from 'luxon'
import CreditAppeal, { type CreditAppealKind } from '#models/credit_appeal'
import CreditEvent from '#models/credit_event'
import type User from '#models/user'
import StateConflictException from '#exceptions/state_conflict_exception'
import { recordAuditEvent } from '#services/audit_log'
import { updateScore } from '#services/credit_ledger'
import { workingPeriodEnd } from '#services/calendar'
import { rulesInForce } from '#services/market_rules'
import { notify, regulatorOrganizationIds } from '#services/notifications'
import { clock } from '#services/clock'
import { repairRefusal } from '#domain/credit_repair'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import CreditAppealFile from '#models/credit_appeal_file'
import { storedFileColumns, withStoredUploads } from '#services/uploads'
import { sqlTime } from '#services/sql_time'
import { invalidateLists } from '#services/public_cache'
import { DISPLAY_ZONE } from '#domain/time_zone'
import RefusalException from '#exceptions/refusal_exception'

function now() {
  return DateTime.fromJSDate(clock.now())
}

/** The agency's public answer to an event, once. */
export async function replyToCreditEvent(event: CreditEvent, text: string, agency: User) {
  return db.transaction(async (trx) => {
    const locked = await CreditEvent.query({ client: trx })
      .where('id', event.id)
      .forUpdate()
      .firstOrFail()
    if (locked.reply !== null) {
      throw new StateConflictException({ identifier: 'messages.creditAppeals.alreadyReplied' })
    }
    locked.merge({ reply: text, repliedAt: now() })
    await locked.save()
    await recordAuditEvent(trx, {
      actor: agency,
      action: 'credit.event_replied',
      subjectType: 'organization',
      subjectId: locked.organizationId,
      payload: { creditEventId: locked.id, reply: text },
    })
    return locked
  })
}

/**
 * Files an appeal: possible only within the appeal window (working days from
 * the event), for a valid event that cost points, once; one pending
 * application per event at a time.
 */
export async function applyAgainstCreditEvent(
  event: CreditEvent,
  kind: Extract<CreditAppealKind, 'appeal'>,
  reason: string,
  agency: User
) {
  return db.transaction(async (trx) => {
    const locked = await CreditEvent.query({ client: trx })
      .where('id', event.id)
      .forUpdate()
      .firstOrFail()
    if (locked.status !== 'valid' || locked.points >= 0) {
      throw new StateConflictException({ identifier: 'messages.creditAppeals.notAppealable' })
    }
    const { rules } = await rulesInForce(clock.now(), trx)
    {
      const windowEnd = await workingPeriodEnd(
        locked.occurredAt.toJSDate(),
        rules.appealWindowWorkingDays,
        trx
      )
      if (clock.now() >= windowEnd) {
        throw new StateConflictException({
          identifier: 'messages.creditAppeals.windowClosed',
          data: { days: rules.appealWindowWorkingDays },
        })
      }
      const earlier = await trx
        .from('credit_appeals')
        .where('credit_event_id', locked.id)
        .where('kind', 'appeal')
        .first()
      if (earlier) {
        throw new StateConflictException({ identifier: 'messages.creditAppeals.alreadyAppealed' })
      }
    }
    const pending = await trx
      .from('credit_appeals')
      .where('credit_event_id', locked.id)
      .where('status', 'pending')
      .first()
    if (pending) {
      throw new StateConflictException({ identifier: 'messages.creditAppeals.pending' })
    }
    const appeal = await CreditAppeal.create(
      {
        creditEventId: locked.id,
        organizationId: locked.organizationId,
        kind,
        reason,
        status: 'pending',
        decisionDueAt: DateTime.fromJSDate(
          await workingPeriodEnd(clock.now(), rules.appealDecisionWorkingDays, trx)
        ),
        createdByUserId: agency.id,
      },
      { client: trx }
    )
    await recordAuditEvent(trx, {
      actor: agency,
      action: 'credit.appealed',
      subjectType: 'organization',
      subjectId: locked.organizationId,
      payload: { creditEventId: locked.id, appealId: appeal.id, reason },
    })
    await notify(trx, {
      organizationIds: await regulatorOrganizationIds(trx),
      kind: 'credit.appeal_filed',
      data: { deadline: appeal.decisionDueAt.toISO() },
    })
    return appeal
  })
}

/** A regulator grants or refuses an application, with the reason given to the agency. */
export async function decideCreditAppeal(
  appeal: CreditAppeal,
  decision: { granted: boolean; decision: string },
  regulator: User
) {
  return db.transaction(async (trx) => {
    const locked = await CreditAppeal.query({ client: trx })
      .where('id', appeal.id)
      .forUpdate()
      .firstOrFail()
    if (locked.status !== 'pending') {
      throw new StateConflictException({ identifier: 'messages.creditAppeals.decided' })
    }
    if (locked.kind === 'repair') await assertRecordingBody(locked, regulator, trx)
    locked.merge({
      status: decision.granted ? 'granted' : 'refused',
      decision: decision.decision,
      decidedByUserId: regulator.id,
      decidedAt: now(),
    })
    await locked.save()
    let score: number | null = null
    let liftedBans: number[] = []
    if (decision.granted) {
      await trx
        .from('credit_events')
        .where('id', locked.creditEventId)
        .update({ status: locked.kind === 'appeal' ? 'revoked' : 'repaired' })
      // A repaired (or revoked) event ends the punishment it caused, at once: its bans are lifted.
      liftedBans = await liftBansOfEvent(locked, regulator, trx)
      score = await updateScore(locked.organizationId, trx)
      await invalidateLists(['directory'], trx)
    }
    await recordAuditEvent(trx, {
      actor: regulator,
      action: 'credit.appeal_decided',
      subjectType: 'organization',
      subjectId: locked.organizationId,
      payload: {
        appealId: locked.id,
        kind: locked.kind,
        creditEventId: locked.creditEventId,
        granted: decision.granted,
        decision: decision.decision,
        score,
        liftedBans,
      },
    })
    await notify(trx, {
      organizationIds: [locked.organizationId],
      kind: 'credit.appeal_decided',
      data: { outcome: decision.granted ? 'granted' : 'refused', reason: decision.decision },
    })
    return locked
  })
}

/**
 * The tick: an application still pending past its decision limit is marked
 * overdue once, in the audit log, and every regulator is told.
 */
export async function markCreditAppealOverdue(appealId: number) {
  return db.transaction(async (trx) => {
    const appeal = await CreditAppeal.query({ client: trx })
      .where('id', appealId)
      .forUpdate()
      .first()
    const at = clock.now()
    if (
      !appeal ||
      appeal.status !== 'pending' ||
      appeal.overdueAt !== null ||
      appeal.decisionDueAt.toMillis() > at.getTime()
    ) {
      return false
    }
    appeal.overdueAt = DateTime.fromJSDate(at)
    await appeal.save()
    await recordAuditEvent(trx, {
      actor: null,
      action: 'credit.appeal_overdue',
      subjectType: 'organization',
      subjectId: appeal.organizationId,
      payload: { appealId: appeal.id, dueAt: appeal.decisionDueAt.toUTC().toISO() },
    })
    await notify(trx, {
      organizationIds: await regulatorOrganizationIds(trx),
      kind: 'credit.appeal_overdue',
      data: { deadline: appeal.decisionDueAt.toISO() },
    })
    return true
  })
}

/** The bans a credit event caused, lifted by the decision that repaired or revoked it. */
async function liftBansOfEvent(
  appeal: CreditAppeal,
  regulator: User,
  trx: TransactionClientContract
) {
  const at = sqlTime(clock.now())
  const bans: { id: SqlInteger }[] = await trx
    .from('bans')
    .where('credit_event_id', appeal.creditEventId)
    .whereNull('lifted_at')
    .where((where) => where.whereNull('ends_at').orWhere('ends_at', '>', at))
    .forUpdate()
    .select('id')
  const ids = bans.map((ban) => Number(ban.id))
  if (ids.length === 0) return ids
  const reason = appeal.kind === 'repair' ? '信用修复：失信信息已修复' : '申诉成立：失信信息已撤销'
  await trx
    .from('bans')
    .whereIn('id', ids)
    .update({ lifted_at: at, lifted_reason: reason, updated_at: at })
  for (const id of ids) {
    await recordAuditEvent(trx, {
      actor: regulator,
      action: 'ban.lifted',
      subjectType: 'ban',
      subjectId: id,
      payload: { reason, appealId: appeal.id, creditEventId: appeal.creditEventId },
    })
  }
  return ids
}

export type CreditRepairInput = {
  /** How the conduct was corrected and the obligations fulfilled. */
  correction: string
  /** The signed credit commitment (信用承诺), published on the agency's page. */
  commitment: string
  /** Evidence of the correction: scans checked by content in the validator. */
  files: MultipartFile[]
}

/**
 * 信用修复: the agency applies for the repair of a valid adverse event once
 * its minimum publication period has passed (refused before, naming the day
 * it becomes possible), stating the correction with evidence files and a
 * signed credit commitment; one pending application per event at a time.
 * The evidence is stored first and removed again if the transaction fails.
 */
export async function applyForCreditRepair(
  event: CreditEvent,
  input: CreditRepairInput,
  agency: User
) {
  return withStoredUploads(input.files, 'credit-repairs', (stored) =>
    db.transaction(async (trx) => {
      const locked = await CreditEvent.query({ client: trx })
        .where('id', event.id)
        .forUpdate()
        .firstOrFail()
      const refusal = repairRefusal(
        {
          status: locked.status,
          points: locked.points,
          repairableFrom: locked.repairableFrom?.toJSDate() ?? null,
        },
        clock.now()
      )
      if (refusal?.rule === 'notRepairable') {
        throw new StateConflictException({ identifier: 'messages.creditAppeals.notAppealable' })
      }
      if (refusal?.rule === 'tooEarly') {
        throw new StateConflictException({
          identifier: 'credit_repair.refusals.tooEarly',
          data: { date: DateTime.fromJSDate(refusal.from).setZone(DISPLAY_ZONE).toISODate() },
        })
      }
      const pending = await trx
        .from('credit_appeals')
        .where('credit_event_id', locked.id)
        .where('status', 'pending')
        .first()
      if (pending) {
        throw new StateConflictException({ identifier: 'messages.creditAppeals.pending' })
      }
      const { rules } = await rulesInForce(clock.now(), trx)
      const appeal = await CreditAppeal.create(
        {
          creditEventId: locked.id,
          organizationId: locked.organizationId,
          kind: 'repair',
          reason: input.correction,
          commitment: input.commitment,
          status: 'pending',
          decisionDueAt: DateTime.fromJSDate(
            await workingPeriodEnd(clock.now(), rules.repairDecisionWorkingDays, trx)
          ),
          createdByUserId: agency.id,
        },
        { client: trx }
      )
      for (const file of stored) {
        await CreditAppealFile.create(
          { creditAppealId: appeal.id, ...storedFileColumns(file) },
          { client: trx }
        )
      }
      await recordAuditEvent(trx, {
        actor: agency,
        action: 'credit.repair_requested',
        subjectType: 'organization',
        subjectId: locked.organizationId,
        payload: {
          creditEventId: locked.id,
          appealId: appeal.id,
          correction: input.correction,
          commitment: input.commitment,
          files: stored.map((file) => ({ name: file.name, mime: file.mime, size: file.size })),
        },
      })
      await notify(trx, {
        organizationIds: await regulatorOrganizationIds(trx),
        kind: 'credit.appeal_filed',
        data: { deadline: appeal.decisionDueAt.toISO() },
      })
      return appeal
    })
  )
}

/**
 * 谁认定、谁修复: information a regulator recorded is repaired by a regulator
 * of the same body; information the market recorded itself (a refused
 * contract, an overdue service, a rating…) by any regulator of the market.
 */
async function assertRecordingBody(
  appeal: CreditAppeal,
  regulator: User,
  trx: TransactionClientContract
) {
  const recorder = await trx
    .from('credit_events as e')
    .join('users as u', 'u.id', 'e.recorded_by_user_id')
    .where('e.id', appeal.creditEventId)
    .where('u.role', 'regulator')
    .select('u.organization_id')
    .first()
  if (recorder && Number(recorder.organization_id) !== regulator.organizationId) {
    throw new RefusalException(403, 'E_NOT_RECORDING_BODY', {
      identifier: 'credit_repair.refusals.notRecordingBody',
    })
  }
}
