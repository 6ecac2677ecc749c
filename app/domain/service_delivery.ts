/*
 * Service delivery and evaluation (SPEC "Service delivery, evaluation,
 * credit") as pure rules: what an evaluation means for credit, when a bad
 * rating opens a follow-up case, the order of the follow-up steps, and what
 * the approving department's outcome earns.
 */
import type { CreditEventType } from '#domain/credit'

/** The four dimensions an owner rates an agency on, 1–5 each. */
export const AGENCY_RATING_DIMENSIONS = [
  'quality',
  'timeliness',
  'attitude',
  'feeCompliance',
] as const
export type AgencyRatingDimension = (typeof AGENCY_RATING_DIMENSIONS)[number]
export type AgencyRating = Record<AgencyRatingDimension, number>

/** The two dimensions an agency rates an owner on (政务诚信), 1–5 each. */
export const OWNER_RATING_DIMENSIONS = ['cooperation', 'paymentTimeliness'] as const
export type OwnerRatingDimension = (typeof OWNER_RATING_DIMENSIONS)[number]
export type OwnerRating = Record<OwnerRatingDimension, number>

/** Silence within the evaluation window counts as a good rating (默认好评). */
export const DEFAULT_AGENCY_RATING: AgencyRating = {
  quality: 5,
  timeliness: 5,
  attitude: 5,
  feeCompliance: 5,
}

/** A rating is bad (差评) when any dimension is 2 or less. */
export function isBadRating(rating: Record<string, number>) {
  return Object.values(rating).some((value) => value <= 2)
}

/** The mean of the dimensions, to 2 decimals. */
export function meanRating(rating: Record<string, number>) {
  const values = Object.values(rating)
  return Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 100) / 100
}

/**
 * The credit event an owner's rating creates: bad → evaluation_bad; a mean of
 * 4 or more → evaluation_good; in between, none. A default rating (the owner
 * stayed silent: 自主自愿) creates none — it counts in the statistics only.
 */
export function creditEventForRating(
  rating: AgencyRating,
  origin: 'rater' | 'default' = 'rater'
): CreditEventType | null {
  if (origin === 'default') return null
  if (isBadRating(rating)) return 'evaluation_bad'
  return meanRating(rating) >= 4 ? 'evaluation_good' : null
}

/** How the deliverable fared with the approving department. */
export const APPROVAL_OUTCOMES = ['passed', 'corrections', 'rejected'] as const
export type ApprovalOutcome = (typeof APPROVAL_OUTCOMES)[number]

/** Passed first time earns credit, rejected costs credit; passed after 补正 counts in the statistics only. */
export function creditEventForApproval(outcome: ApprovalOutcome): CreditEventType | null {
  if (outcome === 'passed') return 'approval_first_time'
  if (outcome === 'rejected') return 'approval_rejected'
  return null
}

/** The follow-up loop of a bad rating: 整改 → 督办 → 回访, then closed. */
export const FOLLOW_UP_STEPS = ['rectification', 'supervision', 'revisit'] as const
export type FollowUpStep = (typeof FOLLOW_UP_STEPS)[number]
export type FollowUpStatus = 'open' | FollowUpStep | 'closed'

/**
 * The status a case moves to when a step is recorded, or null when the step
 * is out of order. Steps go forward one at a time; 督办 may be repeated while
 * the agency has not rectified; 回访 closes the case.
 */
export function nextFollowUpStatus(current: FollowUpStatus, step: FollowUpStep) {
  const expected: Record<FollowUpStatus, readonly FollowUpStep[]> = {
    open: ['rectification'],
    rectification: ['supervision', 'revisit'],
    supervision: ['supervision', 'revisit'],
    revisit: [],
    closed: [],
  }
  if (!expected[current].includes(step)) return null
  return step === 'revisit' ? 'closed' : step
}

/** 服务双评价: the approving department rates a report's quality and timeliness, 1–5 each. */
export type DepartmentRating = { quality: number; timeliness: number }

/**
 * The credit event a department's rating creates, with a weight of its own in
 * the rule table: either dimension 2 or less → department_rating_bad; a mean
 * of 4 or more → department_rating_good; in between, none.
 */
export function creditEventForDepartmentRating(rating: DepartmentRating): CreditEventType | null {
  if (rating.quality <= 2 || rating.timeliness <= 2) return 'department_rating_bad'
  return (rating.quality + rating.timeliness) / 2 >= 4 ? 'department_rating_good' : null
}
