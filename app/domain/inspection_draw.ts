/*
 * 双随机、一公开: the two draws of an inspection plan with the verifiable
 * draw v1 (API.md). Candidates are ids sorted ascending; the seed is
 * published with the plan (nothing is sealed: the candidate lists are fixed
 * when the plan is made), and drawSeed = SHA-256("{seed}|"), i.e. the v1 draw
 * seed with no receipts. Agencies are drawn first (purpose
 * `inspection-agencies`), then inspectors (purpose `inspection-inspectors`)
 * among the regulators not related to any drawn agency. Pure functions only.
 */
import { commitmentOf, DRAW_ALGORITHM, drawCandidates, drawSeedOf } from '#domain/verifiable_draw'

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
    purpose: 'inspection-agencies' | 'inspection-inspectors'
    candidates: number[]
    picks: number[]
    valid: boolean
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
  const agencyCandidates = candidateOrder(record.agencyCandidates)
  const agencyPicks = drawAgencies(drawSeed, agencyCandidates, record.agencyPicks.length)
  const drawnAgencies = new Set(record.agencyPicks)
  const eligible = eligibleInspectors(record.inspectorCandidates, record.excluded)
  const inspectorPicks = drawInspectors(drawSeed, eligible, record.inspectorPicks.length)
  const same = (a: readonly number[], b: readonly number[]) =>
    a.length === b.length && a.every((value, index) => value === b[index])
  const checks = [
    { check: 'commitment', ok: commitmentOf(record.seed) === record.commitment },
    { check: 'drawSeed', ok: drawSeed === record.drawSeed },
    { check: 'agencies', ok: same(agencyPicks, record.agencyPicks) },
    {
      check: 'exclusions',
      ok: record.excluded.every(
        (exclusion) =>
          drawnAgencies.has(exclusion.agencyId) &&
          record.inspectorCandidates.includes(exclusion.userId)
      ),
    },
    { check: 'inspectors', ok: same(inspectorPicks, record.inspectorPicks) },
  ]
  return {
    valid: checks.every((check) => check.ok),
    commitment: record.commitment,
    seed: record.seed,
    drawSeed,
    algorithm: DRAW_ALGORITHM,
    candidates: agencyCandidates,
    picks: agencyPicks,
    draws: [
      {
        purpose: 'inspection-agencies',
        candidates: agencyCandidates,
        picks: agencyPicks,
        valid: checks[2].ok,
      },
      {
        purpose: 'inspection-inspectors',
        candidates: eligible,
        picks: inspectorPicks,
        valid: checks[4].ok,
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
