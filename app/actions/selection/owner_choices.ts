import db from '@adonisjs/lucid/services/db'
import type Project from '#models/project'
import type User from '#models/user'
import StateConflictException from '#exceptions/state_conflict_exception'
import { refuse } from '#actions/projects/project_rules'
import { recordAuditEvent } from '#services/audit_log'
import { bidsOfRound, judgeQuotes, startPublicity } from '#actions/selection/open_selection'
import { lockProject } from '#actions/projects/project_lifecycle'

/** Locks a project that waits for the owner at the given stage. */
async function lockAtStage(
  project: Project,
  stage: 'pick' | 'plan_scores',
  trx: Parameters<typeof lockProject>[1]
) {
  const locked = await lockProject(project.id, trx)
  if (!locked || locked.status !== 'opened' || locked.stage !== stage) {
    throw new StateConflictException({ identifier: 'messages.selection.notAwaiting' })
  }
  return locked
}

/**
 * 信用择优: the owner picks the winner from the drawn shortlist with a
 * published reason; the rest of the shortlist, in draw order, are the
 * alternates.
 */
export async function pickFromShortlist(
  project: Project,
  agencyId: number,
  reason: string,
  owner: User
) {
  return db.transaction(async (trx) => {
    const locked = await lockAtStage(project, 'pick', trx)
    const bids = await bidsOfRound(locked, trx)
    const shortlist = bids
      .filter((bid) => bid.valid && bid.rank !== null)
      .sort((a, b) => a.rank! - b.rank!)
    const picked = shortlist.find((bid) => bid.organizationId === agencyId)
    if (!picked) refuse([{ field: 'agencyId', rule: 'notOnShortlist' }])
    const reordered = [picked, ...shortlist.filter((bid) => bid !== picked)]
    for (const [index, bid] of reordered.entries()) {
      bid.rank = index + 1
      await bid.save()
    }
    locked.merge({ winnerOrganizationId: agencyId, pickReason: reason })
    await recordAuditEvent(trx, {
      actor: owner,
      action: 'selection.shortlist_picked',
      subjectType: 'project',
      subjectId: locked.id,
      payload: { code: locked.code, agencyId, reason },
    })
    await startPublicity(locked, trx, owner)
    return locked
  })
}

/**
 * 综合评分, blind: the owner scores every valid service plan within the plan
 * weight, each score with its published reason, seeing the plans as 方案 A,
 * B, C… without the bidders' names or quotes. The scores are then locked
 * (this stage never comes back in the round) and only then are the quotes
 * opened, checked for abnormally low ones, and the result computed.
 */
export async function scorePlans(
  project: Project,
  scores: { bidId: number; score: number; reason: string }[],
  owner: User
) {
  return db.transaction(async (trx) => {
    const locked = await lockAtStage(project, 'plan_scores', trx)
    const weight = Number(JSON.parse(locked.weights ?? '{}').plan ?? 0)
    const bids = await bidsOfRound(locked, trx)
    const valid = bids.filter((bid) => bid.valid)
    const given = new Map(scores.map((entry) => [entry.bidId, entry]))
    const problems = []
    if (valid.some((bid) => !given.has(bid.id)) || given.size !== valid.length) {
      problems.push({ field: 'scores', rule: 'planScoresIncomplete' })
    }
    if (scores.some((entry) => entry.score > weight)) {
      problems.push({ field: 'scores', rule: 'planScoreOverWeight', data: { weight } })
    }
    if (problems.length > 0) refuse(problems)
    for (const bid of valid) {
      const entry = given.get(bid.id)!
      bid.merge({ planScoreCenti: Math.round(entry.score * 100), planScoreReason: entry.reason })
      await bid.save()
    }
    await recordAuditEvent(trx, {
      actor: owner,
      action: 'selection.plans_scored',
      subjectType: 'project',
      subjectId: locked.id,
      payload: { code: locked.code, scores },
    })
    locked.merge({ stage: null, stageDueAt: null })
    await locked.save()
    await judgeQuotes(locked, trx, owner)
    return locked
  })
}
