/*
 * 双随机、一公开: the two draws of an inspection plan with the verifiable
 * draw v1 (API.md). Candidates are ids sorted ascending; the seed is
 * published with the plan (nothing is sealed: the candidate lists are fixed
 * when the plan is made), and drawSeed = SHA-256("{seed}|"), i.e. the v1 draw
 * seed with no receipts. Agencies are drawn first (purpose
 * `inspection-agencies`), then inspectors (purpose `inspection-inspectors`)
 * among the regulators not related to any drawn agency. A plan weighted by
 * risk (#domain/inspection_risk) draws each risk class on its own instead —
 * purposes `inspection-agencies-high`, `-medium`, `-low`, in that order, with
 * the same draw seed — and its agencies are the picks of the classes in that
 * order. Pure functions only.
 */
import { commitmentOf, DRAW_ALGORITHM, drawCandidates, drawSeedOf } from '#domain/verifiable_draw'
import {
  drawCountOf,
  riskPurpose,
  RISK_CLASSES,
  type RiskClass,
  type RiskClassDraw,
  type RiskPurpose,
} from '#domain/inspection_risk'

export const INSPECTION_OUTCOMES = ['qualified', 'rectification', 'case_opened'] as const
/** 合格 · 责令整改 · 立案 */
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number]

/** Why an inspector may not inspect an agency (回避). */
export type RelationReason = 'sameOrganization' | 'declaredRecusal' | 'practitionerName'
export type Exclusion = { userId: number; agencyId: number; reason: RelationReason }

/** The published order of every inspection draw: ids ascending, each once. */
export function candidateOrder(ids: readonly number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b)
}

/** The draw seed of a plan: the v1 draw seed of its published seed, with no receipts. */
export function inspectionDrawSeed(seed: string): string {
  return drawSeedOf(seed, [])
}

export type InspectorFacts = { id: number; organizationId: number; fullName: string }
export type AgencyFacts = { id: number; practitionerNames: readonly string[] }

/**
 * Which inspectors are related to which drawn agencies. What the platform can
 * really check: a user of the agency's own organisation; a relation the
 * regulator declared (回避申报, `recusals`); and — since inspectors' accounts
 * carry no ID-card number to compare with the practitioners' hashes — a
 * manager or practitioner of the agency with exactly the inspector's full
 * name. The last test also excludes namesakes: 回避 errs on the safe side.
 */
export function relatedInspectors(
  inspectors: readonly InspectorFacts[],
  agencies: readonly AgencyFacts[],
  recusals: readonly { userId: number; organizationId: number }[]
): Exclusion[] {
  const declared = new Set(recusals.map((r) => `${r.userId}|${r.organizationId}`))
  const exclusions: Exclusion[] = []
  for (const inspector of candidateOrderBy(inspectors)) {
    for (const agency of candidateOrderBy(agencies)) {
      const name = inspector.fullName.trim()
      let reason: RelationReason | null = null
      if (inspector.organizationId === agency.id) reason = 'sameOrganization'
      else if (declared.has(`${inspector.id}|${agency.id}`)) reason = 'declaredRecusal'
      else if (name !== '' && agency.practitionerNames.some((p) => p.trim() === name)) {
        reason = 'practitionerName'
      }
      if (reason) exclusions.push({ userId: inspector.id, agencyId: agency.id, reason })
    }
  }
  return exclusions
}

function candidateOrderBy<T extends { id: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => a.id - b.id)
}

/** The inspectors that may be drawn: the candidates less every excluded one, ids ascending. */
export function eligibleInspectors(
  candidates: readonly number[],
  exclusions: readonly Exclusion[]
) {
  const excluded = new Set(exclusions.map((exclusion) => exclusion.userId))
  return candidateOrder(candidates).filter((id) => !excluded.has(id))
}

export function drawAgencies(drawSeed: string, candidates: readonly number[], k: number) {
  return drawCandidates(drawSeed, 'inspection-agencies', candidateOrder(candidates), k)
}

/** A risk-weighted plan's agency draws: each class on its own purpose, ceil(ratio × size) each. */
export function drawRiskClasses(drawSeed: string, classes: readonly RiskClassDraw[]) {
  return classes.map((entry) => ({
    riskClass: entry.riskClass,
    picks: drawCandidates(
      drawSeed,
      riskPurpose(entry.riskClass),
      candidateOrder(entry.candidates),
      entry.count
    ),
  }))
}

export function drawInspectors(drawSeed: string, eligible: readonly number[], k: number) {
  return drawCandidates(drawSeed, 'inspection-inspectors', candidateOrder(eligible), k)
}

/** What a plan publishes about its draws. */
export type InspectionDrawRecord = {
  seed: string
  commitment: string
  drawSeed: string
  agencyCandidates: number[]
  agencyPicks: number[]
  /**
   * A risk-weighted plan's classes with the ratio, candidates and picks each
   * published; null for a uniform plan (one draw over agencyCandidates).
   */
  riskClasses?:
    { riskClass: RiskClass; ratioBp: number; candidates: number[]; picks: number[] }[] | null
  inspectorCandidates: number[]
  excluded: Exclusion[]
  inspectorPicks: number[]
}

