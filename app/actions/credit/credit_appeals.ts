/*
 * An agency answers the events behind its score: a public reply (once), an
 * appeal (申诉) within the appeal window, or an application for credit repair
 * (信用修复) after correcting. A regulator decides within the decision
 * period; a granted appeal revokes the event, a granted repair marks it
 * repaired, and the score is recomputed at once.
 */
import db from '@adonisjs/lucid/services/db'
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
 * Files an appeal or a repair application. An appeal is possible only within
 * the appeal window (working days from the event), a repair only for a valid
 * event that cost points; one pending application per event at a time.
 */
export async function applyAgainstCreditEvent(
  event: CreditEvent,
  kind: CreditAppealKind,
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
    if (kind === 'appeal') {
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
      action: kind === 'appeal' ? 'credit.appealed' : 'credit.repair_requested',
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
    locked.merge({
      status: decision.granted ? 'granted' : 'refused',
      decision: decision.decision,
      decidedByUserId: regulator.id,
      decidedAt: now(),
    })
    await locked.save()
    let score: number | null = null
    if (decision.granted) {
      await trx
        .from('credit_events')
        .where('id', locked.creditEventId)
        .update({ status: locked.kind === 'appeal' ? 'revoked' : 'repaired' })
      score = await updateScore(locked.organizationId, trx)
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
