import db from '@adonisjs/lucid/services/db'
import type { SqlBoolean, SqlInteger } from '#services/sql_rows'
import encryption from '@adonisjs/core/services/encryption'
import { openSealedQuote } from '#services/sealed_quotes'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import type Project from '#models/project'
import Bid, { type InvalidReason } from '#models/bid'
import type User from '#models/user'
import { lockProject, transition } from '#actions/projects/project_lifecycle'
import { ineligibilityReason } from '#domain/eligibility'
import { drawSeedOf, sha256Hex } from '#domain/verifiable_draw'
import {
  abnormallyLowQuotes,
  selectAveragePrice,
  selectCreditPreferredShortlist,
  selectLowestPrice,
  selectRandom,
  selectScored,
  newcomerRating,
  type OpenedBid,
  type SelectionOutcome,
} from '#domain/selection'
import type { RuleParameters } from '#domain/rules'
import { eligibilityFactsForMany } from '#queries/eligibility_facts'
import { teamFaultsOfBids } from '#actions/bids/named_team'
import { consortiumFaultsOfRound } from '#queries/consortium_consent'
import { recordAuditEvent } from '#services/audit_log'
import { rulesOfVersion } from '#services/market_rules'
import { creditRulesInForce } from '#services/credit_ledger'
import { gradeForScore } from '#domain/credit'
import { workingPeriodEnd } from '#services/calendar'
import { notify } from '#services/notifications'
import { clock } from '#services/clock'
import { displayDeadline } from '#domain/time_zone'

type Actor = Pick<User, 'id' | 'role'> | null

/** The bids of the project's current round that were still active at the deadline. */
export function bidsOfRound(project: Project, trx: TransactionClientContract) {
  return Bid.query({ client: trx })
    .where('project_id', project.id)
    .where('round', project.round)
    .where('status', 'active')
    .orderBy('id')
}

/**
 * The same bids as plain records, for the steps that go over every bid of a
 * round (10,000 at a national scale): no model instances, one bulk update.
 */
type RoundBid = {
  id: number
  organizationId: number
  receipt: string
  quoteEncrypted: string
  nonceEncrypted: string
  quoteFen: number | null
  nonce: string | null
  valid: boolean | null
  invalidReason: InvalidReason | null
  inDrawSeed: boolean
  planScoreCenti: number | null
  rank: number | null
  scoreCenti: number | null
}

async function roundBids(project: Project, trx: TransactionClientContract): Promise<RoundBid[]> {
  const rows: {
    id: SqlInteger
    organization_id: SqlInteger
    receipt: string
    quote_encrypted: string
    nonce_encrypted: string
    quote_fen: SqlInteger | null
    nonce: string | null
    valid: SqlBoolean | null
    invalid_reason: InvalidReason | null
    in_draw_seed: SqlBoolean
    plan_score_centi: SqlInteger | null
    rank: SqlInteger | null
    score_centi: SqlInteger | null
  }[] = await trx
    .from('bids')
    .where('project_id', project.id)
    .where('round', project.round)
    .where('status', 'active')
    .orderBy('id')
    .select(
      'id',
      'organization_id',
      'receipt',
      'quote_encrypted',
      'nonce_encrypted',
      'quote_fen',
      'nonce',
      'valid',
      'invalid_reason',
      'in_draw_seed',
      'plan_score_centi',
      'rank',
      'score_centi'
    )
  const numberOrNull = (value: unknown) => (value === null ? null : Number(value))
  return rows.map((row) => ({
    id: Number(row.id),
    organizationId: Number(row.organization_id),
    receipt: row.receipt,
    quoteEncrypted: row.quote_encrypted,
    nonceEncrypted: row.nonce_encrypted,
    quoteFen: numberOrNull(row.quote_fen),
    nonce: row.nonce,
    valid: row.valid === null ? null : Boolean(row.valid),
    invalidReason: row.invalid_reason,
    inDrawSeed: Boolean(row.in_draw_seed),
    planScoreCenti: numberOrNull(row.plan_score_centi),
    rank: numberOrNull(row.rank),
    scoreCenti: numberOrNull(row.score_centi),
  }))
}

