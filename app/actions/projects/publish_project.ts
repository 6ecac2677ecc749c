import { regionalAssessmentOf } from '#queries/regional_assessment'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import { DateTime } from 'luxon'
import type User from '#models/user'
import type Project from '#models/project'
import { commitmentOf, generateSeed } from '#domain/verifiable_draw'
import { scoredWeightProblems } from '#domain/rules'
import { recordAuditEvent } from '#services/audit_log'
import { rulesInForce } from '#services/market_rules'
import { workingDaysFrom, workingPeriodEnd } from '#services/calendar'
import { notify, organizationsOfferingItem } from '#services/notifications'
import { sendImmediateAlerts } from '#actions/alerts/alert_subscriptions'
import { clock } from '#services/clock'
import { DISPLAY_ZONE } from '#domain/time_zone'
import { refuse, type FieldProblem } from '#actions/projects/project_rules'
import { lockForTransition } from '#actions/projects/project_lifecycle'

export type RepublicationChanges = { deadline?: Date; directAgencyId?: number }

/**
 * Publication (采购公告): the deadline must leave the minimum announcement
 * period in working days; direct selection only up to the threshold and only
 * of a listed agency offering the item. A secret draw seed is generated and
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
  const { version, rules } = await rulesInForce(now)
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
  if (project.method === 'direct') {
    if (project.ceilingPriceFen > rules.directSelectionThresholdFen) {
      problems.push({
        field: 'ceilingPriceFen',
        rule: 'overDirectThreshold',
        data: { threshold: (rules.directSelectionThresholdFen / 100).toLocaleString('en-US') },
      })
    }
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
        deadline: locked.responseDeadline.toISO(),
        regionalAssessment: regional?.regionCode ?? null,
      },
    })
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
