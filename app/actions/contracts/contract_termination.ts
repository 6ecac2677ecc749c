/*
 * 合同解除, two-sided. The owner terminates a contract in force on grounds
 * from a closed list (breach naming the clause and facts, agreement, force
 * majeure) with a statement: the contract and the project end at once and
 * open payment attempts are cancelled. The agency then has the contest
 * window: it contests (a regulator decides within the decision limit, marked
 * overdue once when late) or agrees to a full refund; the window lapsing
 * settles the termination. Paid milestones are refunded only once the
 * termination is settled or decided, and only as its outcome says
 * (#domain/termination_refunds), through the payment machinery.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import Contract from '#models/contract'
import ContractTermination from '#models/contract_termination'
import Milestone from '#models/milestone'
import type User from '#models/user'
import StateConflictException from '#exceptions/state_conflict_exception'
import InvalidInputException from '#exceptions/invalid_input_exception'
import { recordAuditEvent } from '#services/audit_log'
import { notify, regulatorOrganizationIds } from '#services/notifications'
import { rulesInForce, rulesOfVersion } from '#services/market_rules'
import { workingPeriodEnd } from '#services/calendar'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'
import {
  contractInForce,
  nextTerminationState,
  terminationFinal,
  type TerminationGround,
  type TerminationTransition,
} from '#domain/contract_lifecycle'
import {
  defaultDecisionScope,
  milestonesToRefund,
  refundScopeOf,
  type RefundScope,
  type TerminationDecision,
} from '#domain/termination_refunds'
import { movedContract } from '#actions/contracts/contract_lifecycle'
import { lockProject, transition } from '#actions/projects/project_lifecycle'
import { refundContract, type RefundReport } from '#actions/payments/refund_contract'

type Actor = Pick<User, 'id' | 'role'> | null

export type TerminationInput = {
  ground: TerminationGround
  breachClause?: string | null
  statement: string
}

function now() {
  return DateTime.fromJSDate(clock.now())
}

/** The termination's next state, or a 409 when its state does not allow the step. */
function moved(termination: ContractTermination, step: TerminationTransition, identifier: string) {
  const next = nextTerminationState(termination.status, step)
  if (!next) throw new StateConflictException({ identifier })
  return next
}

async function lockTermination(contractId: number, trx: TransactionClientContract) {
  const termination = await ContractTermination.query({ client: trx })
    .where('contract_id', contractId)
    .forUpdate()
    .first()
  if (!termination) {
    throw new StateConflictException({ identifier: 'terminations.errors.none' })
  }
  return termination
}

async function rulesOfProject(projectId: number, trx: TransactionClientContract) {
  const project = await trx
    .from('projects')
    .where('id', projectId)
    .select('ruleset_version')
    .first()
  if (project?.ruleset_version) return rulesOfVersion(Number(project.ruleset_version), trx)
  const { rules } = await rulesInForce(clock.now(), trx)
  return rules
}

async function projectFacts(projectId: number, trx: TransactionClientContract) {
  const row = await trx
    .from('projects')
    .where('id', projectId)
    .select('code', 'title')
    .firstOrFail()
  return { code: String(row.code), title: String(row.title) }
}

/**
 * 解除合同: the owner ends a contract in force. The contract and the project
 * are terminated in one transaction with the termination record and its
 * contest window; open payment attempts are cancelled after the commit.
 * Nothing is refunded yet: that waits for the agency's answer or the window.
 */
export async function terminateContract(contract: Contract, input: TerminationInput, owner: User) {
  if (input.ground === 'breach' && !input.breachClause?.trim()) {
    throw new InvalidInputException([
      {
        field: 'breachClause',
        rule: 'required',
        identifier: 'terminations.errors.breachClauseRequired',
      },
    ])
  }
  const breachClause = input.ground === 'breach' ? input.breachClause!.trim() : null
  const { terminated, termination } = await db.transaction(async (trx) => {
    const locked = await Contract.query({ client: trx })
      .where('id', contract.id)
      .forUpdate()
      .firstOrFail()
    if (!contractInForce(locked.status)) {
      throw new StateConflictException({ identifier: 'messages.contracts.notInForce' })
    }
    const project = (await lockProject(locked.projectId, trx))!
    transition(project, 'terminate')
    await project.save()
    const at = now()
    locked.merge({
      status: movedContract(locked, 'terminate'),
      terminatedAt: at,
      terminationReason: input.statement,
    })
    await locked.save()
    const rules = await rulesOfProject(project.id, trx)
    const record = await ContractTermination.create(
      {
        contractId: locked.id,
        projectId: project.id,
        ground: input.ground,
        breachClause,
        statement: input.statement,
        terminatedByUserId: owner.id,
        terminatedAt: at,
        contestDueAt: DateTime.fromJSDate(
          await workingPeriodEnd(at.toJSDate(), rules.terminationContestWorkingDays, trx)
        ),
        status: 'contestable',
        createdAt: at,
      },
      { client: trx }
    )
    const about = { ground: input.ground, breachClause, statement: input.statement }
    await recordAuditEvent(trx, {
      actor: owner,
      action: 'contract.terminated',
      subjectType: 'contract',
      subjectId: locked.id,
      payload: {
        projectId: project.id,
        reason: input.statement,
        terminationId: record.id,
        ...about,
        contestDueAt: record.contestDueAt.toUTC().toISO(),
      },
    })
    await recordAuditEvent(trx, {
      actor: owner,
      action: 'project.terminated',
      subjectType: 'project',
      subjectId: project.id,
      payload: { code: project.code, contractId: locked.id, reason: input.statement },
    })
    await notify(trx, {
      organizationIds: [locked.agencyOrganizationId],
      kind: 'contract.terminated',
      projectId: project.id,
      data: {
        code: project.code,
        title: project.title,
        reason: input.statement,
        ground: input.ground,
        deadline: record.contestDueAt.toISO(),
      },
    })
    return { terminated: locked, termination: record }
  })
  // No money arrives under a contract that ended: open attempts are cancelled now.
  const refunds = await refundContract(terminated, input.statement, owner, { milestoneIds: [] })
  return { contract: terminated, termination, refunds }
}