/** Writes columns of many bids, 500 per statement (UPDATE … SET c = CASE id WHEN … END). */
async function updateBids(
  trx: TransactionClientContract,
  bids: RoundBid[],
  columns: Record<string, (bid: RoundBid) => string | number | boolean | null>
) {
  for (let start = 0; start < bids.length; start += 500) {
    const chunk = bids.slice(start, start + 500)
    const update: Record<string, unknown> = {}
    for (const [column, pick] of Object.entries(columns)) {
      const bindings: (string | number)[] = []
      const cases = chunk.map((bid) => {
        const value = pick(bid)
        if (value === null) {
          bindings.push(bid.id)
          return 'when ? then null'
        }
        bindings.push(bid.id, typeof value === 'boolean' ? Number(value) : value)
        return 'when ? then ?'
      })
      update[column] = trx.raw(`case id ${cases.join(' ')} end`, bindings)
    }
    await trx
      .from('bids')
      .whereIn(
        'id',
        chunk.map((bid) => bid.id)
      )
      .update(update)
  }
}

/**
 * 开标: at the deadline each bidder (and each consortium member) is judged
 * eligible again as of now. Too few valid responses fail the selection (流标).
 * Otherwise the quotes and nonces are decrypted — except for a scored project
 * with a plan weight, whose plans are first scored blind (the quotes stay
 * sealed and the bidders unnamed until the scores are locked). The seed stays
 * sealed while any decision can still change the set of valid bids (blind
 * plan scores, abnormally low quotes awaiting justification or the owner):
 * only then is it revealed and the draw run, once (`revealDraw`).
 * Returns what happened; a project that is not due (or already opened by
 * another instance, which held the lock first) is left alone.
 */
export async function openProject(projectId: number): Promise<'opened' | 'failed' | 'skipped'> {
  return db.transaction(async (trx) => {
    const project = await lockProject(projectId, trx)
    const now = clock.now()
    if (
      !project ||
      project.status !== 'published' ||
      project.method === 'direct' ||
      project.responseDeadline.toMillis() > now.getTime()
    ) {
      return 'skipped'
    }
    const rules = await rulesOfVersion(project.rulesetVersion!, trx)
    if (!sealedSeedOf(project)) {
      // Never open with a made-up seed: the published commitment would not match.
      throw new Error(
        `The draw seed of project ${project.code} cannot be decrypted (APP_KEY changed?)`
      )
    }
    const bids = await roundBids(project, trx)
    const invalid = await judgeEligibility(project, bids, trx)
    for (const bid of bids) {
      bid.invalidReason = invalid.get(bid.id) ?? null
      bid.valid = bid.invalidReason === null
      bid.inDrawSeed = bid.valid
    }
    await updateBids(trx, bids, {
      valid: (bid) => bid.valid,
      in_draw_seed: (bid) => bid.inDrawSeed,
      invalid_reason: (bid) => bid.invalidReason,
    })
    const valid = bids.filter((bid) => bid.valid)
    const required = rules.minValidResponses[project.method as keyof typeof rules.minValidResponses]
    const blind = needsBlindPlanScores(project) && valid.length >= required
    if (!blind) await revealQuotes(bids, trx)

    transition(project, 'open')
    project.merge({ openedAt: DateTime.fromJSDate(now) })
    await project.save()
    await recordAuditEvent(trx, {
      actor: null,
      action: 'project.opened',
      subjectType: 'project',
      subjectId: project.id,
      payload: {
        code: project.code,
        round: project.round,
        // The seed is not revealed here: it is sealed until the set of valid bids is final.
        quotesRevealed: !blind,
        // The revealed bids are public in the project record; the event pins them by a
        // digest (a list of 10,000 bids would not fit an audit payload).
        validCount: valid.length,
        invalidCount: bids.length - valid.length,
        bidsSha256: bidsDigest(bids),
      },
    })
    await notify(trx, {
      organizationIds: bids.map((bid) => bid.organizationId),
      kind: 'project.opened',
      projectId: project.id,
      data: { code: project.code, title: project.title },
    })

    if (valid.length < required) {
      // Nothing can change a failed round any more: the seed is revealed for the record.
      await revealDraw(project, bids, trx)
      await failProject(project, 'too_few_responses', trx, null)
      return 'failed'
    }
    if (blind) {
      await waitForOwner(project, 'plan_scores', trx)
      return 'opened'
    }
    const outcome = await judgeQuotes(project, trx, null, bids)
    return outcome === 'failed' ? 'failed' : 'opened'
  })
}

