/*
 * Credit grades (信用分级): a score from 0 to 100 maps to A/B/C/D with the
 * default cut-offs of the spec (A ≥ 90, B ≥ 75, C ≥ 60, D below). Until the
 * credit ledger lands every agency carries the base score.
 */
import { DEFAULT_REPAIR_TERMS, repairTermsProblems, type RepairTerms } from '#domain/credit_repair'

export const CREDIT_BASE_SCORE = 80

export const CREDIT_GRADES = ['A', 'B', 'C', 'D'] as const
export type CreditGrade = (typeof CREDIT_GRADES)[number]

export type GradeCutoffs = { A: number; B: number; C: number }
export const DEFAULT_GRADE_CUTOFFS: GradeCutoffs = { A: 90, B: 75, C: 60 }

export function gradeForScore(score: number, cutoffs: GradeCutoffs = DEFAULT_GRADE_CUTOFFS) {
  if (score >= cutoffs.A) return 'A'
  if (score >= cutoffs.B) return 'B'
  if (score >= cutoffs.C) return 'C'
  return 'D'
}

/** The score range [min, max) of a grade, for filtering by grade in SQL. */
export function scoreRangeForGrade(
  grade: CreditGrade,
  cutoffs: GradeCutoffs = DEFAULT_GRADE_CUTOFFS
) {
  switch (grade) {
    case 'A':
      return { min: cutoffs.A, max: Number.POSITIVE_INFINITY }
    case 'B':
      return { min: cutoffs.B, max: cutoffs.A }
    case 'C':
      return { min: cutoffs.C, max: cutoffs.B }
    case 'D':
      return { min: Number.NEGATIVE_INFINITY, max: cutoffs.C }
  }
}

/** The credit event types of the rule table (SPEC "Credit ledger"). */
export const CREDIT_EVENT_TYPES = [
  'refused_to_sign',
  'contract_unsigned',
  'false_qualification',
  'overdue',
  'evaluation_good',
  'evaluation_bad',
  'upheld_complaint',
  'approval_first_time',
  'approval_rejected',
  'regulator_penalty',
  'regulator_commendation',
  'department_rating_good',
  'department_rating_bad',
] as const
export type CreditEventType = (typeof CREDIT_EVENT_TYPES)[number]

/**
 * One type's entry in the credit rule table: its points, how long it counts,
 * and its class under the credit repair measures with its publication bounds.
 */
export type CreditRule = { points: number; validityYears: number } & RepairTerms
export type CreditRules = Record<CreditEventType, CreditRule>
/** A table as stored or submitted: versions written before the repair measures lack the terms. */
export type StoredCreditRules = Record<
  CreditEventType,
  { points: number; validityYears: number } & Partial<RepairTerms>
>

/**
 * The starting points of the types added after the first rule table (服务双评价:
 * the approving department's rating of a report, with a weight of its own).
 */
export const ADDED_TYPE_RULES: Partial<
  Record<CreditEventType, { points: number; validityYears: number }>
> = {
  department_rating_good: { points: 2, validityYears: 2 },
  department_rating_bad: { points: -5, validityYears: 2 },
}

/**
 * A stored or submitted table with each type's missing repair terms taken
 * from the defaults, and the types a version predates from their starting points.
 */
export function withRepairTerms(stored: StoredCreditRules): CreditRules {
  return Object.fromEntries(
    CREDIT_EVENT_TYPES.map((type) => {
      const entry = stored[type] as StoredCreditRules[CreditEventType] | undefined
      return [type, { ...ADDED_TYPE_RULES[type], ...DEFAULT_REPAIR_TERMS[type], ...entry }]
    })
  ) as CreditRules
}

/** Every problem of a table's repair terms (classes and publication bounds). */
export function creditRulesProblems(rules: CreditRules) {
  return CREDIT_EVENT_TYPES.flatMap((type) => repairTermsProblems(type, rules[type]))
}

/**
 * 守信激励: what grade A earns, as the rule table says — the full credit part
 * of the scored method, and a place at the top of the directory whatever
 * order the visitor chose.
 */
export type CreditIncentives = { scoredCreditPartInFull: boolean; listedFirst: boolean }
export const DEFAULT_INCENTIVES: CreditIncentives = {
  scoredCreditPartInFull: true,
  listedFirst: true,
}

/**
 * A score: the base plus the points of the events still valid at `at`
 * (not revoked or repaired, not expired), clamped to 0–100.
 */
export function creditScore(
  base: number,
  events: readonly { points: number; status: string; expiresAt: Date }[],
  at: Date
) {
  const total = events
    .filter((event) => event.status === 'valid' && event.expiresAt.getTime() > at.getTime())
    .reduce((sum, event) => sum + event.points, base)
  return Math.min(100, Math.max(0, total))
}
