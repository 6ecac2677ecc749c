import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type Project from '#models/project'
import { gradeForScore, type CreditGrade } from '#domain/credit'
import { DISPLAY_ZONE } from '#domain/time_zone'
import type { EligibilityFacts } from '#domain/eligibility'
import { banStatusOf } from '#queries/bans'
import { clock } from '#services/clock'

/**
 * Gathers what app/domain/eligibility.ts needs to judge an agency for a
 * project, in a fixed handful of queries.
 */
export async function eligibilityFactsFor(
  project: Project,
  organizationId: number
): Promise<EligibilityFacts> {
  const profile = await db
    .from('agency_profiles')
    .where('organization_id', organizationId)
    .select('status', 'credit_score')
    .first()
  const item = await db
    .from('service_items')
    .where('id', project.serviceItemId)
    .select('required_qualification')
    .firstOrFail()
  const offered = await db
    .from('agency_service_items')
    .where('organization_id', organizationId)
    .where('service_item_id', project.serviceItemId)
    .first()
  const qualifications = await db
    .from('qualifications')
    .where('organization_id', organizationId)
    .select('type', 'valid_until', 'status')
  const bans = await banStatusOf(organizationId, clock.now())
  return {
    agencyStatus: profile?.status === 'active' ? 'active' : 'withdrawn',
    offersItem: Boolean(offered),
    requiredQualification: item.required_qualification,
    qualifications: qualifications.map((row: any) => ({
      type: row.type,
      validUntil: toDay(row.valid_until),
      status: row.status,
    })),
    deadlineDay: project.responseDeadline.setZone(DISPLAY_ZONE).toISODate()!,
    agencyBanned: bans.agencyBanned,
    bannedManagerNames: bans.bannedManagerNames,
    grade: gradeForScore(Number(profile?.credit_score ?? 0)) as CreditGrade,
    minimumGrade: (project.minCreditGrade as CreditGrade | null) ?? null,
    // Owners name no persons yet; shared persons are compared once they can (issue 4/6).
    sharedPersonNames: [],
  }
}

/** DATE columns come back as Date (MySQL) or text (SQLite). */
function toDay(value: Date | string) {
  return value instanceof Date
    ? DateTime.fromJSDate(value, { zone: 'utc' }).toISODate()!
    : String(value).slice(0, 10)
}
