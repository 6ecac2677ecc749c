import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import type Project from '#models/project'
import Bid from '#models/bid'
import type User from '#models/user'
import StateConflictException from '#exceptions/state_conflict_exception'
import { recordAuditEvent } from '#services/audit_log'
import { notify } from '#services/notifications'
import { clock } from '#services/clock'
import { workingPeriodEnd } from '#services/calendar'
import { rulesOfVersion } from '#services/market_rules'
import { displayDeadline } from '#domain/time_zone'
import { bidsOfRound, concludeSelection } from '#actions/selection/open_selection'
import { lockProject } from '#actions/projects/project_lifecycle'

/*
 * Abnormally low quotes (SPEC "Abnormally low quotes", after Prozorro): the
 * flagged agency justifies its quote within the rule's working days; the
 * owner keeps or rejects it with a published reason. A quote left without a
 * justification is rejected when the time is up. The owner then has the
 * rule's working days to decide on the justified ones; a justified quote the
 * owner leaves undecided stands (`lapsed`), so that nobody can hold the
 * selection — and its sealed seed — open. When every flagged quote is
 * decided, the selection is computed from the bids that remain valid.
 */

/** Locks the project of a flagged bid and checks that its quote still awaits a decision. */
async function lockFlaggedBid(bid: Bid, trx: TransactionClientContract) {
  const project = await lockProject(bid.projectId, trx)
  const fresh = await Bid.query({ client: trx }).where('id', bid.id).firstOrFail()
  if (
    !project ||
    project.status !== 'opened' ||
    (project.stage !== 'justification' && project.stage !== 'owner_decision') ||
    fresh.round !== project.round ||
    !fresh.abnormallyLow ||
    fresh.ownerDecision !== null ||
    fresh.valid === false
  ) {
    throw new StateConflictException({ identifier: 'messages.selection.notAwaitingDecision' })
  }
  return { project, bid: fresh }
}

/** The agency explains its abnormally low quote, once, before the justification deadline. */
export async function justifyQuote(bid: Bid, text: string, agencyUser: User) {
  return db.transaction(async (trx) => {
    const { project, bid: locked } = await lockFlaggedBid(bid, trx)
    if (
      project.stage !== 'justification' ||
      locked.justification !== null ||
      clock.now().getTime() >= project.stageDueAt!.toMillis()
    ) {
      throw new StateConflictException({ identifier: 'messages.selection.justificationClosed' })
    }
    locked.merge({ justification: text, justifiedAt: DateTime.fromJSDate(clock.now()) })
    await locked.save()
    await recordAuditEvent(trx, {
      actor: agencyUser,
      action: 'bid.justified',
      subjectType: 'project',
      subjectId: project.id,
      payload: { bidId: locked.id, justification: text },
    })
    await moveOnWhenDecided(project, trx, agencyUser)
    if (project.stage === 'justification') {
      // Other flagged quotes are still being justified: the owner's time starts when they are.
      await notify(trx, {
        organizationIds: [project.ownerOrganizationId],
        kind: 'project.needs_owner',
        projectId: project.id,
        data: {
          code: project.code,
          title: project.title,
          reason: 'owner_decision',
          deadline: null,
        },
      })
    }
    return locked
  })
}

/**
 * The owner keeps a justified quote or rejects a flagged one, with a reason
 * that is published with the result.
 */
export async function decideQuote(
  bid: Bid,
  decision: 'kept' | 'rejected',
  reason: string,
  owner: User
) {
  return db.transaction(async (trx) => {
    const { project, bid: locked } = await lockFlaggedBid(bid, trx)
    if (decision === 'kept' && locked.justification === null) {
      throw new StateConflictException({ identifier: 'messages.selection.keepNeedsJustification' })
    }
    locked.merge({
      ownerDecision: decision,
      ownerDecisionReason: reason,
      ownerDecidedAt: DateTime.fromJSDate(clock.now()),
      ...(decision === 'rejected'
        ? { valid: false, invalidReason: 'rejected_abnormally_low' }
        : {}),
    })
    await locked.save()
    await recordAuditEvent(trx, {
      actor: owner,
      action: decision === 'kept' ? 'bid.low_quote_kept' : 'bid.low_quote_rejected',
      subjectType: 'project',
      subjectId: project.id,
      payload: { bidId: locked.id, reason },
    })
    await moveOnWhenDecided(project, trx, owner)
    return locked
  })
}

