import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { annualComposite, ratingOnHundred } from '#domain/credit_composite'
import { DISPLAY_ZONE } from '#domain/time_zone'
import { rulesInForce } from '#services/market_rules'
import { sqlTime } from '#services/sql_time'
import { clock } from '#services/clock'

/**
 * An agency's annual composite credit evaluation for a calendar year
 * (Beijing time): the departments' ratings of its reports recorded that year,
 * its credit score now, the owners' given ratings that year (not default
 * ratings, not between related parties), weighted by the rule set in force.
 */
export async function annualCompositeOf(organizationId: number, year?: number) {
  const now = DateTime.fromJSDate(clock.now()).setZone(DISPLAY_ZONE)
  const shownYear = year ?? now.year
  const from = sqlTime(DateTime.fromObject({ year: shownYear }, { zone: DISPLAY_ZONE }))
  const to = sqlTime(DateTime.fromObject({ year: shownYear + 1 }, { zone: DISPLAY_ZONE }))
  const department = await db
    .from('contracts')
    .where('agency_organization_id', organizationId)
    .whereNotNull('department_quality')
    .where('approval_recorded_at', '>=', from)
    .where('approval_recorded_at', '<', to)
    .select(db.raw('avg((department_quality + department_timeliness) / 2.0) as mean'))
    .select(db.raw('count(*) as n'))
    .first()
  const owners = await db
    .from('evaluations')
    .where('rated_organization_id', organizationId)
    .where('direction', 'of_agency')
    .where('origin', 'rater')
    .whereNull('credit_withheld_reason')
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .select(db.raw('avg((quality + timeliness + attitude + fee_compliance) / 4.0) as mean'))
    .select(db.raw('count(*) as n'))
    .first()
  const profile = await db
    .from('agency_profiles')
    .where('organization_id', organizationId)
    .select('credit_score')
    .first()
  const { rules } = await rulesInForce(clock.now())
  const mean = (row: { mean: unknown; n: unknown } | null) =>
    row && Number(row.n) > 0 && row.mean !== null ? Number(row.mean) : null
  const composite = annualComposite(
    {
      department: ratingOnHundred(mean(department)),
      publicCredit: profile ? Number(profile.credit_score) : null,
      owners: ratingOnHundred(mean(owners)),
    },
    rules.compositeWeights
  )
  return {
    year: shownYear,
    ...composite,
    counts: { department: Number(department?.n ?? 0), owners: Number(owners?.n ?? 0) },
  }
}
