/*
 * Credit grades (信用分级): a score from 0 to 100 maps to A/B/C/D with the
 * default cut-offs of the spec (A ≥ 90, B ≥ 75, C ≥ 60, D below). Until the
 * credit ledger lands every agency carries the base score.
 */
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
