import { regionalAssessmentOf } from '#queries/regional_assessment'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import { DateTime } from 'luxon'
import type User from '#models/user'
import type Project from '#models/project'
import { commitmentOf, generateSeed } from '#domain/verifiable_draw'
import { scoredWeightProblems } from '#domain/rules'
import { recordAuditEvent } from '#services/audit_log'
import { rulesForProject } from '#services/market_rules'
import { scopeProblems } from '#domain/funding_scope'
import { regulatorOrganizationIds } from '#services/notifications'
import { workingDaysFrom, workingPeriodEnd } from '#services/calendar'
import { notify, organizationsOfferingItem } from '#services/notifications'
import { scopeFactsOf } from '#actions/projects/draft_project'
import { sendImmediateAlerts } from '#actions/alerts/alert_subscriptions'
import { clock } from '#services/clock'
import { DISPLAY_ZONE } from '#domain/time_zone'
import { refuse, type FieldProblem } from '#actions/projects/project_rules'
import { lockForTransition } from '#actions/projects/project_lifecycle'

export type RepublicationChanges = { deadline?: Date; directAgencyId?: number }

/**
 * Publication (采购公告): the project is published under the rule set chosen
 * by its region and funding source, recorded on it. The deadline must leave
 * the minimum announcement period in working days; the method must be one
 * that set allows, direct selection only up to its threshold (unless the
 * market is voluntary or an emergency exemption applies, which regulators are
 * told of at once) and only of a listed agency offering the item. A secret draw seed is generated and
 * kept encrypted; its SHA-256 commitment is published now, the seed only once
 * the set of valid bids is final. Scored weights must lie within the rule
 * set's bounds and sum to 100.
 */