/** The sealed seed of the current round (null when it cannot be decrypted). */
function sealedSeedOf(project: Project) {
  return encryption.decrypt<string>(project.drawSeedEncrypted ?? '')
}

/** A scored project with a plan weight: its plans are scored blind before the quotes are opened. */
function needsBlindPlanScores(project: Project) {
  const weights = project.weights ? JSON.parse(project.weights) : null
  return project.method === 'scored' && Number(weights?.plan ?? 0) > 0
}

/** A digest of the bids as they stand (quote '' while sealed), for audit payloads. */
function bidsDigest(bids: RoundBid[]) {
  return sha256Hex(
    bids
      .map((bid) => `${bid.id}|${bid.receipt}|${bid.quoteFen ?? ''}|${bid.invalidReason ?? ''}`)
      .join('\n')
  )
}

/** Decrypts the quotes and nonces not revealed yet: from now on they are public. */
async function revealQuotes(bids: RoundBid[], trx: TransactionClientContract) {
  const sealed = bids.filter((bid) => bid.quoteFen === null)
  for (const bid of sealed) {
    bid.quoteFen = openSealedQuote(bid.quoteEncrypted)
    bid.nonce = encryption.decrypt<string>(bid.nonceEncrypted)
  }
  await updateBids(trx, sealed, {
    quote_fen: (bid) => bid.quoteFen,
    nonce: (bid) => bid.nonce,
  })
}

/**
 * The quotes are open (at opening, or once the blind plan scores are locked):
 * abnormally low quotes wait for their justification and the owner's
 * decision; when there are none, the set of valid bids is final and the
 * selection is concluded.
 */
export async function judgeQuotes(
  project: Project,
  trx: TransactionClientContract,
  actor: Actor,
  loaded?: RoundBid[]
): Promise<'publicity' | 'failed' | 'waiting'> {
  const rules = await rulesOfVersion(project.rulesetVersion!, trx)
  const bids = loaded ?? (await roundBids(project, trx))
  await revealQuotes(bids, trx)
  const valid = bids.filter((bid) => bid.valid)
  const flagged = new Set(
    abnormallyLowQuotes(
      await openedBids(valid, rules, trx),
      rules.abnormallyLowBelowMeanPercent,
      rules.abnormallyLowBelowNextPercent
    )
  )
  if (flagged.size > 0) {
    await askForJustifications(project, valid, flagged, rules, trx)
    return 'waiting'
  }
  return concludeSelection(project, trx, actor, bids)
}

/**
 * The set of valid bids is final: the seed is revealed and the draw seed
 * fixed over the receipts of the bids valid now — once per round; a later
 * step (an upheld objection) draws again from the same draw seed.
 */
async function revealDraw(project: Project, bids: RoundBid[], trx: TransactionClientContract) {
  if (project.drawSeed) return
  const seed = sealedSeedOf(project)
  if (!seed) {
    throw new Error(
      `The draw seed of project ${project.code} cannot be decrypted (APP_KEY changed?)`
    )
  }
  for (const bid of bids) bid.inDrawSeed = bid.valid === true
  await updateBids(trx, bids, { in_draw_seed: (bid) => bid.inDrawSeed })
  const receipts = bids.filter((bid) => bid.inDrawSeed).map((bid) => bid.receipt)
  project.merge({ drawSeed: seed, drawSeedMixed: drawSeedOf(seed, receipts) })
  await project.save()
  await recordAuditEvent(trx, {
    actor: null,
    action: 'selection.draw_revealed',
    subjectType: 'project',
    subjectId: project.id,
    payload: {
      code: project.code,
      round: project.round,
      seed,
      drawSeed: project.drawSeedMixed,
      validCount: receipts.length,
      bidsSha256: bidsDigest(bids),
    },
  })
}

/**
 * Eligibility again at opening, for each bidder and each consortium member
 * for its sub-item, then the members' consent: the first failed condition of
 * each invalid bid.
 */
