/*
 * 双随机、一公开 weighted by risk (信用风险分类): each agency falls into a
 * risk class from facts the platform holds — its credit grade, its negative
 * credit events of the last 12 months, its complaints upheld in that time and
 * its open follow-up cases (signals a regulator has yet to close) — and each
 * class is sampled at its own ratio (in basis points: 1 % = 100 bp). The
 * number drawn from a class is ceil(ratio × size), 0 for an empty class,
 * never more than the class. Pure functions only.
 */
import type { CreditGrade } from '#domain/credit'

/** 高风险 · 一般 · 低风险, in the order a plan draws them. */
export const RISK_CLASSES = ['high', 'medium', 'low'] as const
export type RiskClass = (typeof RISK_CLASSES)[number]

export const BASIS_POINTS = 10_000

/** How a plan draws its agencies: `uniform` (one draw of a set count) or by `risk` class. */
export const SAMPLING_MODES = ['uniform', 'risk'] as const
export type SamplingMode = (typeof SAMPLING_MODES)[number]

export type RiskFacts = {
  grade: CreditGrade
  /** Valid credit events with negative points that occurred in the last 12 months. */
  negativeEvents: number
  /** Complaints against the agency upheld (查实) in the last 12 months. */
  upheldComplaints: number
  /** Follow-up cases about the agency not yet closed. */
  openSignals: number
}

/** From how many of each fact an agency is high-risk (the rule set's parameters). */
export type RiskThresholds = {
  negativeEvents: number
  upheldComplaints: number
  openSignals: number
}

/** Each class's sampling ratio in basis points (0–10 000). */
export type RiskRatios = Record<RiskClass, number>

/**
 * 高风险: grade D, or as many negative events, upheld complaints or open
 * signals as a threshold (a threshold of 0 never applies). 低风险: grade A
 * with none of those. 一般: everything else.
 */
export function riskClassOf(facts: RiskFacts, thresholds: RiskThresholds): RiskClass {
  const reaches = (count: number, threshold: number) => threshold > 0 && count >= threshold
  if (
    facts.grade === 'D' ||
    reaches(facts.negativeEvents, thresholds.negativeEvents) ||
    reaches(facts.upheldComplaints, thresholds.upheldComplaints) ||
    reaches(facts.openSignals, thresholds.openSignals)
  ) {
    return 'high'
  }
  if (
    facts.grade === 'A' &&
    facts.negativeEvents === 0 &&
    facts.upheldComplaints === 0 &&
    facts.openSignals === 0
  ) {
    return 'low'
  }
  return 'medium'
}

/** ceil(ratio × size) in whole numbers, 0 for an empty class, at most the class. */
export function drawCountOf(ratioBp: number, size: number): number {
  if (!Number.isInteger(ratioBp) || ratioBp < 0 || ratioBp > BASIS_POINTS) {
    throw new RangeError(`a ratio is 0–${BASIS_POINTS} basis points, not ${ratioBp}`)
  }
  if (size <= 0) return 0
  return Math.min(size, Math.ceil((ratioBp * size) / BASIS_POINTS))
}

/** The purpose of a class's agency draw: `inspection-agencies-high` and so on. */
export function riskPurpose(riskClass: RiskClass) {
  return `inspection-agencies-${riskClass}` as const
}
export type RiskPurpose = ReturnType<typeof riskPurpose>

/** Each class's candidates, ids ascending (every agency in exactly one class). */
export function classify(
  agencies: readonly { id: number; facts: RiskFacts }[],
  thresholds: RiskThresholds
): Record<RiskClass, number[]> {
  const classes: Record<RiskClass, number[]> = { high: [], medium: [], low: [] }
  const sorted = [...new Map(agencies.map((agency) => [agency.id, agency])).values()].sort(
    (a, b) => a.id - b.id
  )
  for (const agency of sorted) classes[riskClassOf(agency.facts, thresholds)].push(agency.id)
  return classes
}

/** Each class's least interval between two inspections of an agency, in months (0: none). */
export type RiskIntervals = Record<RiskClass, number>

/**
 * 抽查频次: whether an agency of a class may be drawn again — never inspected,
 * or its last draw at least the class's interval ago (whole calendar months,
 * compared as dates: drawn 2026-03-31, a 6-month interval → due from 2026-09-30).
 */
export function dueForInspection(
  riskClass: RiskClass,
  lastDrawnAt: Date | null,
  intervals: RiskIntervals,
  now: Date
): boolean {
  const months = intervals[riskClass]
  if (lastDrawnAt === null || months <= 0) return true
  const due = new Date(lastDrawnAt.getTime())
  const day = due.getUTCDate()
  due.setUTCDate(1)
  due.setUTCMonth(due.getUTCMonth() + months)
  const lastDay = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate()
  due.setUTCDate(Math.min(day, lastDay))
  return now.getTime() >= due.getTime()
}

/** What a risk-weighted plan publishes about one class: its ratio, candidates and how many to draw. */
export type RiskClassDraw = {
  riskClass: RiskClass
  ratioBp: number
  candidates: number[]
  count: number
}

/** The published class table of a plan: classes in order, counts from the ratios. */
export function riskClassDraws(
  classes: Record<RiskClass, readonly number[]>,
  ratios: RiskRatios
): RiskClassDraw[] {
  return RISK_CLASSES.map((riskClass) => ({
    riskClass,
    ratioBp: ratios[riskClass],
    candidates: [...classes[riskClass]],
    count: drawCountOf(ratios[riskClass], classes[riskClass].length),
  }))
}