/** The agency of the contract contests the termination within the window: a regulator decides. */
export async function contestTermination(contract: Contract, reason: string, agency: User) {
  return db.transaction(async (trx) => {
    const termination = await lockTermination(contract.id, trx)
    const status = moved(termination, 'contest', 'terminations.errors.answered')
    if (clock.now() >= termination.contestDueAt.toJSDate()) {
      throw new StateConflictException({ identifier: 'terminations.errors.windowClosed' })
    }
    const rules = await rulesOfProject(termination.projectId, trx)
    const at = now()
    termination.merge({
      status,
      agencyAnswer: 'contested',
      contestReason: reason,
      answeredByUserId: agency.id,
      answeredAt: at,
      decisionDueAt: DateTime.fromJSDate(
        await workingPeriodEnd(at.toJSDate(), rules.terminationDecisionWorkingDays, trx)
      ),
    })
    await termination.save()
    await recordAuditEvent(trx, {
      actor: agency,
      action: 'contract.termination_contested',
      subjectType: 'contract',
      subjectId: contract.id,
      payload: {
        terminationId: termination.id,
        reason,
        decisionDueAt: termination.decisionDueAt!.toUTC().toISO(),
      },
    })
    const facts = await projectFacts(termination.projectId, trx)
    await notify(trx, {
      organizationIds: [contract.ownerOrganizationId, ...(await regulatorOrganizationIds(trx))],
      kind: 'termination.contested',
      projectId: termination.projectId,
      data: { ...facts, reason, deadline: termination.decisionDueAt!.toISO() },
    })
    return termination
  })
}

/**
 * The agency agrees within the window: to a full refund of what it was paid
 * (for a termination by agreement, its consent). The termination is settled.
 */
export async function agreeToTermination(contract: Contract, agency: User) {
  const termination = await db.transaction(async (trx) => {
    const locked = await lockTermination(contract.id, trx)
    const status = moved(locked, 'agree', 'terminations.errors.answered')
    if (clock.now() >= locked.contestDueAt.toJSDate()) {
      throw new StateConflictException({ identifier: 'terminations.errors.windowClosed' })
    }
    const at = now()
    locked.merge({ status, agencyAnswer: 'agreed', answeredByUserId: agency.id, answeredAt: at })
    return settle(locked, 'contract.termination_agreed', agency, trx)
  })
  return { termination, refunds: await requestTerminationRefunds(termination.id, agency) }
}

/** A regulator upholds or rejects a contested termination, with reasons and the refund it orders. */
export async function decideTermination(
  contract: Contract,
  input: { decision: TerminationDecision; reasons: string; refundScope?: RefundScope | null },
  regulator: User
) {
  const termination = await db.transaction(async (trx) => {
    const locked = await lockTermination(contract.id, trx)
    const status = moved(locked, 'decide', 'terminations.errors.notContested')
    locked.merge({
      status,
      decision: input.decision,
      decisionReasons: input.reasons,
      refundScope: input.refundScope ?? defaultDecisionScope(input.decision),
      decidedByUserId: regulator.id,
      decidedAt: now(),
    })
    return settle(locked, 'contract.termination_decided', regulator, trx)
  })
  return { termination, refunds: await requestTerminationRefunds(termination.id, regulator) }
}

/** The tick: a window that closed without an answer settles the termination (once). */
export async function lapseTermination(terminationId: number) {
  const settled = await db.transaction(async (trx) => {
    const locked = await ContractTermination.query({ client: trx })
      .where('id', terminationId)
      .forUpdate()
      .first()
    if (
      !locked ||
      nextTerminationState(locked.status, 'lapse') === null ||
      locked.contestDueAt.toMillis() > clock.now().getTime()
    ) {
      return null
    }
    locked.status = moved(locked, 'lapse', 'terminations.errors.answered')
    return settle(locked, 'contract.termination_settled', null, trx)
  })
  if (settled) await requestTerminationRefunds(settled.id, null)
  return settled !== null
}