async function judgeEligibility(
  project: Project,
  bids: RoundBid[],
  trx: TransactionClientContract
) {
  const invalid = new Map<number, InvalidReason>()
  const facts = await eligibilityFactsForMany(
    project,
    bids.map((bid) => bid.organizationId),
    { client: trx }
  )
  for (const bid of bids) {
    const reason = ineligibilityReason(facts.get(bid.organizationId)!)
    if (reason) invalid.set(bid.id, reason.code)
  }
  // The named lead and team, judged again: a person banned (under any agency) or
  // whose qualification lapsed before the deadline since sign-up.
  const teamFaults = await teamFaultsOfBids(
    project,
    bids.filter((bid) => !invalid.has(bid.id)).map((bid) => bid.id),
    trx
  )
  for (const [bidId, reason] of teamFaults) invalid.set(bidId, reason.code)
  const members: {
    bid_id: SqlInteger
    organization_id: SqlInteger
    service_item_id: SqlInteger
  }[] = await trx
    .from('bid_members')
    .whereIn(
      'bid_id',
      bids.map((bid) => bid.id)
    )
    .select('bid_id', 'organization_id', 'service_item_id')
  const byItem = Map.groupBy(members, (member) => Number(member.service_item_id))
  for (const [serviceItemId, rows] of byItem) {
    const memberFacts = await eligibilityFactsForMany(
      project,
      rows.map((row) => Number(row.organization_id)),
      { client: trx, serviceItemId }
    )
    for (const row of rows) {
      const bidId = Number(row.bid_id)
      if (invalid.has(bidId)) continue
      if (ineligibilityReason(memberFacts.get(Number(row.organization_id))!)) {
        invalid.set(bidId, 'member_ineligible')
      }
    }
  }
  for (const [bidId, fault] of await consortiumFaultsOfRound(bids, trx)) {
    if (!invalid.has(bidId)) invalid.set(bidId, fault)
  }
  return invalid
}

/**
 * The opened bids as the pure selection functions see them: USCC, quote,
 * credit (and whether grade A earns the full credit part), the mean of the
 * owners' ratings, the plan score.
 */
async function openedBids(
  bids: RoundBid[],
  rules: RuleParameters,
  trx: TransactionClientContract
): Promise<OpenedBid[]> {
  const ids = bids.map((bid) => bid.organizationId)
  const agencies = new Map<number, { uscc: string; creditScore: number }>()
  const ratings = new Map<number, number>()
  for (let start = 0; start < ids.length; start += 500) {
    const batch = ids.slice(start, start + 500)
    const rows = await trx
      .from('organizations as o')
      .leftJoin('agency_profiles as p', 'p.organization_id', 'o.id')
      .whereIn('o.id', batch)
      .select('o.id', 'o.uscc', 'p.credit_score')
    for (const row of rows) {
      agencies.set(Number(row.id), { uscc: row.uscc, creditScore: Number(row.credit_score ?? 0) })
    }
    const means = await trx
      .from('evaluations')
      .where('direction', 'of_agency')
      // Ratings between related parties (自我交易) earn nothing here either, nor default ratings
      // (the owner stayed silent: 自主自愿): they count in the statistics only.
      .whereNull('credit_withheld_reason')
      .where('origin', 'rater')
      .whereIn('rated_organization_id', batch)
      .groupBy('rated_organization_id')
      .select('rated_organization_id')
      .select(trx.raw('avg((quality + timeliness + attitude + fee_compliance) / 4.0) as mean'))
    for (const row of means) ratings.set(Number(row.rated_organization_id), Number(row.mean))
  }
  const { incentives } = await creditRulesInForce(trx)
  return bids.map((bid) => {
    const agency = agencies.get(bid.organizationId)!
    return {
      uscc: agency.uscc,
      quoteFen: bid.quoteFen!,
      creditScore: agency.creditScore,
      fullCreditPart:
        incentives.scoredCreditPartInFull &&
        gradeForScore(agency.creditScore, rules.gradeCutoffs) === 'A',
      meanEvaluation: ratings.has(bid.organizationId)
        ? Math.round(ratings.get(bid.organizationId)! * 100) / 100
        : null,
      planScore: bid.planScoreCenti === null ? undefined : bid.planScoreCenti / 100,
    }
  })
}

/**
 * The mean owners' rating of each agency rated on the project's item (given
 * ratings only, none between related parties), for the newcomers' median.
 */
