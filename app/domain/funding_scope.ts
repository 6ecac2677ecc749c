/*
 * The scope of the market follows the money (seed 000: 供项目业主自主选择;
 * seed 003: for socially invested building projects the developer decides
 * how to contract). Pure functions only; worked examples in
 * tests/unit/funding_scope.spec.ts.
 *
 * - Every project names its funding source from a closed list. The rule set
 *   chosen for the project (by region and funding source, below) says whether
 *   the market is compulsory for it, up to what ceiling direct selection is
 *   allowed, and which methods are allowed. Where the market is voluntary
 *   (social investment by default) any method and any amount are allowed, and
 *   the owner may instead record a selection made outside the market.
 * - A service commissioned by an approval department (审批部门委托) is owned by
 *   that department, selected competitively, and paid by the department,
 *   never by the applicant.
 * - An emergency exemption (natural disaster, accident emergency, state
 *   secret) allows direct selection at any amount, with a published reason;
 *   regulators are told at publication.
 */
import { regionIncludes } from '#domain/alerts'
import type { RuleParameters } from '#domain/rules'
import type { SelectionMethod } from '#domain/selection'

/** 资金来源: 财政性资金 / 国有资金 / 社会投资 / 混合. */
export const FUNDING_SOURCES = ['fiscal', 'state_owned', 'social', 'mixed'] as const
export type FundingSource = (typeof FUNDING_SOURCES)[number]

/** 应急豁免: 自然灾害 / 事故灾难应急 / 涉及国家秘密. */
export const EXEMPTIONS = ['natural_disaster', 'accident_emergency', 'state_secret'] as const
export type Exemption = (typeof EXEMPTIONS)[number]

/** Whether the market is compulsory under a rule set (市场选取强制) or left to the owner. */
export const MARKET_SCOPES = ['compulsory', 'voluntary'] as const
export type MarketScope = (typeof MARKET_SCOPES)[number]

export const METHOD_PERMISSIONS = ['yes', 'no'] as const
export type MethodPermission = (typeof METHOD_PERMISSIONS)[number]

/**
 * The funding source a free-text answer of the old form most likely meant:
 * words of social or private money → social; of state-owned money → state
 * owned; of a mix → mixed; anything else (财政资金, 预算, blank) → fiscal, the
 * strictest reading, under which the market stays compulsory.
 */
export function fundingSourceOfText(text: string | null | undefined): FundingSource {
  const value = (text ?? '').trim()
  if ((FUNDING_SOURCES as readonly string[]).includes(value)) return value as FundingSource
  if (/混合|多种|、|＋|\+/.test(value)) return 'mixed'
  if (/社会|民间|自筹|企业|私人|外资/.test(value)) return 'social'
  if (/国有|国企/.test(value)) return 'state_owned'
  return 'fiscal'
}

/** What a project asks of its rule set. */
export type ScopeFacts = {
  method: SelectionMethod
  ceilingPriceFen: number
  /** The department that commissions the service (审批部门委托), if any. */
  commissioningDepartmentId: number | null
  /** The department the owner acts for (the drafting user's), if any. */
  ownerDepartmentId: number | null
  exemption: Exemption | null
  exemptionReason: string | null
}

export type ScopeProblem = { field: string; rule: string; data?: Record<string, unknown> }

/** Shortest published reason of an exemption. */
export const MIN_EXEMPTION_REASON = 4

/**
 * What is refused whatever the rule set: an exemption other than for direct
 * selection or without its reason, a commissioned service not owned by its
 * department or selected directly. Checked from the draft on.
 */
export function standingProblems(facts: ScopeFacts): ScopeProblem[] {
  const problems: ScopeProblem[] = []
  if (facts.exemption !== null) {
    if (facts.method !== 'direct') {
      problems.push({ field: 'method', rule: 'exemptionIsDirect' })
    }
    if ((facts.exemptionReason ?? '').trim().length < MIN_EXEMPTION_REASON) {
      problems.push({ field: 'exemptionReason', rule: 'exemptionReasonRequired' })
    }
  } else if (facts.exemptionReason) {
    problems.push({ field: 'exemption', rule: 'reasonWithoutExemption' })
  }

  if (facts.commissioningDepartmentId !== null) {
    if (facts.ownerDepartmentId !== facts.commissioningDepartmentId) {
      problems.push({ field: 'commissioningDepartmentId', rule: 'commissionedOwnerNotDepartment' })
    }
    if (facts.method === 'direct') {
      problems.push({ field: 'method', rule: 'commissionedNeedsCompetition' })
    }
  }

  return problems
}

/**
 * What the rule set chosen for the project (at publication) refuses, with
 * the standing problems: a method it does not allow, direct selection above
 * its threshold — unless the market is voluntary under it, or an exemption
 * applies. Each at its field.
 */
export function scopeProblems(facts: ScopeFacts, rules: RuleParameters): ScopeProblem[] {
  const problems = standingProblems(facts)
  // An exemption is itself the reason to select directly, at any amount.
  if (facts.exemption !== null || rules.marketScope === 'voluntary') return problems
  if (rules.allowedMethods[facts.method] !== 'yes') {
    problems.push({ field: 'method', rule: 'methodNotAllowed' })
  } else if (
    facts.method === 'direct' &&
    facts.ceilingPriceFen > rules.directSelectionThresholdFen
  ) {
    problems.push({
      field: 'ceilingPriceFen',
      rule: 'overDirectThreshold',
      data: { threshold: (rules.directSelectionThresholdFen / 100).toLocaleString('en-US') },
    })
  }
  return problems
}

/** Whether the owner may record a selection made outside the market (自主选择). */
export function mayRecordOutsideSelection(rules: RuleParameters) {
  return rules.marketScope === 'voluntary'
}

/** A rule set's scope: a region (null: everywhere) and a funding source (null: every source). */
export type RuleSetScope = { regionCode: string | null; fundingSource: FundingSource | null }

export type RuleSetCandidate = RuleSetScope & { version: number; effectiveFrom: Date }

/** How closely a region code names a place: national 0, province 1, city 2, district 3. */
function regionDepth(regionCode: string | null) {
  if (regionCode === null) return 0
  if (regionCode.endsWith('0000')) return 1
  if (regionCode.endsWith('00')) return 2
  return 3
}

/**
 * The rule set a project is published under: among the versions in force at
 * `at` whose scope covers the project's region and funding source, the one of
 * the closest scope — a set for the project's funding source before a set
 * for every source, then the narrowest region — and within that scope the
 * latest version. Null when none covers it.
 */
export function chooseRuleSet<Candidate extends RuleSetCandidate>(
  candidates: Candidate[],
  project: { regionCode: string; fundingSource: FundingSource },
  at: Date
): Candidate | null {
  let best: Candidate | null = null
  let bestRank = -1
  for (const candidate of candidates) {
    if (candidate.effectiveFrom.getTime() > at.getTime()) continue
    if (candidate.fundingSource !== null && candidate.fundingSource !== project.fundingSource) {
      continue
    }
    if (
      candidate.regionCode !== null &&
      !regionIncludes(candidate.regionCode, project.regionCode)
    ) {
      continue
    }
    const rank = (candidate.fundingSource === null ? 0 : 10) + regionDepth(candidate.regionCode)
    if (rank > bestRank || (rank === bestRank && candidate.version > best!.version)) {
      best = candidate
      bestRank = rank
    }
  }
  return best
}

/** Two scopes are the same scope (a new version of a set continues the set of its scope). */
export function sameScope(a: RuleSetScope, b: RuleSetScope) {
  return a.regionCode === b.regionCode && a.fundingSource === b.fundingSource
}