/**
 * Records the outcome (the refund scope, settled now) with its audit event and
 * tells both parties. The refunds follow after the commit.
 */
async function settle(
  termination: ContractTermination,
  action: string,
  actor: Actor,
  trx: TransactionClientContract
) {
  const refundScope = refundScopeOf({
    ground: termination.ground,
    agencyAnswer: termination.agencyAnswer,
    decision: termination.decision
      ? { outcome: termination.decision, refundScope: termination.refundScope ?? 'unaccepted' }
      : null,
  })
  termination.merge({ refundScope, settledAt: now() })
  await termination.save()
  await recordAuditEvent(trx, {
    actor,
    action,
    subjectType: 'contract',
    subjectId: termination.contractId,
    payload: {
      terminationId: termination.id,
      agencyAnswer: termination.agencyAnswer,
      decision: termination.decision,
      reasons: termination.decisionReasons,
      refundScope,
    },
  })
  const contract = await trx
    .from('contracts')
    .where('id', termination.contractId)
    .select('owner_organization_id', 'agency_organization_id')
    .firstOrFail()
  await notify(trx, {
    organizationIds: [
      Number(contract.owner_organization_id),
      Number(contract.agency_organization_id),
    ],
    kind: 'termination.settled',
    projectId: termination.projectId,
    data: {
      ...(await projectFacts(termination.projectId, trx)),
      outcome: termination.decision ?? termination.agencyAnswer ?? 'lapsed',
      scope: refundScope,
    },
  })
  return termination
}

/**
 * Asks Stripe for the refunds a settled or decided termination owes (the
 * milestones its scope names); marked once asked. Asking again (the tick
 * retrying after a crash) refunds nothing twice: the payment machinery's
 * idempotency keys see to that.
 */
export async function requestTerminationRefunds(
  terminationId: number,
  actor: Actor
): Promise<RefundReport | null> {
  const termination = await ContractTermination.findOrFail(terminationId)
  if (!terminationFinal(termination.status) || !termination.refundScope) return null
  const contract = await Contract.findOrFail(termination.contractId)
  const milestones = await Milestone.query().where('contract_id', contract.id).orderBy('position')
  const milestoneIds = milestonesToRefund(
    milestones.map((milestone) => ({ id: milestone.id, accepted: milestone.acceptedAt !== null })),
    termination.refundScope
  )
  const report = await refundContract(contract, termination.statement, actor, { milestoneIds })
  if (report.errors.length === 0 && termination.refundsRequestedAt === null) {
    await ContractTermination.query()
      .where('id', termination.id)
      .whereNull('refunds_requested_at')
      .update({ refunds_requested_at: sqlTime(clock.now()) })
  }
  return report
}

/** The tick: a contest a regulator has not decided by its limit is marked once, regulators told. */
export async function markTerminationOverdue(terminationId: number) {
  return db.transaction(async (trx) => {
    const termination = await ContractTermination.query({ client: trx })
      .where('id', terminationId)
      .forUpdate()
      .first()
    const at = clock.now()
    if (
      !termination ||
      termination.status !== 'contested' ||
      termination.overdueAt !== null ||
      !termination.decisionDueAt ||
      termination.decisionDueAt.toMillis() > at.getTime()
    ) {
      return false
    }
    termination.overdueAt = DateTime.fromJSDate(at)
    await termination.save()
    await recordAuditEvent(trx, {
      actor: null,
      action: 'contract.termination_overdue',
      subjectType: 'contract',
      subjectId: termination.contractId,
      payload: {
        terminationId: termination.id,
        dueAt: termination.decisionDueAt.toUTC().toISO(),
      },
    })
    await notify(trx, {
      organizationIds: await regulatorOrganizationIds(trx),
      kind: 'termination.overdue',
      projectId: termination.projectId,
      data: {
        ...(await projectFacts(termination.projectId, trx)),
        deadline: termination.decisionDueAt.toISO(),
      },
    })
    return true
  })
}

/** 节点验收: the owner confirms a milestone's work as accepted, under a contract in force. */
export async function acceptMilestone(milestone: Milestone, contract: Contract, owner: User) {
  return db.transaction(async (trx) => {
    const lockedContract = await Contract.query({ client: trx })
      .where('id', contract.id)
      .forUpdate()
      .firstOrFail()
    if (!contractInForce(lockedContract.status)) {
      throw new StateConflictException({ identifier: 'messages.contracts.notInForce' })
    }
    const locked = await Milestone.query({ client: trx })
      .where('id', milestone.id)
      .forUpdate()
      .firstOrFail()
    if (locked.acceptedAt !== null) {
      throw new StateConflictException({ identifier: 'terminations.errors.milestoneAccepted' })
    }
    locked.merge({ acceptedAt: now(), acceptedByUserId: owner.id })
    await locked.save()
    await recordAuditEvent(trx, {
      actor: owner,
      action: 'contract.milestone_accepted',
      subjectType: 'contract',
      subjectId: lockedContract.id,
      payload: { milestoneId: locked.id, position: locked.position, amountFen: locked.amountFen },
    })
    return locked
  })
}