async function itemRatingMeans(project: Project, trx: TransactionClientContract) {
  const rows: { mean: number | string }[] = await trx
    .from('evaluations as e')
    .join('contracts as c', 'c.id', 'e.contract_id')
    .join('projects as p', 'p.id', 'c.project_id')
    .where('p.service_item_id', project.serviceItemId)
    .where('e.direction', 'of_agency')
    .where('e.origin', 'rater')
    .whereNull('e.credit_withheld_reason')
    .groupBy('e.rated_organization_id')
    .select(
      trx.raw('avg((e.quality + e.timeliness + e.attitude + e.fee_compliance) / 4.0) as mean')
    )
  return rows.map((row) => Number(row.mean))
}

/** Flags abnormally low quotes; their agencies have the rule's working days to justify them. */
async function askForJustifications(
  project: Project,
  valid: RoundBid[],
  flagged: Set<string>,
  rules: RuleParameters,
  trx: TransactionClientContract
) {
  const opened = await openedBids(valid, rules, trx)
  const flaggedBids = valid.filter((_bid, index) => flagged.has(opened[index].uscc))
  await trx
    .from('bids')
    .whereIn(
      'id',
      flaggedBids.map((bid) => bid.id)
    )
    .update({ abnormally_low: 1 })
  const due = await workingPeriodEnd(clock.now(), rules.abnormallyLowJustificationWorkingDays, trx)
  project.merge({ stage: 'justification', stageDueAt: DateTime.fromJSDate(due) })
  await project.save()
  await recordAuditEvent(trx, {
    actor: null,
    action: 'selection.abnormally_low_flagged',
    subjectType: 'project',
    subjectId: project.id,
    payload: { code: project.code, bidIds: flaggedBids.map((bid) => bid.id), dueAt: due },
  })
  const deadline = displayDeadline(due)
  await notify(trx, {
    organizationIds: flaggedBids.map((bid) => bid.organizationId),
    kind: 'bid.abnormally_low',
    projectId: project.id,
    data: { code: project.code, title: project.title, deadline },
  })
}

/**
 * Computes the result from the bids that are valid now, by the project's
 * method, and moves on: to publicity with the winner and alternates; to the
 * owner for the shortlist pick; or to failure when too few valid bids remain.
 * Called only once the set of valid bids is final: the seed is revealed here
 * (if it was not yet) and the draw runs over that set.
 */
export async function concludeSelection(
  project: Project,
  trx: TransactionClientContract,
  actor: Actor,
  loaded?: RoundBid[]
): Promise<'publicity' | 'failed' | 'waiting'> {
  const rules = await rulesOfVersion(project.rulesetVersion!, trx)
  const bids = loaded ?? (await roundBids(project, trx))
  await revealDraw(project, bids, trx)
  const valid = bids.filter((bid) => bid.valid)
  const opened = await openedBids(valid, rules, trx)
  const bidOfUscc = new Map(opened.map((entry, index) => [entry.uscc, valid[index]]))
  const weights = project.weights ? JSON.parse(project.weights) : null
  const minValid = rules.minValidResponses[project.method as keyof typeof rules.minValidResponses]
  const drawSeed = project.drawSeedMixed!
  // 综合评分: an agency nobody has rated yet is scored with the item's median, said on the result.
  const newcomer =
    project.method === 'scored' ? newcomerRating(await itemRatingMeans(project, trx)) : null
  project.newcomerRatingCenti = newcomer === null ? null : Math.round(newcomer * 100)

  const outcome: SelectionOutcome = (() => {
    switch (project.method) {
      case 'random':
        return selectRandom(opened, drawSeed, minValid)
      case 'lowest_price':
        return selectLowestPrice(opened, drawSeed, minValid)
      case 'average_price':
        return selectAveragePrice(opened, drawSeed, minValid)
      case 'credit_preferred':
        return selectCreditPreferredShortlist(
          opened,
          drawSeed,
          minValid,
          project.longlistSize ?? Math.max(5, minValid),
          project.shortlistSize ?? 3
        )
      case 'scored':
        return selectScored(
          opened,
          { price: 0, credit: 0, performance: 0, plan: 0, ...weights },
          drawSeed,
          minValid,
          newcomer!
        )
      default:
        throw new Error(`No computed selection for method ${project.method}`)
    }
  })()

  if (outcome.failed) {
    await failProject(project, 'too_few_responses', trx, actor)
    return 'failed'
  }

  for (const bid of bids) {
    bid.rank = null
    bid.scoreCenti = null
  }
  outcome.ranking.forEach((uscc, index) => {
    bidOfUscc.get(uscc)!.rank = index + 1
  })
  for (const [uscc, score] of Object.entries(outcome.scores ?? {})) {
    bidOfUscc.get(uscc)!.scoreCenti = Math.round(score * 100)
  }
  await updateBids(trx, bids, {
    rank: (bid) => bid.rank,
    score_centi: (bid) => bid.scoreCenti,
  })

  project.merge({
    draws: JSON.stringify(outcome.draws),
    basePercent: outcome.basePercent ?? null,
    referencePriceFen: outcome.referencePriceFen ?? null,
  })
  if (project.method === 'credit_preferred') {
    project.winnerOrganizationId = null
    await waitForOwner(project, 'pick', trx)
    return 'waiting'
  }
  project.winnerOrganizationId = bidOfUscc.get(outcome.ranking[0])!.organizationId
  await startPublicity(project, trx, actor)
  return 'publicity'
}

