import db from '@adonisjs/lucid/services/db'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { DateTime } from 'luxon'
import type Project from '#models/project'
import Bid from '#models/bid'
import Objection from '#models/objection'
import ObjectionFile from '#models/objection_file'
import { storedFileColumns, withStoredUploads, type StoredUpload } from '#services/uploads'
import type User from '#models/user'
import StateConflictException from '#exceptions/state_conflict_exception'
import { refuse } from '#actions/projects/project_rules'
import { recordAuditEvent } from '#services/audit_log'
import { rulesOfVersion } from '#services/market_rules'
import { workingPeriodEnd } from '#services/calendar'
import { notify, regulatorOrganizationIds } from '#services/notifications'
import { clock } from '#services/clock'
import { bidsOfRound, concludeSelection } from '#actions/selection/open_selection'
import { lockProject, transition } from '#actions/projects/project_lifecycle'

/*
 * 质疑 (SPEC "Publicity and objections"): during publicity a participating
 * agency objects, with reasons, to a bid of the result (the winner's when it
 * names none). The award waits while an objection is pending. A regulator
 * decides within the response limit; an upheld objection disqualifies the
 * bid and re-opens the selection without it.
 */

/**
 * A participant files an objection during publicity, with its evidence
 * (scans checked by content in the validator). The files are stored first
 * and removed again if the objection is refused.
 */
export async function fileObjection(
  project: Project,
  input: { reason: string; bidId?: number; files?: MultipartFile[] },
  agencyUser: User
) {
  return withStoredUploads(input.files, 'objections', (stored) =>
    recordObjection(project, input, stored, agencyUser)
  )
}

async function recordObjection(
  project: Project,
  input: { reason: string; bidId?: number },
  files: StoredUpload[],
  agencyUser: User
) {
  return db.transaction(async (trx) => {
    const locked = await lockProject(project.id, trx)
    const now = clock.now()
    if (
      !locked ||
      locked.status !== 'publicity' ||
      now.getTime() >= locked.publicityEndsAt!.toMillis()
    ) {
      throw new StateConflictException({ identifier: 'messages.selection.objectionsClosed' })
    }
    const bids = await bidsOfRound(locked, trx)
    if (!bids.some((bid) => bid.organizationId === agencyUser.organizationId)) {
      throw new StateConflictException({ identifier: 'messages.selection.notParticipant' })
    }
    const target = input.bidId
      ? bids.find((bid) => bid.id === input.bidId && bid.valid)
      : bids.find((bid) => bid.organizationId === locked.winnerOrganizationId)
    if (!target) refuse([{ field: 'bidId', rule: 'objectionTarget' }])
    const rules = await rulesOfVersion(locked.rulesetVersion!, trx)
    const due = await workingPeriodEnd(now, Math.max(1, rules.objectionResponseWorkingDays), trx)
    const objection = await Objection.create(
      {
        projectId: locked.id,
        round: locked.round,
        bidId: target.id,
        organizationId: agencyUser.organizationId,
        filedByUserId: agencyUser.id,
        reason: input.reason,
        status: 'pending',
        responseDueAt: DateTime.fromJSDate(due),
      },
      { client: trx }
    )
    for (const file of files) {
      await ObjectionFile.create(
        { objectionId: objection.id, ...storedFileColumns(file) },
        { client: trx }
      )
    }
    await recordAuditEvent(trx, {
      actor: agencyUser,
      action: 'objection.filed',
      subjectType: 'project',
      subjectId: locked.id,
      payload: {
        objectionId: objection.id,
        bidId: target.id,
        reason: input.reason,
        files: files.length,
      },
    })
    const objector = await trx
      .from('organizations')
      .where('id', agencyUser.organizationId)
      .select('name')
      .firstOrFail()
    await notify(trx, {
      organizationIds: [locked.ownerOrganizationId, ...(await regulatorOrganizationIds(trx))],
      kind: 'objection.filed',
      projectId: locked.id,
      data: { code: locked.code, title: locked.title, agency: objector.name },
    })
    return objection
  })
}

/** A regulator decides a pending objection; upheld re-opens the selection without the bid. */
export async function decideObjection(
  objection: Objection,
  input: { upheld: boolean; decision: string },
  regulator: User
) {
  return db.transaction(async (trx) => {
    const project = await lockProject(objection.projectId, trx)
    const locked = await Objection.query({ client: trx })
      .where('id', objection.id)
      .forUpdate()
      .firstOrFail()
    if (!project || locked.status !== 'pending') {
      throw new StateConflictException({ identifier: 'messages.selection.objectionDecided' })
    }
    locked.merge({
      status: input.upheld ? 'upheld' : 'rejected',
      decision: input.decision,
      decidedByUserId: regulator.id,
      decidedAt: DateTime.fromJSDate(clock.now()),
    })
    await locked.save()
    await recordAuditEvent(trx, {
      actor: regulator,
      action: input.upheld ? 'objection.upheld' : 'objection.rejected',
      subjectType: 'project',
      subjectId: project.id,
      payload: { objectionId: locked.id, bidId: locked.bidId, decision: input.decision },
    })
    await notify(trx, {
      organizationIds: [project.ownerOrganizationId, locked.organizationId],
      kind: 'objection.decided',
      projectId: project.id,
      data: {
        code: project.code,
        title: project.title,
        outcome: input.upheld ? 'upheld' : 'rejected',
      },
    })
    if (input.upheld && project.status === 'publicity' && locked.round === project.round) {
      const bid = await Bid.query({ client: trx }).where('id', locked.bidId).firstOrFail()
      bid.merge({ valid: false, invalidReason: 'objection_upheld', rank: null })
      await bid.save()
      transition(project, 'reopen')
      project.merge({ winnerOrganizationId: null, publicityStartedAt: null, publicityEndsAt: null })
      await project.save()
      await recordAuditEvent(trx, {
        actor: regulator,
        action: 'project.reopened',
        subjectType: 'project',
        subjectId: project.id,
        payload: { code: project.code, disqualifiedBidId: bid.id },
      })
      await concludeSelection(project, trx, regulator)
    }
    return locked
  })
}

/**
 * The tick: an objection still pending past its response limit is marked
 * overdue once, in the audit log, and every regulator is told. The award
 * keeps waiting: only a regulator's decision lets the selection go on.
 */
export async function markObjectionOverdue(objectionId: number) {
  return db.transaction(async (trx) => {
    const objection = await Objection.query({ client: trx })
      .where('id', objectionId)
      .forUpdate()
      .first()
    const at = clock.now()
    if (
      !objection ||
      objection.status !== 'pending' ||
      objection.overdueAt !== null ||
      objection.responseDueAt.toMillis() > at.getTime()
    ) {
      return false
    }
    objection.overdueAt = DateTime.fromJSDate(at)
    await objection.save()
    const project = await trx
      .from('projects')
      .where('id', objection.projectId)
      .select('id', 'code', 'title')
      .firstOrFail()
    await recordAuditEvent(trx, {
      actor: null,
      action: 'objection.overdue',
      subjectType: 'project',
      subjectId: objection.projectId,
      payload: { objectionId: objection.id, dueAt: objection.responseDueAt.toUTC().toISO() },
    })
    await notify(trx, {
      organizationIds: await regulatorOrganizationIds(trx),
      kind: 'objection.overdue',
      projectId: objection.projectId,
      data: {
        code: project.code,
        title: project.title,
        deadline: objection.responseDueAt.toISO(),
      },
    })
    return true
  })
}