export async function publishProject(
  project: Project,
  owner: User,
  changes: RepublicationChanges = {}
) {
  const now = clock.now()
  const { version, rules } = await rulesForProject(project, now)
  const problems: FieldProblem[] = []
  // Re-publication after a failure may set a new deadline and, for direct
  // selection, name another agency.
  if (changes.deadline) project.responseDeadline = DateTime.fromJSDate(changes.deadline).toUTC()
  if (changes.directAgencyId && project.method === 'direct') {
    project.directAgencyId = changes.directAgencyId
  }

  const today = DateTime.fromJSDate(now).setZone(DISPLAY_ZONE).toISODate()!
  // Direct selection has no competition to announce: only the confirmation window applies.
  const announcementDays = project.method === 'direct' ? 0 : rules.minAnnouncementWorkingDays
  const earliestDay = await workingDaysFrom(today, announcementDays)
  const deadline = project.responseDeadline
  const deadlineDay = deadline.setZone(DISPLAY_ZONE).toISODate()!
  if (deadline.toMillis() <= now.getTime() || deadlineDay < earliestDay) {
    problems.push({
      field: 'deadline',
      rule: 'deadlineTooEarly',
      data: { days: announcementDays, earliest: earliestDay },
    })
  }
  const creator = await db
    .from('users')
    .where('id', project.createdByUserId)
    .select('department_id')
    .first()
  problems.push(
    ...scopeProblems(
      scopeFactsOf(
        {
          method: project.method,
          ceilingPriceFen: project.ceilingPriceFen,
          commissioningDepartmentId: project.commissioningDepartmentId ?? undefined,
          exemption: project.exemption ?? undefined,
          exemptionReason: project.exemptionReason ?? undefined,
        },
        { departmentId: creator?.department_id ?? null }
      ),
      rules
    )
  )
  if (project.method === 'direct') {
    const offered = await db
      .from('agency_service_items')
      .where('organization_id', project.directAgencyId ?? 0)
      .where('service_item_id', project.serviceItemId)
      .where('listed', true)
      .first()
    if (!offered) problems.push({ field: 'directAgencyId', rule: 'directAgencyNotListed' })
  }
  if (project.method === 'scored') {
    // 综合评分: the weights published with the notice lie within the bounds of this rule set.
    problems.push(
      ...scoredWeightProblems(
        project.weights ? JSON.parse(project.weights) : null,
        rules.scoredWeightBounds
      )
    )
  }
  if (problems.length > 0) refuse(problems)
  // 区域评估: told at publication (and recorded) when a regional assessment covers the item here.
  const regional = await regionalAssessmentOf(project)

  const published = await db.transaction(async (trx) => {
    const { project: locked, to } = await lockForTransition(project.id, 'publish', trx)
    const republished = locked.status === 'failed'
    const seed = generateSeed()
    const windowEnd = await workingPeriodEnd(now, rules.directConfirmationWorkingDays, trx)
    const confirmationDue =
      locked.method === 'direct' ? Math.min(deadline.toMillis(), windowEnd.getTime()) : null
    locked.merge({
      status: to,
      round: republished ? locked.round + 1 : locked.round,
      responseDeadline: deadline,
      directAgencyId: project.directAgencyId,
      publishedAt: DateTime.fromJSDate(now),
      rulesetVersion: version,
      drawCommitment: commitmentOf(seed),
      drawSeedEncrypted: encryption.encrypt(seed),
      stage: confirmationDue === null ? null : 'confirmation',
      stageDueAt: confirmationDue === null ? null : DateTime.fromMillis(confirmationDue),
      // A new round starts from a clean result.
      openedAt: null,
      drawSeed: null,
      drawSeedMixed: null,
      draws: null,
      basePercent: null,
      referencePriceFen: null,
      winnerOrganizationId: null,
      pickReason: null,
      failedAt: null,
      failReason: null,
    })
    await locked.save()
    await recordAuditEvent(trx, {
      actor: owner,
      action: 'project.published',
      subjectType: 'project',
      subjectId: locked.id,
      payload: {
        code: locked.code,
        round: locked.round,
        drawCommitment: locked.drawCommitment,
        rulesetVersion: version,
        fundingSource: locked.fundingSource,
        exemption: locked.exemption,
        deadline: locked.responseDeadline.toISO(),
        regionalAssessment: regional?.regionCode ?? null,
      },
    })
    if (locked.exemption) {
      // 应急豁免: regulators hear of every exempted direct selection as it is published.
      await notify(trx, {
        organizationIds: await regulatorOrganizationIds(trx),
        kind: 'project.exempted',
        projectId: locked.id,
        data: {
          code: locked.code,
          title: locked.title,
          exemption: locked.exemption,
          reason: locked.exemptionReason ?? '',
        },
      })
    }
    const when = (locked.stageDueAt ?? locked.responseDeadline)
      .setZone(DISPLAY_ZONE)
      .toFormat('yyyy-LL-dd HH:mm')
    if (locked.method === 'direct') {
      await notify(trx, {
        organizationIds: [locked.directAgencyId!],
        kind: 'direct.requested',
        projectId: locked.id,
        data: { code: locked.code, title: locked.title, deadline: when },
      })
    } else {
      const item = await trx
        .from('service_items')
        .where('id', locked.serviceItemId)
        .select('name')
        .firstOrFail()
      await notify(trx, {
        organizationIds: await organizationsOfferingItem(locked.serviceItemId, trx),
        kind: 'project.published',
        projectId: locked.id,
        data: { code: locked.code, title: locked.title, item: item.name, deadline: when },
      })
    }
    return locked
  })
  // Subscribers who asked to hear at once (订阅提醒); the publication stands whatever the mail does.
  if (published.method !== 'direct') await sendImmediateAlerts(published.id)
  return published
}

/** Cancellation before opening, with a public reason (终止公告). */
export async function cancelProject(project: Project, reason: string, owner: User) {
  return db.transaction(async (trx) => {
    const { project: locked, to } = await lockForTransition(project.id, 'cancel', trx)
    locked.merge({
      status: to,
      cancelledAt: DateTime.fromJSDate(clock.now()),
      cancelReason: reason,
    })
    await locked.save()
    await recordAuditEvent(trx, {
      actor: owner,
      action: 'project.cancelled',
      subjectType: 'project',
      subjectId: locked.id,
      payload: { code: locked.code, reason },
    })
    return locked
  })
}
