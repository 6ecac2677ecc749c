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

/**
 * Where a round ends and its electronic archive (电子档案) is sealed: closed
 * (an evaluated project once its evaluation window is over, so that both
 * ratings and their replies are in), failed (a republished project's next
 * round gets its own), or terminated (once the termination is settled or
 * decided).
 */
export const ARCHIVED_PROJECT_STATES = ['closed', 'failed', 'terminated'] as const

/** Whether the current state allows the transition. */
export function mayTransition(current: ProjectState, transition: ProjectTransition) {
  return nextState(current, transition) !== null
}

/** A draft: only its owner sees it, and the notice and its attachments may still change. */
export function isDraft(state: ProjectState) {
  return state === 'draft'
}

/** The announcement period (公告期): responses are taken until the deadline. */
export function takingResponses(state: ProjectState) {
  return state === 'published'
}

/** The result of the round is published (中选公示, then the award). */
export function resultPublished(state: ProjectState) {
  return state === 'publicity' || state === 'awarded'
}

/** 中选公示: the participants may object to the result. */
export function objectionsOpen(state: ProjectState) {
  return state === 'publicity'
}

/** The agency works and the clock runs (the owner may pause it for 补正). */
export function serviceRunning(state: ProjectState) {
  return state === 'in_service'
}

/** The owner accepted the deliverables (验收): evaluations and the approval outcome follow. */
export function serviceAccepted(state: ProjectState) {
  return state === 'accepted' || state === 'evaluated' || state === 'closed'
}

/**
 * What a selection waits for (SELECTION_STAGES of the project model), and the
 * state in which each wait happens: a direct selection's confirmation while
 * published, every other one after the opening.
 */
export const STAGE_STATES = {
  confirmation: 'published', // direct: the named agency accepts or declines
  justification: 'opened', // abnormally low quotes: the agencies justify them
  owner_decision: 'opened', // the owner keeps or rejects each justified quote
  plan_scores: 'opened', // scored: the owner scores the service plans
  pick: 'opened', // credit_preferred: the owner picks from the shortlist
} as const satisfies Record<string, ProjectState>
export type StageName = keyof typeof STAGE_STATES

/** Whether a project in this state and stage waits for that step now. */
export function awaits(
  project: { status: ProjectState; stage: string | null },
  stage: StageName
): boolean {
  return project.stage === stage && project.status === STAGE_STATES[stage]
}

/** Abnormally low quotes (异常低价) wait for the owner's keep-or-reject while justified or judged. */
export function awaitsLowQuoteDecision(project: { status: ProjectState; stage: string | null }) {
  return awaits(project, 'justification') || awaits(project, 'owner_decision')
}
