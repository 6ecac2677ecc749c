/*
 * 限时办结: the service clock of a signed contract, the agency's deliverables
 * and the owner's acceptance or return, and the approving department's
 * outcome. Each step is one transaction under the contract's and the
 * project's row locks, re-checks the state inside, and is written to the
 * audit log — which, read per contract, is the execution log (执业记录).
 */
import db from '@adonisjs/lucid/services/db'
import { refuseInput } from '#exceptions/invalid_input_exception'
import drive from '@adonisjs/drive/services/main'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { DateTime } from 'luxon'
import Contract from '#models/contract'
import Deliverable from '#models/deliverable'
import DeliverableFile from '#models/deliverable_file'
import { indexDeliverable } from '#actions/similarity/index_deliverable_files'
import Project from '#models/project'
import type User from '#models/user'
import StateConflictException from '#exceptions/state_conflict_exception'
import {
  creditEventForApproval,
  creditEventForDepartmentRating,
  type ApprovalOutcome,
} from '#domain/service_delivery'
import { DISPLAY_ZONE } from '#domain/time_zone'
import { workingDaysBetween } from '#domain/working_days'
import { fieldValuesOf } from '#queries/contract_text'
import { lockProject, transition } from '#actions/projects/project_lifecycle'
import { calendarExceptions, workingPeriodEnd } from '#services/calendar'
import { recordAuditEvent } from '#services/audit_log'
import { recordCreditEvent } from '#services/credit_ledger'
import { notify } from '#services/notifications'
import { rulesInForce, rulesOfVersion } from '#services/market_rules'
import { storeUpload } from '#services/uploads'
import { ArchiveBombError, extractText } from '#services/text_extraction'
import { zipBombMessageData } from '#validators/rules/file_content'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'
import { contractInForce } from '#domain/contract_lifecycle'

type Actor = Pick<User, 'id' | 'role'> | null

/** A contract and its project, both locked (contract first, as signing does). */
export async function lockContractWithProject(contractId: number, trx: TransactionClientContract) {
  const contract = await Contract.query({ client: trx })
    .where('id', contractId)
    .forUpdate()
    .firstOrFail()
  const project = (await lockProject(contract.projectId, trx))!
  return { contract, project }
}

/** A signed contract and its project, both locked, or 409. */
async function lockService(contractId: number, trx: TransactionClientContract) {
  const locked = await lockContractWithProject(contractId, trx)
  if (!contractInForce(locked.contract.status)) {
    throw new StateConflictException({ identifier: 'messages.service.notInService' })
  }
  return locked
}

/** 409 unless the agency may deliver now: the service runs, is not paused, and awaits a delivery. */
function assertDeliveryOpen(contract: Contract, project: Project) {
  if (!contractInForce(contract.status)) {
    throw new StateConflictException({ identifier: 'messages.service.notInService' })
  }
  if (contract.pausedAt !== null) {
    throw new StateConflictException({ identifier: 'messages.service.deliveryWhilePaused' })
  }
  transition(project, 'deliver')
}

/** The rules the project runs under (the version it was published with). */
export async function rulesOfProject(project: Project, trx: TransactionClientContract) {
  if (project.rulesetVersion) return rulesOfVersion(project.rulesetVersion, trx)
  const { rules } = await rulesInForce(clock.now(), trx)
  return rules
}

function now() {
  return DateTime.fromJSDate(clock.now())
}

/** Working days between two moments, by the days they fall on in Beijing. */
async function workingDaysSpanned(from: DateTime, to: DateTime, trx: TransactionClientContract) {
  const first = from.setZone(DISPLAY_ZONE).toISODate()!
  const last = to.setZone(DISPLAY_ZONE).toISODate()!
  if (last <= first) return 0
  const exceptions = await calendarExceptions(first, last, trx)
  return workingDaysBetween(first, last, exceptions)
}

/** The due date: the start plus the time limit and every stopped working day. */
async function dueDate(contract: Contract, trx: TransactionClientContract) {
  return DateTime.fromJSDate(
    await workingPeriodEnd(
      contract.serviceStartedAt!.toJSDate(),
      contract.timeLimitWorkingDays! + contract.pausedWorkingDays,
      trx
    )
  )
}

function partiesNotice(contract: Contract, project: Project, to: 'owner' | 'agency') {
  return {
    organizationIds: [
      to === 'owner' ? contract.ownerOrganizationId : contract.agencyOrganizationId,
    ],
    projectId: project.id,
    data: { code: project.code, title: project.title },
  }
}

