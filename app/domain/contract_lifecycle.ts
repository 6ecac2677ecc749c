/*
 * The contract lifecycle (SPEC "Contracts"): the states of a contract made
 * from a model template and the only transitions between them. Shaped like
 * the project lifecycle: domain verbs check a transition here before they
 * change anything; a refused one is a state conflict (409).
 */
import type { ProjectState } from '#domain/project_lifecycle'

export const CONTRACT_STATES = [
  'drafting', // generated on award; the owner fills the declared fields
  'signing', // one side has signed the current text
  'signed', // both sides signed the same text: in force
  'expired', // the signing window passed
  'refused', // the winner refused to sign
  'terminated', // ended after signing, with a reason
] as const
export type ContractState = (typeof CONTRACT_STATES)[number]

export const CONTRACT_TRANSITIONS = {
  // The owner changes the terms: a new revision; signatures given so far are void.
  amend: { from: ['drafting', 'signing'], to: 'drafting' },
  // The first party signs the current revision.
  sign: { from: ['drafting'], to: 'signing' },
  // The other party signs the same revision: the contract is in force.
  countersign: { from: ['signing'], to: 'signed' },
  refuse: { from: ['drafting', 'signing'], to: 'refused' },
  expire: { from: ['drafting', 'signing'], to: 'expired' },
  terminate: { from: ['signed'], to: 'terminated' },
} as const satisfies Record<string, { from: readonly ContractState[]; to: ContractState }>

export type ContractTransition = keyof typeof CONTRACT_TRANSITIONS

/** The state a transition leads to, or null when the current state does not allow it. */
export function nextContractState(
  current: ContractState,
  transition: ContractTransition
): ContractState | null {
  const rule = CONTRACT_TRANSITIONS[transition]
  return (rule.from as readonly ContractState[]).includes(current) ? rule.to : null
}

/** The transitions open from a state (for pages that show what can be done next). */
export function availableContractTransitions(current: ContractState): ContractTransition[] {
  return (Object.keys(CONTRACT_TRANSITIONS) as ContractTransition[]).filter(
    (transition) => nextContractState(current, transition) !== null
  )
}

/** Whether the text can still change or be signed (before the signing deadline). */
export function contractOpen(state: ContractState) {
  return nextContractState(state, 'amend') !== null
}

/** In force: services are delivered and milestones paid only under a signed contract. */
export function contractInForce(state: ContractState) {
  return state === 'signed'
}

/** The signing step a new signature makes: the first one, or the one that puts it in force. */
export function signingTransition(signaturesAlreadyOnRevision: number): ContractTransition {
  return signaturesAlreadyOnRevision === 0 ? 'sign' : 'countersign'
}

/** States that end the contract. */
export function contractEnded(state: ContractState) {
  return availableContractTransitions(state).length === 0
}

/** The winner refused or let the signing window pass: no contract came of it. */
export function contractFellThrough(state: ContractState) {
  return state === 'refused' || state === 'expired'
}

/**
 * The owner may take the next alternate (候补) only while the project stays
 * awarded and its latest contract fell through; never before a refusal or an
 * expiry, never once a contract is in force.
 */
export function alternateNeeded(project: ProjectState, latest: ContractState | null) {
  return project === 'awarded' && latest !== null && contractFellThrough(latest)
}

/*
 * Two-sided termination (合同解除). The owner ends a contract in force (the
 * contract and the project are terminated at once, the service stops) on one
 * of a closed list of grounds; the termination record then has a life of its
 * own: the agency may contest it within the contest window or agree to a full
 * refund; a contest is decided by a regulator; the window lapsing settles it.
 * Refunds are asked of Stripe only once it is settled or decided.
 */
export const TERMINATION_GROUNDS = [
  'breach', // 违约: names the clause and the facts
  'agreement', // 协商一致
  'force_majeure', // 不可抗力
] as const
export type TerminationGround = (typeof TERMINATION_GROUNDS)[number]

export const TERMINATION_STATES = [
  'contestable', // the agency's contest window runs
  'contested', // a regulator decides
  'settled', // the agency agreed, or let the window pass
  'decided', // a regulator upheld or rejected the termination
] as const
export type TerminationState = (typeof TERMINATION_STATES)[number]

export const TERMINATION_TRANSITIONS = {
  // The agency contests within the window: a regulator decides.
  contest: { from: ['contestable'], to: 'contested' },
  // The agency agrees (to a full refund, or to the agreed termination).
  agree: { from: ['contestable'], to: 'settled' },
  // The window closed without an answer (the tick).
  lapse: { from: ['contestable'], to: 'settled' },
  // A regulator upholds or rejects a contested termination.
  decide: { from: ['contested'], to: 'decided' },
} as const satisfies Record<string, { from: readonly TerminationState[]; to: TerminationState }>
export type TerminationTransition = keyof typeof TERMINATION_TRANSITIONS

/** The state a termination transition leads to, or null when the current state does not allow it. */
export function nextTerminationState(
  current: TerminationState,
  transition: TerminationTransition
): TerminationState | null {
  const rule = TERMINATION_TRANSITIONS[transition]
  return (rule.from as readonly TerminationState[]).includes(current) ? rule.to : null
}

/** Settled or decided: what is refunded is known and the refunds may be asked for. */
export function terminationFinal(state: TerminationState) {
  return state === 'settled' || state === 'decided'
}
