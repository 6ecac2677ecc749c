/*
 * What a termination refunds (SPEC "Contracts", 合同解除). By default only
 * the milestones whose work the owner had not accepted: what was accepted was
 * earned. The whole price goes back only when both parties agree (the agency
 * agreed to a full refund, which for a termination by agreement is its
 * consent), and a regulator deciding a contest says what is refunded.
 */
import type { TerminationGround } from '#domain/contract_lifecycle'

export const REFUND_SCOPES = [
  'unaccepted', // the milestones not accepted
  'all', // every paid milestone
  'none', // nothing: the agency keeps what it was paid
] as const
export type RefundScope = (typeof REFUND_SCOPES)[number]

export const TERMINATION_DECISIONS = ['upheld', 'rejected'] as const
export type TerminationDecision = (typeof TERMINATION_DECISIONS)[number]

export type TerminationOutcome = {
  ground: TerminationGround
  /** The agency's answer within the window, if any. */
  agencyAnswer: 'contested' | 'agreed' | null
  /** A regulator's decision on a contest, with the refund it ordered. */
  decision: { outcome: TerminationDecision; refundScope: RefundScope } | null
}

/** The refund scope of a termination once it is settled or decided. */
export function refundScopeOf(outcome: TerminationOutcome): RefundScope {
  if (outcome.decision) return outcome.decision.refundScope
  if (outcome.agencyAnswer === 'agreed') return 'all'
  return 'unaccepted'
}

/**
 * The refund a regulator orders unless it says otherwise: a termination
 * upheld refunds what was not accepted; one rejected (the grounds do not
 * hold) refunds nothing, the agency keeping what it was paid.
 */
export function defaultDecisionScope(outcome: TerminationDecision): RefundScope {
  return outcome === 'upheld' ? 'unaccepted' : 'none'
}

export type RefundableMilestone = { id: number; accepted: boolean }

/** The milestones whose payments are refunded under a scope. */
export function milestonesToRefund(
  milestones: RefundableMilestone[],
  scope: RefundScope
): number[] {
  switch (scope) {
    case 'all':
      return milestones.map((milestone) => milestone.id)
    case 'none':
      return []
    case 'unaccepted':
      return milestones.filter((milestone) => !milestone.accepted).map((milestone) => milestone.id)
  }
}