/**
 * Called when both parties have signed: the clock starts. The due date is the
 * signing day plus the contract's time limit in working days.
 */
export async function startService(
  contract: Contract,
  project: Project,
  actor: Actor,
  trx: TransactionClientContract
) {
  const limit = Number(fieldValuesOf(contract).timeLimitWorkingDays ?? project.timeLimitWorkingDays)
  contract.merge({
    timeLimitWorkingDays: limit,
    serviceStartedAt: now(),
    pausedWorkingDays: 0,
  })
  contract.serviceDueAt = await dueDate(contract, trx)
  await contract.save()
  transition(project, 'startService')
  await project.save()
  await recordAuditEvent(trx, {
    actor,
    action: 'service.started',
    subjectType: 'contract',
    subjectId: contract.id,
    payload: {
      projectId: project.id,
      timeLimitWorkingDays: limit,
      dueAt: contract.serviceDueAt.toISO(),
    },
  })
}

/** 补正: the owner stops the clock while the agency waits for the owner, with a reason. */
export async function pauseService(contract: Contract, reason: string, owner: User) {
  return db.transaction(async (trx) => {
    const { contract: locked, project } = await lockService(contract.id, trx)
    if (project.status !== 'in_service' || locked.pausedAt !== null) {
      throw new StateConflictException({ identifier: 'messages.service.cannotPause' })
    }
    locked.pausedAt = now()
    await locked.save()
    const [pauseId] = await trx
      .insertQuery()
      .table('contract_pauses')
      .insert({
        contract_id: locked.id,
        reason,
        paused_at: sqlTime(locked.pausedAt),
        paused_by_user_id: owner.id,
      })
    await recordAuditEvent(trx, {
      actor: owner,
      action: 'service.paused',
      subjectType: 'contract',
      subjectId: locked.id,
      payload: { pauseId: Number(pauseId), reason },
    })
    await notify(trx, {
      ...partiesNotice(locked, project, 'agency'),
      kind: 'service.paused',
      data: { code: project.code, title: project.title, reason },
    })
    return locked
  })
}

/** The owner restarts the clock; the working days it stood still move the due date. */
export async function resumeService(contract: Contract, owner: User) {
  return db.transaction(async (trx) => {
    const { contract: locked, project } = await lockService(contract.id, trx)
    if (locked.pausedAt === null) {
      throw new StateConflictException({ identifier: 'messages.service.notPaused' })
    }
    const stopped = await workingDaysSpanned(locked.pausedAt, now(), trx)
    await trx
      .from('contract_pauses')
      .where('contract_id', locked.id)
      .whereNull('resumed_at')
      .update({
        resumed_at: sqlTime(now()),
        working_days: stopped,
        resumed_by_user_id: owner.id,
      })
    locked.merge({ pausedAt: null, pausedWorkingDays: locked.pausedWorkingDays + stopped })
    locked.serviceDueAt = await dueDate(locked, trx)
    await locked.save()
    await recordAuditEvent(trx, {
      actor: owner,
      action: 'service.resumed',
      subjectType: 'contract',
      subjectId: locked.id,
      payload: { stoppedWorkingDays: stopped, dueAt: locked.serviceDueAt.toISO() },
    })
    await notify(trx, {
      ...partiesNotice(locked, project, 'agency'),
      kind: 'service.resumed',
      data: {
        code: project.code,
        title: project.title,
        deadline: locked.serviceDueAt.toISO(),
      },
    })
    return locked
  })
}

/**
 * The agency delivers. The state is checked first (a finished or paused
 * service reads no file); then the files' text is extracted (off the request
 * thread, under limits) and the files stored, outside the transaction; then
 * the submission, the files and the move to `delivered` are written together
 * after the state is checked again under the row locks. A refusal removes the
 * stored files. While the owner reviews, the clock stands still.
 */
