/*
 * 好差评: after acceptance the owner rates the agency within the evaluation
 * window (15 working days). Rating is voluntary (自主自愿): silence gives a
 * default good rating that counts in the statistics only, never in credit
 * (it could otherwise be farmed by silent owners). The agency rates the owner, the
 * rated side replies once, and a bad rating opens a follow-up case that
 * regulators take through 整改 → 督办 → 回访.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import type Contract from '#models/contract'
import Evaluation from '#models/evaluation'
import FollowUpCase from '#models/follow_up_case'
import FollowUpStep from '#models/follow_up_step'
import type Project from '#models/project'
import type User from '#models/user'
import StateConflictException from '#exceptions/state_conflict_exception'
import {
  DEFAULT_AGENCY_RATING,
  creditEventForRating,
  isBadRating,
  meanRating,
  nextFollowUpStatus,
  type AgencyRating,
  type FollowUpStep as FollowUpStepName,
  type OwnerRating,
} from '#domain/service_delivery'
import { DISPLAY_ZONE } from '#domain/time_zone'
import { transition } from '#actions/projects/project_lifecycle'
import { lockContractWithProject, rulesOfProject } from '#actions/delivery/service_delivery'
import { recordAuditEvent } from '#services/audit_log'
import { recordCreditEvent } from '#services/credit_ledger'
import { relationReason } from '#domain/related_parties'
import { relationsOfParties } from '#queries/related_parties'
import { notify, regulatorOrganizationIds } from '#services/notifications'
import { clock } from '#services/clock'

type Actor = Pick<User, 'id' | 'role'> | null

function now() {
  return DateTime.fromJSDate(clock.now())
}

/**
 * 自我交易: a rating between an owner and an agency that are related (one
 * phone, e-mail, person or device) is kept and shown but earns no credit;
 * the reason is stored on it for the regulators' signals.
 */
async function creditWithheldReason(
  contract: Contract,
  project: Project,
  trx: TransactionClientContract
) {
  const relations = await relationsOfParties(
    contract.ownerOrganizationId,
    contract.agencyOrganizationId,
    trx,
    [project.contactPhone]
  )
  return relationReason(relations)
}

/**
 * Writes the owner's rating of the agency (given or by default), moves the
 * project to `evaluated`, records the credit event a given rating earns (none
 * between related parties, none for a default rating) and, for a bad rating,
 * opens the follow-up case.
 */
async function writeAgencyEvaluation(
  contract: Contract,
  project: Project,
  rating: AgencyRating,
  comment: string | null,
  rater: User | null,
  trx: TransactionClientContract
) {
  transition(project, 'evaluate')
  await project.save()
  const withheld = await creditWithheldReason(contract, project, trx)
  const evaluation = await Evaluation.create(
    {
      contractId: contract.id,
      direction: 'of_agency',
      raterOrganizationId: contract.ownerOrganizationId,
      ratedOrganizationId: contract.agencyOrganizationId,
      ...rating,
      comment,
      origin: rater ? 'rater' : 'default',
      createdByUserId: rater?.id ?? null,
      creditWithheldReason: withheld,
    },
    { client: trx }
  )
  await recordAuditEvent(trx, {
    actor: rater,
    action: rater ? 'evaluation.given' : 'evaluation.defaulted',
    subjectType: 'contract',
    subjectId: contract.id,
    payload: {
      evaluationId: evaluation.id,
      direction: 'of_agency',
      ...rating,
      creditWithheld: withheld,
    },
  })
  const type = creditEventForRating(rating, rater ? 'rater' : 'default')
  if (type && !withheld) {
    await recordCreditEvent(trx, {
      organizationId: contract.agencyOrganizationId,
      type,
      reason: `项目 ${project.code} 业主评价：平均 ${meanRating(rating)} 分`,
      evidence: { type: 'evaluation', id: evaluation.id },
      actor: rater,
    })
  }
  if (isBadRating(rating)) {
    const followUp = await FollowUpCase.create(
      {
        evaluationId: evaluation.id,
        agencyOrganizationId: contract.agencyOrganizationId,
        status: 'open',
      },
      { client: trx }
    )
    await recordAuditEvent(trx, {
      actor: rater,
      action: 'follow_up.opened',
      subjectType: 'follow_up_case',
      subjectId: followUp.id,
      payload: { evaluationId: evaluation.id, contractId: contract.id },
    })
    await notify(trx, {
      organizationIds: await regulatorOrganizationIds(trx),
      projectId: project.id,
      kind: 'follow_up.opened',
      data: { code: project.code, title: project.title },
    })
  }
  await notify(trx, {
    organizationIds: [contract.agencyOrganizationId],
    projectId: project.id,
    kind: 'evaluation.received',
    data: { code: project.code, title: project.title },
  })
  return evaluation
}

/** The owner rates the agency, once, within the evaluation window. */
export async function evaluateAgency(
  contract: Contract,
  input: AgencyRating & { comment?: string },
  owner: User
) {
  return db.transaction(async (trx) => {
    const { contract: locked, project } = await lockContractWithProject(contract.id, trx)
    if (project.status === 'evaluated' || project.status === 'closed') {
      throw new StateConflictException({ identifier: 'messages.evaluations.alreadyGiven' })
    }
    if (locked.evaluationDueAt === null || now() >= locked.evaluationDueAt) {
      const rules = await rulesOfProject(project, trx)
      throw new StateConflictException({
        identifier: 'messages.evaluations.windowClosed',
        data: { days: rules.evaluationWindowWorkingDays },
      })
    }
    const { comment, ...rating } = input
    return writeAgencyEvaluation(locked, project, rating, comment ?? null, owner, trx)
  })
}

