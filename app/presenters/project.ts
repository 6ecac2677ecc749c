import { isoInstant } from '#domain/time_zone'
import type Project from '#models/project'
import type Objection from '#models/objection'
import { drawsOf, pendingOf, type ResultBid } from '#queries/selection_result'
import { DRAW_ALGORITHM } from '#domain/verifiable_draw'

/** A project in API answers. Quotes and the draw seed never appear before opening. */
export function presentProject(
  project: Project,
  responseCount = 0,
  opened?: { bids: ResultBid[]; objections: Objection[] }
) {
  return {
    id: project.id,
    code: project.code,
    status: project.status,
    title: project.title,
    serviceItemId: project.serviceItemId,
    serviceItemVersion: project.serviceItemVersion,
    description: project.description,
    deliverables: project.deliverables,
    location: project.location,
    region: project.regionCode,
    investmentProjectCode: project.investmentProjectCode,
    fundingSource: project.fundingSource,
    commissioningDepartmentId: project.commissioningDepartmentId,
    exemption: project.exemption,
    exemptionReason: project.exemptionReason,
    ceilingPriceFen: project.ceilingPriceFen,
    floorPriceFen: project.floorPriceFen,
    method: project.method,
    deadline: isoInstant(project.responseDeadline),
    minCreditGrade: project.minCreditGrade,
    timeLimitWorkingDays: project.timeLimitWorkingDays,
    weights: project.weights ? JSON.parse(project.weights) : null,
    directAgencyId: project.directAgencyId,
    longlistSize: project.longlistSize,
    shortlistSize: project.shortlistSize,
    rulesetVersion: project.rulesetVersion,
    round: project.round,
    stage: project.stage,
    stageDueAt: isoInstant(project.stageDueAt),
    drawCommitment: project.drawCommitment,
    publishedAt: isoInstant(project.publishedAt),
    cancelReason: project.cancelReason,
    failReason: project.failReason,
    // Before opening only the number of responses is public, never a quote.
    responseCount,
    attachments: project.$preloaded.attachments
      ? project.attachments.map((attachment) => ({
          id: attachment.id,
          name: attachment.fileName,
          size: attachment.fileSize,
          url: `/projects/${project.id}/attachments/${attachment.id}`,
        }))
      : undefined,
    result:
      opened && project.openedAt ? presentResult(project, opened.bids, opened.objections) : null,
  }
}

/**
 * The published result (中选公示): every quote, nonce, receipt, score and the
 * draw proof. While the set of valid bids is not final the draw says why
 * (`pending`), with neither seed nor draw seed, and there is no ranking; while
 * the plans are scored blind there are no bids either.
 */
function presentResult(project: Project, bids: ResultBid[], objections: Objection[]) {
  const ranked = bids.filter((bid) => bid.rank !== null)
  const pending = pendingOf(project, bids)
  return {
    openedAt: isoInstant(project.openedAt!),
    winnerAgencyId: project.winnerOrganizationId,
    alternates: ranked
      .map((bid) => bid.agencyId)
      .filter((agencyId) => agencyId !== project.winnerOrganizationId),
    shortlist:
      project.method === 'credit_preferred' ? ranked.map((bid) => bid.agencyId) : undefined,
    pickReason: project.pickReason,
    bids: bids.map((bid) => ({
      id: bid.id,
      agencyId: bid.agencyId,
      agencyName: bid.agencyName,
      agencyUscc: bid.agencyUscc,
      quoteFen: bid.quoteFen,
      nonce: bid.nonce,
      receipt: bid.receipt,
      score: bid.score ?? undefined,
      planScore: bid.planScore ?? undefined,
      planScoreReason: bid.planScoreReason ?? undefined,
      planLabel: bid.planLabel ?? undefined,
      rank: bid.rank,
      valid: bid.valid,
      invalidReason: bid.invalidReason ?? undefined,
      abnormallyLow: bid.abnormallyLow,
      justification: bid.justification,
      ownerDecision: bid.ownerDecision,
      ownerDecisionReason: bid.ownerDecisionReason,
      consortium: bid.consortium,
      recentWins: bid.recentWins,
    })),
    basePercent: project.basePercent ?? undefined,
    referencePriceFen: project.referencePriceFen ?? undefined,
    // 综合评分: the rating (of 5) agencies without owners' ratings were scored with.
    newcomerRating:
      project.newcomerRatingCenti === null || project.newcomerRatingCenti === undefined
        ? undefined
        : project.newcomerRatingCenti / 100,
    publicityStartedAt: isoInstant(project.publicityStartedAt),
    publicityEndsAt: isoInstant(project.publicityEndsAt),
    awardedAt: isoInstant(project.awardedAt),
    objections: objections.map(presentObjection),
    draw: {
      seed: pending.length > 0 ? null : project.drawSeed,
      commitment: project.drawCommitment,
      drawSeed: pending.length > 0 ? null : project.drawSeedMixed,
      algorithm: DRAW_ALGORITHM,
      draws: pending.length > 0 ? [] : drawsOf(project),
      pending,
    },
  }
}

/** An objection as published: who objected to which bid, and the regulator's decision. */
export function presentObjection(objection: Objection) {
  return {
    id: objection.id,
    projectId: objection.projectId,
    round: objection.round,
    bidId: objection.bidId,
    agencyId: objection.organizationId,
    reason: objection.reason,
    status: objection.status,
    responseDueAt: isoInstant(objection.responseDueAt),
    // Past the response limit undecided: escalated to every regulator, the award waits.
    overdue: objection.overdueAt !== null,
    decision: objection.decision,
    decidedAt: isoInstant(objection.decidedAt),
    filedAt: isoInstant(objection.createdAt),
  }
}