/** The selection waits for the owner (plan scores or the shortlist pick). */
async function waitForOwner(
  project: Project,
  stage: 'plan_scores' | 'pick',
  trx: TransactionClientContract
) {
  project.merge({ stage, stageDueAt: null })
  await project.save()
  await recordAuditEvent(trx, {
    actor: null,
    action: `selection.awaiting_${stage}`,
    subjectType: 'project',
    subjectId: project.id,
    payload: { code: project.code, drawsSha256: sha256Hex(project.draws ?? '') },
  })
  await notify(trx, {
    organizationIds: [project.ownerOrganizationId],
    kind: 'project.needs_owner',
    projectId: project.id,
    data: { code: project.code, title: project.title, reason: stage, deadline: null },
  })
}

/** 中选公示: the result is public for the publicity period; objections may be filed. */
export async function startPublicity(
  project: Project,
  trx: TransactionClientContract,
  actor: Actor
) {
  const rules = await rulesOfVersion(project.rulesetVersion!, trx)
  const now = clock.now()
  transition(project, 'startPublicity')
  const ends = await workingPeriodEnd(now, rules.publicityWorkingDays, trx)
  project.merge({
    stage: null,
    stageDueAt: null,
    publicityStartedAt: DateTime.fromJSDate(now),
    publicityEndsAt: DateTime.fromJSDate(ends),
  })
  await project.save()
  const participants = await roundBids(project, trx)
  const ranked = participants.filter((bid) => bid.rank !== null).sort((a, b) => a.rank! - b.rank!)
  await recordAuditEvent(trx, {
    actor,
    action: 'project.publicity_started',
    subjectType: 'project',
    subjectId: project.id,
    payload: {
      code: project.code,
      winnerOrganizationId: project.winnerOrganizationId,
      // The full ranking is in the project record; the event keeps the first ten.
      ranking: ranked.slice(0, 10).map((bid) => bid.organizationId),
      rankedCount: ranked.length,
      basePercent: project.basePercent,
      referencePriceFen: project.referencePriceFen,
      publicityEndsAt: ends.toISOString(),
    },
  })
  await notify(trx, {
    organizationIds: [
      project.ownerOrganizationId,
      ...participants.map((bid) => bid.organizationId),
    ],
    kind: 'project.publicity',
    projectId: project.id,
    data: { code: project.code, title: project.title, deadline: ends.toISOString() },
  })
}

/** 流标: the selection failed; the owner may re-publish (changing the method if needed). */
export async function failProject(
  project: Project,
  reason: 'too_few_responses' | 'direct_declined' | 'no_confirmation',
  trx: TransactionClientContract,
  actor: Actor
) {
  transition(project, 'fail')
  project.merge({
    stage: null,
    stageDueAt: null,
    winnerOrganizationId: null,
    failedAt: DateTime.fromJSDate(clock.now()),
    failReason: reason,
  })
  await project.save()
  await recordAuditEvent(trx, {
    actor,
    action: 'project.failed',
    subjectType: 'project',
    subjectId: project.id,
    payload: { code: project.code, round: project.round, reason },
  })
  await notify(trx, {
    organizationIds: [project.ownerOrganizationId],
    kind: 'project.failed',
    projectId: project.id,
    data: { code: project.code, title: project.title, reason },
  })
}
