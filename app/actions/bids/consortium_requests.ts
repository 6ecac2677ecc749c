import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import type User from '#models/user'
import BidMember from '#models/bid_member'
import Project from '#models/project'
import type { MemberAnswer } from '#domain/consortium'
import RefusalException from '#exceptions/refusal_exception'
import StateConflictException from '#exceptions/state_conflict_exception'
import { recordAuditEvent } from '#services/audit_log'
import { notify } from '#services/notifications'
import { clock } from '#services/clock'
import { ensureNotConfirmedMember } from '#actions/bids/place_bid'

/*
 * 联合中介: the agency a lead names as a member answers in the market before
 * the deadline — it confirms, or declines (a confirmation may still be taken
 * back until then). A member that has not confirmed at opening makes the
 * lead's bid invalid (app/queries/consortium_consent.ts). An agency is a
 * member of one bid at most and has no bid of its own in the same project.
 */

/** The member confirms it takes part in the lead's bid. */
export async function confirmMembership(request: BidMember, memberUser: User) {
  return answer(request, 'confirmed', null, memberUser)
}

/** The member declines (or takes back its confirmation), with an optional reason for the lead. */
export async function declineMembership(request: BidMember, reason: string, memberUser: User) {
  return answer(request, 'declined', reason || null, memberUser)
}

async function answer(
  request: BidMember,
  outcome: Exclude<MemberAnswer, 'pending'>,
  reason: string | null,
  memberUser: User
) {
  return db.transaction(async (trx) => {
    const { project, member, memberName, leadId } = await lockOpenRequest(request, trx)
    if (member.status === outcome) {
      throw new StateConflictException({ identifier: `messages.consortium.already.${outcome}` })
    }
    if (outcome === 'confirmed') {
      await ensureNoBidOfItsOwn(project, member.organizationId, trx)
      await ensureNotConfirmedMember(project, member.organizationId, trx, member.id)
    }
    member.merge({
      status: outcome,
      answeredAt: DateTime.fromJSDate(clock.now()),
      answeredByUserId: memberUser.id,
      declineReason: reason,
    })
    await member.save()
    await recordAuditEvent(trx, {
      actor: memberUser,
      action: `consortium.member_${outcome}`,
      subjectType: 'project',
      subjectId: project.id,
      payload: {
        memberId: member.id,
        bidId: member.bidId,
        leadAgencyId: leadId,
        agencyId: member.organizationId,
        reason,
      },
    })
    await notify(trx, {
      organizationIds: [leadId],
      kind: 'consortium.answered',
      projectId: project.id,
      data: { code: project.code, title: project.title, agency: memberName, outcome },
    })
    return member
  })
}

/**
 * Locks, in the order bids take them, what an answer reads: the project
 * (shared, as bids do; opening waits for the answer and then holds answers
 * off), the member agency (exclusive: its own bid and its answers queue up),
 * the lead's bid (exclusive: a replacement waits), and the request itself.
 * The project must still take bids and the lead's bid still count (409).
 */
async function lockOpenRequest(request: BidMember, trx: TransactionClientContract) {
  const bid = await trx.from('bids').where('id', request.bidId).select('project_id').firstOrFail()
  const project = await Project.query({ client: trx })
    .where('id', bid.project_id)
    .forShare()
    .firstOrFail()
  if (
    project.status !== 'published' ||
    clock.now().getTime() >= project.responseDeadline.toMillis()
  ) {
    throw new StateConflictException({ identifier: 'messages.consortium.closed' })
  }
  const memberAgency = await trx
    .from('organizations')
    .where('id', request.organizationId)
    .forUpdate()
    .select('name')
    .firstOrFail()
  const leadBid = await trx
    .from('bids')
    .where('id', request.bidId)
    .forUpdate()
    .select('status', 'round', 'organization_id')
    .firstOrFail()
  if (leadBid.status !== 'active' || Number(leadBid.round) !== project.round) {
    throw new StateConflictException({ identifier: 'messages.consortium.bidGone' })
  }
  const member = await BidMember.query({ client: trx })
    .where('id', request.id)
    .forUpdate()
    .firstOrFail()
  return {
    project,
    member,
    memberName: memberAgency.name as string,
    leadId: Number(leadBid.organization_id),
  }
}

/** A member cannot also bid on its own in the same project (403). */
async function ensureNoBidOfItsOwn(
  project: Project,
  organizationId: number,
  trx: TransactionClientContract
) {
  const own = await trx
    .from('bids')
    .where('project_id', project.id)
    .where('round', project.round)
    .where('organization_id', organizationId)
    .where('status', 'active')
    .select('id')
    .first()
  if (own) {
    throw new RefusalException(403, 'E_CONSORTIUM_CONFLICT', {
      identifier: 'messages.consortium.hasOwnBid',
    })
  }
}
