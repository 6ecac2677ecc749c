/*
 * What a party may do in the service section of a contract page (SPEC
 * "Service delivery"): the policies answer who (ContractPolicy), the
 * lifecycle tables whether (a contract in force, the project's service state).
 */
import type { HttpContext } from '@adonisjs/core/http'
import type Contract from '#models/contract'
import type Project from '#models/project'
import ContractPolicy from '#policies/contract_policy'
import {
  contractInForce,
  contractOpen,
  nextContractState,
  nextTerminationState,
  type ContractState,
  type TerminationState,
} from '#domain/contract_lifecycle'
import {
  mayTransition,
  serviceAccepted,
  serviceRunning,
  type ProjectState,
} from '#domain/project_lifecycle'

export type ContractServiceFacts = {
  contract: ContractState
  project: ProjectState
  /** 补正: the owner stopped the clock. */
  paused: boolean
  /** The approving department already recorded its outcome. */
  approvalRecorded: boolean
  /** The agency already rated the owner. */
  ownerRated: boolean
}

/** Who the user is to the contract, as ContractPolicy answers it. */
export type ContractServiceRights = {
  /** The owner of the contract: pauses, resumes, accepts or returns, rates the agency. */
  manageService: boolean
  /** The agency of the contract: delivers, rates the owner. */
  deliver: boolean
  /** A regulator of the approving department (审批部门). */
  recordApproval: boolean
}

/** Each service action, true only when this user may take it now. */
export function contractServiceActions(facts: ContractServiceFacts, rights: ContractServiceRights) {
  // Nothing is delivered, paused or rated under a contract that is not in force.
  const running = contractInForce(facts.contract)
  const working = running && serviceRunning(facts.project) && !facts.paused
  const accepted = running && serviceAccepted(facts.project)
  return {
    canPause: working && rights.manageService,
    canResume: running && rights.manageService && facts.paused,
    canDeliver: working && rights.deliver,
    canReview: running && rights.manageService && mayTransition(facts.project, 'accept'),
    canEvaluate: running && rights.manageService && mayTransition(facts.project, 'evaluate'),
    canRateOwner: accepted && rights.deliver && !facts.ownerRated,
    canRecordApproval: accepted && rights.recordApproval && !facts.approvalRecorded,
  }
}
export type ContractServiceActions = ReturnType<typeof contractServiceActions>

/** Who the user is to the contract's text, as ContractPolicy answers it. */
export type ContractRights = { edit: boolean; sign: boolean; refuse: boolean }

/**
 * The contract's own forms: the owner amends the terms and the parties sign
 * or refuse while the text is open; the owner terminates one in force.
 */
export function contractActions(state: ContractState, rights: ContractRights) {
  const open = contractOpen(state)
  return {
    editTerms: rights.edit && open,
    sign: rights.sign && open,
    refuse: rights.refuse && open,
    terminate: rights.edit && nextContractState(state, 'terminate') !== null,
    /** The service section: under a contract in force, or once something was delivered. */
    service: contractInForce(state),
  }
}
export type ContractActions = ReturnType<typeof contractActions>

/** Where a termination stands, as the contract page needs it. */
export type TerminationFacts = { status: TerminationState; contestOpen: boolean } | null

/** Who the user is to a termination, as ContractPolicy answers it. */
export type TerminationRights = { answer: boolean; decide: boolean }

/**
 * The termination's forms: the agency contests or agrees while the window is
 * open; a regulator decides a contest. The lifecycle table says whether.
 */
export function terminationActions(facts: TerminationFacts, rights: TerminationRights) {
  const may = (step: 'contest' | 'agree' | 'decide') =>
    facts !== null && nextTerminationState(facts.status, step) !== null
  return {
    contest: rights.answer && may('contest') && facts!.contestOpen,
    agree: rights.answer && may('agree') && facts!.contestOpen,
    decide: rights.decide && may('decide'),
  }
}
export type TerminationActions = ReturnType<typeof terminationActions>

/** The termination's forms for this user. */
export async function terminationActionsFor(
  bouncer: HttpContext['bouncer'],
  contract: Contract,
  facts: TerminationFacts
) {
  const policy = bouncer.with(ContractPolicy)
  return terminationActions(facts, {
    answer: await policy.allows('answerTermination', contract),
    decide: await policy.allows('decideTermination'),
  })
}

/** The contract page's forms for this user. */
export async function contractActionsFor(bouncer: HttpContext['bouncer'], contract: Contract) {
  const policy = bouncer.with(ContractPolicy)
  return contractActions(contract.status, {
    edit: await policy.allows('edit', contract),
    sign: await policy.allows('sign', contract),
    refuse: await policy.allows('refuse', contract),
  })
}

/** The service actions of a contract page for this user. */
export async function contractServiceActionsFor(
  bouncer: HttpContext['bouncer'],
  contract: Contract,
  project: Project,
  ownerRated: boolean
) {
  const policy = bouncer.with(ContractPolicy)
  const facts: ContractServiceFacts = {
    contract: contract.status,
    project: project.status,
    paused: contract.pausedAt !== null,
    approvalRecorded: contract.approvalOutcome !== null,
    ownerRated,
  }
  const rights = {
    manageService: await policy.allows('manageService', contract),
    deliver: await policy.allows('deliver', contract),
    recordApproval: false,
  }
  // The approving department is looked up (two queries) only when an approval could be recorded.
  const approvalDue = contractServiceActions(facts, { ...rights, recordApproval: true })
  if (approvalDue.canRecordApproval) {
    rights.recordApproval = await policy.allows('recordApproval', contract)
  }
  return contractServiceActions(facts, rights)
}
