/*
 * The response limit of complaints, kept by the market tick: a reminder to
 * the assignee before the limit, and — when the limit passes without an
 * answer — the overdue mark, once, escalated to every regulator
 * organisation. Each step locks the complaint and re-checks inside the
 * transaction, so ticks on several instances do it exactly once.
 */
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Complaint from '#models/complaint'
import User from '#models/user'
import { dueComplaintStep } from '#domain/complaints'
import { recordAuditEvent } from '#services/audit_log'
import { notify, regulatorOrganizationIds } from '#services/notifications'
import { clock } from '#services/clock'

async function lockOpenComplaint(complaintId: number, trx: TransactionClientContract) {
  const complaint = await Complaint.query({ client: trx })
    .where('id', complaintId)
    .forUpdate()
    .first()
  if (!complaint) return null
  const step = dueComplaintStep(
    {
      state: complaint.state,
      dueAt: complaint.dueAt.toJSDate(),
      remindAt: complaint.remindAt?.toJSDate() ?? null,
      remindedAt: complaint.remindedAt?.toJSDate() ?? null,
      overdueAt: complaint.overdueAt?.toJSDate() ?? null,
    },
    clock.now()
  )
  return { complaint, step }
}

async function assigneeOrganizationIds(complaint: Complaint, trx: TransactionClientContract) {
  if (complaint.assigneeUserId === null) return []
  const assignee = await User.query({ client: trx })
    .where('id', complaint.assigneeUserId)
    .firstOrFail()
  return [assignee.organizationId]
}

function noticeData(complaint: Complaint) {
  return {
    number: String(complaint.id),
    category: complaint.category,
    deadline: complaint.dueAt.toUTC().toISO(),
  }
}

/** One working day (the rule) before the limit: the assignee — or, unassigned, every regulator — is reminded. */
export async function remindComplaint(complaintId: number) {
  return db.transaction(async (trx) => {
    const locked = await lockOpenComplaint(complaintId, trx)
    if (!locked || locked.step !== 'reminder') return false
    const { complaint } = locked
    complaint.remindedAt = DateTime.fromJSDate(clock.now())
    await complaint.save()
    await recordAuditEvent(trx, {
      actor: null,
      action: 'complaint.reminded',
      subjectType: 'complaint',
      subjectId: complaint.id,
      payload: { assigneeUserId: complaint.assigneeUserId },
    })
    const assignee = await assigneeOrganizationIds(complaint, trx)
    await notify(trx, {
      organizationIds: assignee.length > 0 ? assignee : await regulatorOrganizationIds(trx),
      kind: 'complaint.reminder',
      data: noticeData(complaint),
    })
    return true
  })
}

/** The limit passed without an answer: marked overdue once, escalated to every regulator. */
export async function markComplaintOverdue(complaintId: number) {
  return db.transaction(async (trx) => {
    const locked = await lockOpenComplaint(complaintId, trx)
    if (!locked || locked.step !== 'overdue') return false
    const { complaint } = locked
    complaint.overdueAt = DateTime.fromJSDate(clock.now())
    await complaint.save()
    await recordAuditEvent(trx, {
      actor: null,
      action: 'complaint.overdue',
      subjectType: 'complaint',
      subjectId: complaint.id,
      payload: { assigneeUserId: complaint.assigneeUserId, dueAt: complaint.dueAt.toUTC().toISO() },
    })
    await notify(trx, {
      organizationIds: [
        ...(await assigneeOrganizationIds(complaint, trx)),
        ...(await regulatorOrganizationIds(trx)),
      ],
      kind: 'complaint.overdue',
      data: noticeData(complaint),
    })
    return true
  })
}