export async function submitDeliverable(
  contract: Contract,
  input: { summary: string; files: MultipartFile[] },
  agency: User
) {
  const current = await Contract.findOrFail(contract.id)
  assertDeliveryOpen(current, await Project.findOrFail(current.projectId))
  const stored: { key: string; name: string; mime: string; size: number; text: string }[] = []
  try {
    for (const [index, file] of input.files.entries()) {
      const text = await textOf(file, index)
      stored.push({ ...(await storeUpload(file, 'deliverables')), text })
    }
    const submitted = await db.transaction(async (trx) => {
      const { contract: locked, project } = await lockService(contract.id, trx)
      assertDeliveryOpen(locked, project)
      await project.save()
      const previous = await trx
        .from('deliverables')
        .where('contract_id', locked.id)
        .max('round as round')
        .first()
      const deliverable = await Deliverable.create(
        {
          contractId: locked.id,
          round: Number(previous?.round ?? 0) + 1,
          summary: input.summary,
          status: 'submitted',
          submittedByUserId: agency.id,
          submittedAt: now(),
          // 项目负责人: the lead named in the contract signs off each submission.
          leadName: locked.leadName,
        },
        { client: trx }
      )
      for (const file of stored) {
        await DeliverableFile.create(
          {
            deliverableId: deliverable.id,
            fileKey: file.key,
            fileName: file.name,
            fileMime: file.mime,
            fileSize: file.size,
            textContent: file.text,
          },
          { client: trx }
        )
      }
      locked.deliveredAt = now()
      await locked.save()
      await recordAuditEvent(trx, {
        actor: agency,
        action: 'service.delivered',
        subjectType: 'contract',
        subjectId: locked.id,
        payload: {
          deliverableId: deliverable.id,
          round: deliverable.round,
          lead: locked.leadName,
          files: stored.map((file) => ({ name: file.name, size: file.size })),
          late: locked.serviceDueAt !== null && now() > locked.serviceDueAt,
        },
      })
      await notify(trx, {
        ...partiesNotice(locked, project, 'owner'),
        kind: 'service.delivered',
      })
      return deliverable
    })
    // The report-similarity index, after commit (it never throws).
    await indexDeliverable(submitted.id)
    return submitted
  } catch (error) {
    await Promise.all(stored.map((file) => drive.use().delete(file.key)))
    throw error
  }
}

/** A delivered file's text; a DOCX that inflates past what it declares is refused (422). */
async function textOf(file: MultipartFile, index: number) {
  try {
    return await extractText(file.tmpPath!, String(file.meta?.detectedMime ?? ''))
  } catch (error) {
    if (!(error instanceof ArchiveBombError)) throw error
    refuseInput([
      {
        field: `files.${index}`,
        rule: 'file.zipBomb',
        identifier: 'validator.shared.messages.file.zipBomb',
        data: zipBombMessageData(),
      },
    ])
  }
}

/** The submission the owner is reviewing, locked. */
async function deliverableUnderReview(contractId: number, trx: TransactionClientContract) {
  return Deliverable.query({ client: trx })
    .where('contract_id', contractId)
    .where('status', 'submitted')
    .forUpdate()
    .firstOrFail()
}

/**
 * The owner accepts the deliverables: the service is done, and the
 * evaluation window (calendar days, by the project's rules) opens.
 */
export async function acceptDelivery(contract: Contract, owner: User) {
  return db.transaction(async (trx) => {
    const { contract: locked, project } = await lockService(contract.id, trx)
    transition(project, 'accept')
    await project.save()
    const deliverable = await deliverableUnderReview(locked.id, trx)
    deliverable.merge({ status: 'accepted', decidedByUserId: owner.id, decidedAt: now() })
    await deliverable.save()
    const rules = await rulesOfProject(project, trx)
    locked.merge({
      acceptedAt: now(),
      // 15 working days (not calendar days) for the owner to rate, or to stay silent.
      evaluationDueAt: DateTime.fromJSDate(
        await workingPeriodEnd(clock.now(), rules.evaluationWindowWorkingDays, trx)
      ),
    })
    await locked.save()
    await recordAuditEvent(trx, {
      actor: owner,
      action: 'service.accepted',
      subjectType: 'contract',
      subjectId: locked.id,
      payload: { deliverableId: deliverable.id, round: deliverable.round },
    })
    await notify(trx, { ...partiesNotice(locked, project, 'agency'), kind: 'service.accepted' })
    return locked
  })
}

/**
 * The owner returns the deliverables with reasons; the service goes on, and
 * the working days of the review are added to the due date.
 */
export async function returnDelivery(contract: Contract, reason: string, owner: User) {
  return db.transaction(async (trx) => {
    const { contract: locked, project } = await lockService(contract.id, trx)
    transition(project, 'returnDelivery')
    await project.save()
    const deliverable = await deliverableUnderReview(locked.id, trx)
    deliverable.merge({
      status: 'returned',
      returnReason: reason,
      decidedByUserId: owner.id,
      decidedAt: now(),
    })
    await deliverable.save()
    const review = await workingDaysSpanned(deliverable.submittedAt, now(), trx)
    locked.merge({ deliveredAt: null, pausedWorkingDays: locked.pausedWorkingDays + review })
    locked.serviceDueAt = await dueDate(locked, trx)
    await locked.save()
    await recordAuditEvent(trx, {
      actor: owner,
      action: 'service.returned',
      subjectType: 'contract',
      subjectId: locked.id,
      payload: {
        deliverableId: deliverable.id,
        round: deliverable.round,
        reason,
        reviewWorkingDays: review,
        dueAt: locked.serviceDueAt.toISO(),
      },
    })
    await notify(trx, {
      ...partiesNotice(locked, project, 'agency'),
      kind: 'service.returned',
      data: { code: project.code, title: project.title, reason },
    })
    return locked
  })
}

