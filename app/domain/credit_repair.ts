/*
 * 信用修复 under the NDRC measures in force since 2026-04-01 (《信用修复管理办法》,
 * Order No. 36): adverse credit information is 轻微 (minor), 一般 (general)
 * or 严重 (serious). Each class bounds how long the information is published:
 * minor in principle not at all (at most 3 months), general at least 3 months
 * and at most a year, serious at least a year and at most 3 years. Repair is
 * possible once the minimum period has passed; publication ends by itself at
 * the maximum. Positive information (commendations, good ratings) has no class.
 */
import { DateTime } from 'luxon'

export const CREDIT_SEVERITIES = ['minor', 'general', 'serious'] as const
export type CreditSeverity = (typeof CREDIT_SEVERITIES)[number]
/** A rule's class: one of the three, or `none` for positive information. */
export const RULE_SEVERITIES = [...CREDIT_SEVERITIES, 'none'] as const
export type RuleSeverity = (typeof RULE_SEVERITIES)[number]

/** The legal bounds of each class, in months: the minimum period and the longest publication. */
export const SEVERITY_BOUNDS: Record<CreditSeverity, { minFloor: number; maxCeiling: number }> = {
  minor: { minFloor: 0, maxCeiling: 3 },
  general: { minFloor: 3, maxCeiling: 12 },
  serious: { minFloor: 12, maxCeiling: 36 },
}

/** How a rule table entry classes its event type and how long the information is published. */
export type RepairTerms = {
  severity: RuleSeverity
  /** Repair may be applied for once this many months have passed since the event. */
  minPublicationMonths: number
  /** The information stops being published this many months after the event. */
  maxPublicationMonths: number
}

/** The starting class of each event type (what each rule table version lacks is filled from here). */
export const DEFAULT_REPAIR_TERMS: Record<string, RepairTerms> = {
  refused_to_sign: { severity: 'general', minPublicationMonths: 3, maxPublicationMonths: 12 },
  contract_unsigned: { severity: 'minor', minPublicationMonths: 0, maxPublicationMonths: 0 },
  false_qualification: { severity: 'serious', minPublicationMonths: 12, maxPublicationMonths: 36 },
  overdue: { severity: 'minor', minPublicationMonths: 0, maxPublicationMonths: 0 },
  evaluation_good: { severity: 'none', minPublicationMonths: 0, maxPublicationMonths: 0 },
  evaluation_bad: { severity: 'minor', minPublicationMonths: 0, maxPublicationMonths: 0 },
  upheld_complaint: { severity: 'general', minPublicationMonths: 3, maxPublicationMonths: 12 },
  approval_first_time: { severity: 'none', minPublicationMonths: 0, maxPublicationMonths: 0 },
  approval_rejected: { severity: 'minor', minPublicationMonths: 0, maxPublicationMonths: 3 },
  regulator_penalty: { severity: 'general', minPublicationMonths: 3, maxPublicationMonths: 12 },
  regulator_commendation: { severity: 'none', minPublicationMonths: 0, maxPublicationMonths: 0 },
  department_rating_good: { severity: 'none', minPublicationMonths: 0, maxPublicationMonths: 0 },
  department_rating_bad: { severity: 'minor', minPublicationMonths: 0, maxPublicationMonths: 3 },
}

/** A problem with one type's terms: the field under `rules.<type>` and the rule key. */
export type RepairTermsProblem = { field: string; rule: string; data?: Record<string, number> }

/**
 * Terms that break the measures: adverse information (negative points) must
 * have a class, positive information has none; the minimum is not above the
 * maximum, and both lie within the class's legal bounds.
 */
export function repairTermsProblems(
  type: string,
  terms: RepairTerms & { points: number }
): RepairTermsProblem[] {
  const problems: RepairTermsProblem[] = []
  const at = (name: string) => `rules.${type}.${name}`
  if (terms.points < 0 && terms.severity === 'none') {
    problems.push({ field: at('severity'), rule: 'severityRequired' })
    return problems
  }
  if (terms.points >= 0 && terms.severity !== 'none') {
    problems.push({ field: at('severity'), rule: 'severityForAdverseOnly' })
    return problems
  }
  if (terms.severity === 'none') return problems
  const { minFloor, maxCeiling } = SEVERITY_BOUNDS[terms.severity]
  if (terms.minPublicationMonths < minFloor || terms.minPublicationMonths > maxCeiling) {
    problems.push({
      field: at('minPublicationMonths'),
      rule: 'publicationOutOfBounds',
      data: { min: minFloor, max: maxCeiling },
    })
  }
  if (terms.maxPublicationMonths > maxCeiling || terms.maxPublicationMonths < minFloor) {
    problems.push({
      field: at('maxPublicationMonths'),
      rule: 'publicationOutOfBounds',
      data: { min: minFloor, max: maxCeiling },
    })
  }
  if (terms.minPublicationMonths > terms.maxPublicationMonths) {
    problems.push({ field: at('maxPublicationMonths'), rule: 'publicationMinAboveMax' })
  }
  return problems
}

/**
 * When an event recorded at `occurredAt` under `terms` may be repaired and
 * when its publication ends (null for positive information: shown while it counts).
 */
export function publicationWindow(occurredAt: Date, terms: RepairTerms) {
  if (terms.severity === 'none') return { repairableFrom: null, publicationEndsAt: null }
  const start = DateTime.fromJSDate(occurredAt, { zone: 'utc' })
  return {
    repairableFrom: start.plus({ months: terms.minPublicationMonths }).toJSDate(),
    publicationEndsAt: start.plus({ months: terms.maxPublicationMonths }).toJSDate(),
  }
}

/**
 * Whether the public sees an event at `at`: neither revoked nor repaired (a
 * repair ends publication at once), and its publication period not over.
 * The agency itself and regulators see every event.
 */
export function isPubliclyShown(
  event: { status: string; publicationEndsAt: Date | null },
  at: Date
) {
  if (event.status !== 'valid') return false
  return event.publicationEndsAt === null || at.getTime() < event.publicationEndsAt.getTime()
}

/**
 * Why a repair application cannot be filed now, or null: only valid adverse
 * information can be repaired, and not before its minimum publication period.
 */
export function repairRefusal(
  event: { status: string; points: number; repairableFrom: Date | null },
  at: Date
): { rule: 'notRepairable' } | { rule: 'tooEarly'; from: Date } | null {
  if (event.status !== 'valid' || event.points >= 0) return { rule: 'notRepairable' }
  if (event.repairableFrom && at.getTime() < event.repairableFrom.getTime()) {
    return { rule: 'tooEarly', from: event.repairableFrom }
  }
  return null
}
