/*
 * The project lifecycle (SPEC "The project lifecycle"): the states and the
 * only transitions allowed between them. Domain verbs check a transition here
 * before changing anything; a refused one is a state conflict (409).
 */
export const PROJECT_STATES = [
  'draft',
  'published', // 公告: responses open
  'opened', // 开标/抽取: result computed
  'publicity', // 中选公示: objections possible
  'awarded',
  'contracted',
  'in_service',
  'delivered',
  'accepted',
  'evaluated',
  'closed',
  'cancelled', // before opening, with a public reason
  'failed', // 流标: too few valid responses
  'terminated', // after the contract, with a reason
] as const
export type ProjectState = (typeof PROJECT_STATES)[number]

export const PROJECT_TRANSITIONS = {
  // A draft is edited until it is published; nothing of a published project changes but by a verb.
  edit: { from: ['draft'], to: 'draft' },
  publish: { from: ['draft', 'failed'], to: 'published' },
  cancel: { from: ['draft', 'published'], to: 'cancelled' },
  open: { from: ['published'], to: 'opened' },
  fail: { from: ['published', 'opened'], to: 'failed' },
  startPublicity: { from: ['opened'], to: 'publicity' },
  // An upheld objection re-opens the selection without the disqualified bid.
  reopen: { from: ['publicity'], to: 'opened' },
  award: { from: ['publicity'], to: 'awarded' },
  contract: { from: ['awarded'], to: 'contracted' },
  startService: { from: ['contracted'], to: 'in_service' },
  deliver: { from: ['in_service'], to: 'delivered' },
  accept: { from: ['delivered'], to: 'accepted' },
  // The owner may return deliverables for correction.
  returnDelivery: { from: ['delivered'], to: 'in_service' },
  evaluate: { from: ['accepted'], to: 'evaluated' },
  close: { from: ['evaluated'], to: 'closed' },
  terminate: { from: ['contracted', 'in_service', 'delivered'], to: 'terminated' },
} as const satisfies Record<string, { from: readonly ProjectState[]; to: ProjectState }>

export type ProjectTransition = keyof typeof PROJECT_TRANSITIONS

/** The state a transition leads to, or null when the current state does not allow it. */
export function nextState(
  current: ProjectState,
  transition: ProjectTransition
): ProjectState | null {
  const rule = PROJECT_TRANSITIONS[transition]
  return (rule.from as readonly ProjectState[]).includes(current) ? rule.to : null
}

/** The transitions open from a state (for pages that show what can be done next). */
export function availableTransitions(current: ProjectState): ProjectTransition[] {
  return (Object.keys(PROJECT_TRANSITIONS) as ProjectTransition[]).filter(
    (transition) => nextState(current, transition) !== null
  )
}

/** States that end the lifecycle. */
export function isFinal(state: ProjectState) {
  return state === 'closed' || state === 'cancelled' || state === 'terminated'
}
