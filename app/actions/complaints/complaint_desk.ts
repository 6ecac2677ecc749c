/*
 * The regulator's complaint desk: assign a complaint to a regulator user,
 * then answer it — upheld (查实) or rejected, with a decision and whether the
 * outcome is published. An upheld complaint about an agency may become a
 * credit event in the same transaction. Each verb locks the row, re-checks
 * the state against the transition table (409 otherwise) and writes the
 * audit log; notifications leave after commit.
 */
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Complaint from '#models/complaint'
import User from '#models/user'
import StateConflictException from '#exceptions/state_conflict_exception'
import { nextComplaintState, type ComplaintTransition } from '#domain/complaints'
import { refuseComplaintInput } from '#validators/complaint'
import { recordAuditEvent } from '#services/audit_log'
import { recordCreditEvent } from '#services/credit_ledger'
import { notify } from '#services/notifications'
import { clock } from '#services/clock'

/** Locks the complaint and checks the transition is allowed from its current state, or 409. */
export async function lockComplaintFor(
  complaintId: number,
  transition: ComplaintTransition,
  trx: TransactionClientContract
) {
  const complaint = await Complaint.query({ client: trx })
    .where('id', complaintId)
    .forUpdate()
    .firstOrFail()
  const to = nextComplaintState(complaint.state, transition)
  if (!to) {
    throw new StateConflictException({
      identifier: `complaints.conflict.${transition}`,
      data: { state: complaint.state },
    })
  }
  return { complaint, to }
}

/** A regulator hands the complaint to a regulator user (again, to re-assign it). */
export async function assignComplaint(
  complaint: Complaint,
  assigneeUserId: number,
  regulator: User
) {
  const assignee = await User.query().where('id', assigneeUserId).where('role', 'regulator').first()
  if (!assignee) refuseComplaintInput([{ field: 'userId', rule: 'assigneeNotRegulator' }])
  return db.transaction(async (trx) => {
    const { complaint: locked, to } = await lockComplaintFor(complaint.id, 'assign', trx)
    const previousAssigneeId = locked.assigneeUserId
    locked.merge({
      state: to,
      assigneeUserId: assignee.id,
      assignedByUserId: regulator.id,
      assignedAt: DateTime.fromJSDate(clock.now()),
    })
    await locked.save()
    await recordAuditEvent(trx, {
      actor: regulator,
      action: 'complaint.assigned',
      subjectType: 'complaint',
      subjectId: locked.id,
      payload: { assigneeUserId: assignee.id, previousAssigneeUserId: previousAssigneeId },
    })
    await notify(trx, {
      organizationIds: [assignee.organizationId],
      kind: 'complaint.assigned',
      data: {
        number: String(locked.id),
        category: locked.category,
        deadline: locked.dueAt.toUTC().toISO(),
      },
    })
    return locked
  })
}

export type ComplaintAnswer = {
  upheld: boolean
  decision: string
  public: boolean
  creditEvent?: boolean
  creditPoints?: number
}

/**
 * Answers the complaint once. A credit event (`upheld_complaint`, the
 * complaint as evidence) is recorded when asked for — only for an upheld
 * complaint about an agency (422 otherwise) — at the rule table's points, or
 * at `creditPoints` when the regulator sets them.
 */
export async function answerComplaint(
  complaint: Complaint,
  answer: ComplaintAnswer,
  regulator: User
) {
  return db.transaction(async (trx) => {
    const { complaint: locked, to } = await lockComplaintFor(complaint.id, 'answer', trx)
    const wantsCredit = answer.creditEvent === true || answer.creditPoints !== undefined
    if (wantsCredit && !answer.upheld) {
      refuseComplaintInput([{ field: 'creditEvent', rule: 'creditNeedsUpheld' }])
    }
    if (wantsCredit && locked.agencyOrganizationId === null) {
      refuseComplaintInput([{ field: 'creditEvent', rule: 'creditNeedsAgency' }])
    }
    locked.merge({
      state: to,
      outcome: answer.upheld ? 'upheld' : 'rejected',
      decision: answer.decision,
      outcomePublic: answer.public,
      answeredByUserId: regulator.id,
      answeredAt: DateTime.fromJSDate(clock.now()),
    })
    await locked.save()

    const credit = wantsCredit
      ? await recordCreditEvent(trx, {
          organizationId: locked.agencyOrganizationId!,
          type: 'upheld_complaint',
          reason: answer.decision,
          points: answer.creditPoints,
          evidence: { type: 'complaint', id: locked.id },
          actor: regulator,
        })
      : null
    if (credit) {
      locked.creditEventId = credit.id
      await locked.save()
    }
    await recordAuditEvent(trx, {
      actor: regulator,
      action: 'complaint.answered',
      subjectType: 'complaint',
      subjectId: locked.id,
      payload: {
        outcome: locked.outcome,
        decision: answer.decision,
        public: answer.public,
        creditEventId: credit?.id ?? null,
        creditPoints: credit?.points ?? null,
        overdue: locked.overdueAt !== null,
      },
    })
    // The complainant's organisation hears the answer; the subjects hear of an upheld complaint.
    const subjects = answer.upheld ? [locked.agencyOrganizationId, locked.ownerOrganizationId] : []
    await notify(trx, {
      organizationIds: [locked.complainantOrganizationId, ...subjects].filter(
        (id): id is number => id !== null
      ),
      kind: 'complaint.answered',
      data: { number: String(locked.id), outcome: locked.outcome },
    })
    return { complaint: locked, credit }
  })
}