/**
 * At the justification deadline (the scheduler), flagged quotes without a
 * justification are rejected; the owner then decides on the others.
 */
export async function closeJustifications(projectId: number) {
  return db.transaction(async (trx) => {
    const project = await lockStageDue(projectId, 'justification', trx)
    if (!project) return false
    const bids = await bidsOfRound(project, trx)
    const unjustified = bids.filter(
      (bid) =>
        bid.abnormallyLow && bid.valid && bid.justification === null && bid.ownerDecision === null
    )
    for (const bid of unjustified) {
      bid.merge({ valid: false, invalidReason: 'no_justification' })
      await bid.save()
    }
    await recordAuditEvent(trx, {
      actor: null,
      action: 'selection.justification_closed',
      subjectType: 'project',
      subjectId: project.id,
      payload: { code: project.code, rejectedBidIds: unjustified.map((bid) => bid.id) },
    })
    await moveOnWhenDecided(project, trx, null, { justificationsClosed: true })
    return true
  })
}

/**
 * At the owner's decision deadline (the scheduler): each justified quote the
 * owner has not decided on stands, recorded as `lapsed`; the selection is
 * then computed over the final set (and only then is the seed revealed).
 */
export async function closeOwnerDecisions(projectId: number) {
  return db.transaction(async (trx) => {
    const project = await lockStageDue(projectId, 'owner_decision', trx)
    if (!project) return false
    const bids = await bidsOfRound(project, trx)
    const undecided = bids.filter(
      (bid) => bid.abnormallyLow && bid.valid && bid.ownerDecision === null
    )
    const now = DateTime.fromJSDate(clock.now())
    for (const bid of undecided) {
      bid.merge(
        bid.justification === null
          ? { valid: false, invalidReason: 'no_justification' }
          : { ownerDecision: 'lapsed', ownerDecidedAt: now }
      )
      await bid.save()
    }
    await recordAuditEvent(trx, {
      actor: null,
      action: 'selection.owner_decisions_lapsed',
      subjectType: 'project',
      subjectId: project.id,
      payload: { code: project.code, bidIds: undecided.map((bid) => bid.id) },
    })
    await moveOnWhenDecided(project, trx, null)
    return true
  })
}

/** Locks an opened project whose stage's deadline has passed (null otherwise: nothing is due). */
async function lockStageDue(
  projectId: number,
  stage: 'justification' | 'owner_decision',
  trx: TransactionClientContract
) {
  const project = await lockProject(projectId, trx)
  const due =
    project?.status === 'opened' &&
    project.stage === stage &&
    project.stageDueAt !== null &&
    project.stageDueAt.toMillis() <= clock.now().getTime()
  return due ? project : null
}

/**
 * Once no flagged quote awaits anything, the selection is computed; while
 * justified quotes await the owner, the stage says so.
 */
async function moveOnWhenDecided(
  project: Project,
  trx: TransactionClientContract,
  actor: Pick<User, 'id' | 'role'> | null,
  options: { justificationsClosed?: boolean } = {}
) {
  const bids = await bidsOfRound(project, trx)
  const pending = bids.filter((bid) => bid.abnormallyLow && bid.valid && bid.ownerDecision === null)
  if (pending.length === 0) {
    await concludeSelection(project, trx, actor)
    return
  }
  const allJustified = pending.every((bid) => bid.justification !== null)
  if (project.stage === 'justification' && (allJustified || options.justificationsClosed)) {
    await awaitOwnerDecisions(project, trx)
  }
  await project.save()
}

/** The owner's decision stage opens: the rule's working days, and the owner is told the deadline. */
async function awaitOwnerDecisions(project: Project, trx: TransactionClientContract) {
  const rules = await rulesOfVersion(project.rulesetVersion!, trx)
  const due = await workingPeriodEnd(clock.now(), rules.ownerDecisionWorkingDays, trx)
  project.merge({ stage: 'owner_decision', stageDueAt: DateTime.fromJSDate(due) })
  await notify(trx, {
    organizationIds: [project.ownerOrganizationId],
    kind: 'project.needs_owner',
    projectId: project.id,
    data: {
      code: project.code,
      title: project.title,
      reason: 'owner_decision',
      deadline: displayDeadline(due),
    },
  })
}