/**
 * The approving department records how the deliverable fared in the approval
 * (once, after acceptance) and, beside the owner's rating, may rate the
 * report's quality and timeliness (服务双评价); both feed credit, each with a
 * weight of its own in the rule table, and the annual composite evaluation.
 */
export async function recordApprovalOutcome(
  contract: Contract,
  outcome: {
    outcome: ApprovalOutcome
    corrections?: number
    departmentQuality?: number
    departmentTimeliness?: number
  },
  regulator: User
) {
  return db.transaction(async (trx) => {
    const { contract: locked, project } = await lockService(contract.id, trx)
    if (!['accepted', 'evaluated', 'closed'].includes(project.status)) {
      throw new StateConflictException({ identifier: 'messages.service.notAccepted' })
    }
    if (locked.approvalOutcome !== null) {
      throw new StateConflictException({ identifier: 'messages.service.approvalAlreadyRecorded' })
    }
    const corrections = outcome.outcome === 'corrections' ? (outcome.corrections ?? 1) : 0
    const rating =
      outcome.departmentQuality !== undefined && outcome.departmentTimeliness !== undefined
        ? { quality: outcome.departmentQuality, timeliness: outcome.departmentTimeliness }
        : null
    locked.merge({
      approvalOutcome: outcome.outcome,
      approvalCorrections: corrections,
      approvalRecordedAt: now(),
      departmentQuality: rating?.quality ?? null,
      departmentTimeliness: rating?.timeliness ?? null,
    })
    await locked.save()
    await recordAuditEvent(trx, {
      actor: regulator,
      action: 'service.approval_recorded',
      subjectType: 'contract',
      subjectId: locked.id,
      payload: { outcome: outcome.outcome, corrections, departmentRating: rating },
    })
    const ratingType = rating ? creditEventForDepartmentRating(rating) : null
    if (ratingType && rating) {
      await recordCreditEvent(trx, {
        organizationId: locked.agencyOrganizationId,
        type: ratingType,
        reason: `项目 ${project.code} 审批部门评价：质量 ${rating.quality} 分，时效 ${rating.timeliness} 分`,
        evidence: { type: 'department_rating', id: locked.id },
        actor: regulator,
      })
    }
    const type = creditEventForApproval(outcome.outcome)
    if (type) {
      await recordCreditEvent(trx, {
        organizationId: locked.agencyOrganizationId,
        type,
        reason: `项目 ${project.code} 审批结果：${outcome.outcome === 'passed' ? '一次通过' : '未通过'}`,
        evidence: { type: 'contract', id: locked.id },
        actor: regulator,
      })
    }
    return locked
  })
}

/**
 * Tick: a service past its due date, still running and not paused, becomes
 * overdue — once, as a credit event on the agency. False when it is not due.
 */
export async function markOverdue(contractId: number) {
  return db.transaction(async (trx) => {
    const { contract, project } = await lockService(contractId, trx)
    if (
      project.status !== 'in_service' ||
      contract.pausedAt !== null ||
      contract.overdueAt !== null ||
      contract.serviceDueAt === null ||
      contract.serviceDueAt > now()
    ) {
      return false
    }
    contract.overdueAt = now()
    await contract.save()
    await recordAuditEvent(trx, {
      actor: null,
      action: 'service.overdue',
      subjectType: 'contract',
      subjectId: contract.id,
      payload: { dueAt: contract.serviceDueAt.toISO() },
    })
    await recordCreditEvent(trx, {
      organizationId: contract.agencyOrganizationId,
      type: 'overdue',
      reason: `项目 ${project.code} 超过服务时限未交付`,
      evidence: { type: 'contract', id: contract.id },
      actor: null,
    })
    await notify(trx, {
      organizationIds: [contract.agencyOrganizationId, contract.ownerOrganizationId],
      projectId: project.id,
      kind: 'service.overdue',
      data: { code: project.code, title: project.title },
    })
    return true
  })
}