/** The agency rates the owner (政务诚信), once, after acceptance. */
export async function evaluateOwner(
  contract: Contract,
  input: OwnerRating & { comment?: string },
  agency: User
) {
  return db.transaction(async (trx) => {
    const { contract: locked, project } = await lockContractWithProject(contract.id, trx)
    if (!['accepted', 'evaluated', 'closed'].includes(project.status)) {
      throw new StateConflictException({ identifier: 'messages.service.notAccepted' })
    }
    const existing = await trx
      .from('evaluations')
      .where('contract_id', locked.id)
      .where('direction', 'of_owner')
      .first()
    if (existing) {
      throw new StateConflictException({ identifier: 'messages.evaluations.alreadyGiven' })
    }
    const withheld = await creditWithheldReason(locked, project, trx)
    const evaluation = await Evaluation.create(
      {
        contractId: locked.id,
        direction: 'of_owner',
        raterOrganizationId: locked.agencyOrganizationId,
        ratedOrganizationId: locked.ownerOrganizationId,
        cooperation: input.cooperation,
        paymentTimeliness: input.paymentTimeliness,
        comment: input.comment ?? null,
        origin: 'rater',
        createdByUserId: agency.id,
        creditWithheldReason: withheld,
      },
      { client: trx }
    )
    await recordAuditEvent(trx, {
      actor: agency,
      action: 'evaluation.given',
      subjectType: 'contract',
      subjectId: locked.id,
      payload: {
        evaluationId: evaluation.id,
        direction: 'of_owner',
        cooperation: input.cooperation,
        paymentTimeliness: input.paymentTimeliness,
        creditWithheld: withheld,
      },
    })
    await notify(trx, {
      organizationIds: [locked.ownerOrganizationId],
      projectId: project.id,
      kind: 'evaluation.received',
      data: { code: project.code, title: project.title },
    })
    return evaluation
  })
}

/** The rated side answers an evaluation once; the reply is public beside it. */
export async function replyToEvaluation(evaluation: Evaluation, text: string, user: User) {
  return db.transaction(async (trx) => {
    const locked = await Evaluation.query({ client: trx })
      .where('id', evaluation.id)
      .forUpdate()
      .firstOrFail()
    if (locked.reply !== null) {
      throw new StateConflictException({ identifier: 'messages.evaluations.alreadyReplied' })
    }
    locked.merge({ reply: text, repliedAt: now() })
    await locked.save()
    await recordAuditEvent(trx, {
      actor: user,
      action: 'evaluation.replied',
      subjectType: 'contract',
      subjectId: locked.contractId,
      payload: { evaluationId: locked.id, reply: text },
    })
    return locked
  })
}

/**
 * Tick: when the evaluation window is over, an accepted project gets the
 * default good rating, and an evaluated one is closed.
 */
export async function settleEvaluation(contractId: number) {
  return db.transaction(async (trx) => {
    const { contract, project } = await lockContractWithProject(contractId, trx)
    if (contract.evaluationDueAt === null || contract.evaluationDueAt > now()) return null
    if (project.status === 'accepted') {
      await writeAgencyEvaluation(contract, project, DEFAULT_AGENCY_RATING, null, null, trx)
      return 'defaulted' as const
    }
    if (project.status !== 'evaluated') return null
    transition(project, 'close')
    await project.save()
    await recordAuditEvent(trx, {
      actor: null,
      action: 'project.closed',
      subjectType: 'project',
      subjectId: project.id,
      payload: { code: project.code, contractId: contract.id },
    })
    return 'closed' as const
  })
}

/**
 * A regulator records the next step of a follow-up case (整改, then 督办 as
 * often as needed, then 回访, which closes it), each with a date and a note.
 */
export async function recordFollowUpStep(
  followUp: FollowUpCase,
  input: { step: FollowUpStepName; date?: Date; note: string },
  regulator: Actor & User
) {
  return db.transaction(async (trx) => {
    const locked = await FollowUpCase.query({ client: trx })
      .where('id', followUp.id)
      .forUpdate()
      .firstOrFail()
    const next = nextFollowUpStatus(locked.status, input.step)
    if (!next) {
      throw new StateConflictException({
        identifier: 'messages.followUps.outOfOrder',
        data: { step: input.step, status: locked.status },
      })
    }
    const stepDate = input.date
      ? DateTime.fromJSDate(input.date, { zone: DISPLAY_ZONE })
      : now().setZone(DISPLAY_ZONE)
    const step = await FollowUpStep.create(
      {
        caseId: locked.id,
        step: input.step,
        stepDate: stepDate.startOf('day'),
        note: input.note,
        userId: regulator.id,
      },
      { client: trx }
    )
    locked.status = next
    await locked.save()
    await recordAuditEvent(trx, {
      actor: regulator,
      action: 'follow_up.step_recorded',
      subjectType: 'follow_up_case',
      subjectId: locked.id,
      payload: {
        stepId: step.id,
        step: input.step,
        date: stepDate.toISODate(),
        note: input.note,
        status: next,
      },
    })
    return locked
  })
}