export type InspectionProof = {
  valid: boolean
  commitment: string
  seed: string
  drawSeed: string
  algorithm: typeof DRAW_ALGORITHM
  /** The agency draw, as GET /api/v1/draws/:projectId/verify names it. */
  candidates: number[]
  picks: number[]
  draws: {
    purpose: 'inspection-agencies' | RiskPurpose | 'inspection-inspectors'
    candidates: number[]
    picks: number[]
    valid: boolean
    /** For a class draw: its class, its ratio and the count ceil(ratio × size). */
    riskClass?: RiskClass
    ratioBp?: number
  }[]
  excludedInspectors: Exclusion[]
  checks: { check: string; ok: boolean }[]
}

/**
 * Recomputes a plan's draws from its published record only: the commitment
 * and the draw seed follow from the seed, the agencies from the candidates,
 * the eligible inspectors from the candidates less the exclusions (each tied
 * to a drawn agency), and the inspectors drawn from those.
 */
export function verifyInspectionDraw(record: InspectionDrawRecord): InspectionProof {
  const drawSeed = inspectionDrawSeed(record.seed)
  const same = (a: readonly number[], b: readonly number[]) =>
    a.length === b.length && a.every((value, index) => value === b[index])
  const drawnAgencies = new Set(record.agencyPicks)
  const eligible = eligibleInspectors(record.inspectorCandidates, record.excluded)
  const inspectorPicks = drawInspectors(drawSeed, eligible, record.inspectorPicks.length)
  const exclusionsOk = record.excluded.every(
    (exclusion) =>
      drawnAgencies.has(exclusion.agencyId) && record.inspectorCandidates.includes(exclusion.userId)
  )
  const checks: { check: string; ok: boolean }[] = [
    { check: 'commitment', ok: commitmentOf(record.seed) === record.commitment },
    { check: 'drawSeed', ok: drawSeed === record.drawSeed },
  ]
  let agencyDraws: InspectionProof['draws']
  let agencyCandidates: number[]
  let agencyPicks: number[]
  if (record.riskClasses) {
    const published = new Map(record.riskClasses.map((entry) => [entry.riskClass, entry]))
    agencyDraws = RISK_CLASSES.map((riskClass) => {
      const entry = published.get(riskClass)
      const candidates = candidateOrder(entry?.candidates ?? [])
      const ratioBp = entry?.ratioBp ?? 0
      const count = drawCountOf(ratioBp, candidates.length)
      const picks = drawCandidates(drawSeed, riskPurpose(riskClass), candidates, count)
      const ok = same(picks, entry?.picks ?? [])
      checks.push({ check: `agencies-${riskClass}`, ok })
      return { purpose: riskPurpose(riskClass), riskClass, ratioBp, candidates, picks, valid: ok }
    })
    agencyCandidates = candidateOrder(agencyDraws.flatMap((draw) => draw.candidates))
    agencyPicks = agencyDraws.flatMap((draw) => draw.picks)
    const disjoint =
      agencyCandidates.length === agencyDraws.reduce((sum, d) => sum + d.candidates.length, 0)
    checks.push({
      check: 'classes',
      ok:
        disjoint &&
        same(agencyCandidates, candidateOrder(record.agencyCandidates)) &&
        same(agencyPicks, record.agencyPicks),
    })
  } else {
    agencyCandidates = candidateOrder(record.agencyCandidates)
    agencyPicks = drawAgencies(drawSeed, agencyCandidates, record.agencyPicks.length)
    const ok = same(agencyPicks, record.agencyPicks)
    checks.push({ check: 'agencies', ok })
    agencyDraws = [
      {
        purpose: 'inspection-agencies',
        candidates: agencyCandidates,
        picks: agencyPicks,
        valid: ok,
      },
    ]
  }
  const inspectorsOk = same(inspectorPicks, record.inspectorPicks)
  checks.push({ check: 'exclusions', ok: exclusionsOk }, { check: 'inspectors', ok: inspectorsOk })
  return {
    valid: checks.every((check) => check.ok),
    commitment: record.commitment,
    seed: record.seed,
    drawSeed,
    algorithm: DRAW_ALGORITHM,
    candidates: agencyCandidates,
    picks: agencyPicks,
    draws: [
      ...agencyDraws,
      {
        purpose: 'inspection-inspectors',
        candidates: eligible,
        picks: inspectorPicks,
        valid: inspectorsOk,
      },
    ],
    excludedInspectors: record.excluded,
    checks,
  }
}

/** A credit event may come only with a finding (责令整改 or 立案), never with 合格. */
export function mayCarryPenalty(outcome: InspectionOutcome) {
  return outcome !== 'qualified'
}
