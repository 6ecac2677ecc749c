/*
 * What a visitor of the project page may do now, asked in one place: the
 * policies answer who (ProjectPolicy, ObjectionPolicy), the lifecycle tables
 * answer whether (app/domain/project_lifecycle.ts, contract_lifecycle.ts).
 * The templates only read the answers; they never compare a state.
 */
import type { HttpContext } from '@adonisjs/core/http'
import type Project from '#models/project'
import type Contract from '#models/contract'
import ProjectPolicy from '#policies/project_policy'
import ObjectionPolicy from '#policies/objection_policy'
import ComplaintPolicy from '#policies/complaint_policy'
import {
  awaits,
  awaitsLowQuoteDecision,
  isDraft,
  mayTransition,
  objectionsOpen,
  resultPublished,
  takingResponses,
  type ProjectState,
} from '#domain/project_lifecycle'
import { alternateNeeded, type ContractState } from '#domain/contract_lifecycle'
import type { SelectionMethod } from '#domain/selection'

/** The project as far as the rules need it, and the visitor's own bid this round. */
export type ProjectActionFacts = {
  status: ProjectState
  stage: string | null
  method: SelectionMethod
  /** The state of the project's latest contract, if any. */
  latestContract: ContractState | null
  /** The visiting agency's active bid of this round. */
  myBid: { abnormallyLow: boolean; justification: string | null } | null
  /** The visiting agency responded in this round (it may object to the result). */
  participated: boolean
  /** Service plans waiting for the owner's blind scores. */
  blindPlanCount: number
}

/** Who the visitor is to this project, as the policies answer it. */
export type ProjectViewerRights = {
  manage: boolean
  respond: boolean
  answerDirect: boolean
  fileObjection: boolean
  decideObjections: boolean
  /** Visitors, owners and agencies complain; the staff who answer complaints do not. */
  fileComplaint?: boolean
}

export const NO_RIGHTS: ProjectViewerRights = {
  manage: false,
  respond: false,
  answerDirect: false,
  fileObjection: false,
  decideObjections: false,
}

/** Each action the page offers, true only when this visitor may take it now. */
export function projectActions(facts: ProjectActionFacts, rights: ProjectViewerRights) {
  const publishable = rights.manage && mayTransition(facts.status, 'publish')
  const publish = publishable && isDraft(facts.status)
  // 流标: publication again, with a new deadline (and for direct selection another agency).
  const republish = publishable && !isDraft(facts.status)
  const cancel = rights.manage && mayTransition(facts.status, 'cancel')
  const bid = rights.respond && takingResponses(facts.status)
  return {
    /** The owner's panel. */
    manage: rights.manage,
    publish,
    republish,
    /** Attachments are added to a draft only. */
    editDraft: rights.manage && isDraft(facts.status),
    /** 终止项目: before the opening only — never after the result or the award. */
    cancel,
    /** Nothing for the owner to do on this page: the panel says what comes next. */
    ownerWaits: rights.manage && !publish && !republish && !cancel,
    /** 候补: only after the winner refused or let the signing window pass. */
    takeNextAlternate: rights.manage && alternateNeeded(facts.status, facts.latestContract),
    bid,
    withdrawBid: bid && facts.myBid !== null,
    respondDirect: rights.answerDirect && awaits(facts, 'confirmation'),
    /** 异常低价说明: once, while the justification window is open. */
    justify:
      facts.myBid !== null &&
      facts.myBid.abnormallyLow &&
      facts.myBid.justification === null &&
      awaits(facts, 'justification'),
    decideLowQuotes: rights.manage && awaitsLowQuoteDecision(facts),
    pickFromShortlist: rights.manage && awaits(facts, 'pick'),
    scorePlans: rights.manage && facts.blindPlanCount > 0 && awaits(facts, 'plan_scores'),
    object: rights.fileObjection && facts.participated && objectionsOpen(facts.status),
    decideObjections: rights.decideObjections,
    /** 投诉 about a published project (a draft is nobody's business but its owner's). */
    complain: Boolean(rights.fileComplaint) && !isDraft(facts.status),
  }
}
export type ProjectActions = ReturnType<typeof projectActions>

/** What the page shows of the project itself, by its state and method. */
export function projectShows(facts: {
  status: ProjectState
  stage: string | null
  method: SelectionMethod
  /** Draws the result published (tie-breaks, the base, the shortlist). */
  drawCount: number
  /** Why the draw is not public yet. */
  pendingCount: number
}) {
  return {
    countdown: takingResponses(facts.status),
    creditLists: facts.method === 'credit_preferred',
    servicePlans: facts.method === 'scored',
    directAgency: facts.method === 'direct',
    resultPublished: resultPublished(facts.status),
    awaitingPlanScores: awaits(facts, 'plan_scores'),
    /** A lowest price without a tie draws nothing: no draw section then, only the proof link. */
    draw: facts.pendingCount > 0 || facts.drawCount > 0,
  }
}
export type ProjectShows = ReturnType<typeof projectShows>

/** The policies' answers for this visitor (a guest is denied each of them). */
export async function projectViewerRights(
  bouncer: HttpContext['bouncer'],
  project: Project
): Promise<ProjectViewerRights> {
  const projects = bouncer.with(ProjectPolicy)
  const objections = bouncer.with(ObjectionPolicy)
  return {
    manage: await projects.allows('manage', project),
    respond: await projects.allows('respond', project),
    answerDirect: await projects.allows('answerDirect', project),
    fileObjection: await objections.allows('file'),
    decideObjections: await objections.allows('decide'),
    fileComplaint: await bouncer.with(ComplaintPolicy).allows('file'),
  }
}

/** The actions of the project page for this visitor. */
export async function projectActionsFor(
  bouncer: HttpContext['bouncer'],
  project: Project,
  latestContract: Contract | null,
  visitor: {
    myBid: ProjectActionFacts['myBid']
    participated: boolean
    blindPlanCount: number
  }
) {
  const rights = await projectViewerRights(bouncer, project)
  return projectActions(
    {
      status: project.status,
      stage: project.stage,
      method: project.method,
      latestContract: latestContract?.status ?? null,
      ...visitor,
    },
    rights
  )
}
