/*
 * The market's rule parameters (SPEC "Rule parameters"): versioned data with
 * an effective date; every project records the version it ran under. These
 * are the spec's starting defaults; the environment may override any of them
 * (RULE_<NAME>, e.g. RULE_PUBLICITY_WORKING_DAYS=0 in tests).
 */
import {
  MARKET_SCOPES,
  METHOD_PERMISSIONS,
  type MarketScope,
  type MethodPermission,
} from '#domain/funding_scope'
import type { SelectionMethod } from '#domain/selection'

/**
 * How contracts are signed: `simple` — the password entered again (一般电子签名);
 * `reliable` — a key under the signer's sole control, certified to the person
 * and the organisation (可靠电子签名, 电子签名法 Art. 13).
 */
export const SIGNATURE_LEVELS = ['simple', 'reliable'] as const
export type SignatureLevel = (typeof SIGNATURE_LEVELS)[number]

/** Whether a signature of `level` is at least `minimum` (a reliable signature is also a simple one). */
export function meetsSignatureLevel(level: SignatureLevel, minimum: SignatureLevel) {
  return SIGNATURE_LEVELS.indexOf(level) >= SIGNATURE_LEVELS.indexOf(minimum)
}

export type RuleParameters = {
  directSelectionThresholdFen: number
  minAnnouncementWorkingDays: number
  minValidResponses: {
    random: number
    average_price: number
    credit_preferred: number
    lowest_price: number
    scored: number
  }
  /**
   * 综合评分: the bounds (in points of 100) within which an owner sets each
   * weight; checked when the project is drafted and again at publication.
   */
  scoredWeightBounds: {
    priceMin: number
    priceMax: number
    creditMin: number
    creditMax: number
    performanceMin: number
    performanceMax: number
    planMin: number
    planMax: number
  }
  abnormallyLowBelowMeanPercent: number
  abnormallyLowBelowNextPercent: number
  abnormallyLowJustificationWorkingDays: number
  /**
   * The owner keeps or rejects each justified quote within this many working
   * days of the justification window's close; past it a justified quote stands
   * (the seed stays sealed until then, so the owner cannot stall to steer).
   */
  ownerDecisionWorkingDays: number
  publicityWorkingDays: number
  objectionResponseWorkingDays: number
  directConfirmationWorkingDays: number
  contractSigningWorkingDays: number
  /** The owner rates the service within this many working days of acceptance (自主自愿: or stays silent). */
  evaluationWindowWorkingDays: number
  creditBaseScore: number
  gradeCutoffs: { A: number; B: number; C: number }
  creditEventValidityYears: number
  /** An agency may appeal a credit event within this many working days of it. */
  appealWindowWorkingDays: number
  /** A regulator decides an appeal or a repair application within this many working days. */
  appealDecisionWorkingDays: number
  /** A regulator decides a credit repair application (信用修复) within this many working days. */
  repairDecisionWorkingDays: number
  /**
   * 年度综合信用评价: the weights (points of 100) of the approving departments'
   * ratings, the market credit score (public credit) and the owners' ratings.
   */
  compositeWeights: { department: number; publicCredit: number; owners: number }
  /** A complaint (投诉举报) is answered within this many working days of its filing. */
  complaintResponseWorkingDays: number
  /** Its assignee is reminded this many working days before that limit (0: no reminder). */
  complaintReminderWorkingDays: number
  /** The least a contract signature must be (a version written before this parameter: `simple`). */
  minimumSignatureLevel: SignatureLevel
  /** The agency may contest a termination (合同解除) within this many working days of it. */
  terminationContestWorkingDays: number
  /** A regulator decides a contested termination within this many working days of the contest. */
  terminationDecisionWorkingDays: number
  /**
   * 双随机、一公开 weighted by risk: the share of each risk class drawn by a
   * plan, in basis points (1 % = 100), and from how many negative credit
   * events (last 12 months), upheld complaints (last 12 months) or open
   * follow-up cases an agency is high-risk (0: that fact never makes it so).
   */
  inspectionRatioHighBp: number
  inspectionRatioMediumBp: number
  inspectionRatioLowBp: number
  inspectionHighRiskNegativeEvents: number
  inspectionHighRiskUpheldComplaints: number
  inspectionHighRiskOpenSignals: number
  /**
   * 抽查频次: an agency drawn by a plan is not a candidate of a risk-weighted
   * plan again within this many months of that draw, by its class (0: no limit).
   */
  inspectionIntervalMonthsHigh: number
  inspectionIntervalMonthsMedium: number
  inspectionIntervalMonthsLow: number
  /**
   * The scope of the market (app/domain/funding_scope.ts), set per rule set —
   * and rule sets are chosen by region and funding source: whether the market
   * is compulsory (voluntary: any method at any amount, and a selection made
   * outside the market may be recorded instead), and, where it is compulsory,
   * which selection methods are allowed.
   */
  marketScope: MarketScope
  allowedMethods: Record<SelectionMethod, MethodPermission>
}

export const DEFAULT_RULES: RuleParameters = {
  directSelectionThresholdFen: 5_000_000,
  minAnnouncementWorkingDays: 3,
  minValidResponses: {
    random: 3,
    average_price: 3,
    credit_preferred: 3,
    lowest_price: 1,
    scored: 1,
  },
  scoredWeightBounds: {
    priceMin: 30,
    priceMax: 60,
    creditMin: 0,
    creditMax: 30,
    performanceMin: 0,
    performanceMax: 30,
    planMin: 0,
    planMax: 40,
  },
  abnormallyLowBelowMeanPercent: 40,
  abnormallyLowBelowNextPercent: 30,
  abnormallyLowJustificationWorkingDays: 1,
  ownerDecisionWorkingDays: 2,
  publicityWorkingDays: 3,
  objectionResponseWorkingDays: 5,
  directConfirmationWorkingDays: 2,
  contractSigningWorkingDays: 5,
  evaluationWindowWorkingDays: 15,
  creditBaseScore: 80,
  gradeCutoffs: { A: 90, B: 75, C: 60 },
  creditEventValidityYears: 2,
  appealWindowWorkingDays: 3,
  appealDecisionWorkingDays: 3,
  repairDecisionWorkingDays: 5,
  compositeWeights: { department: 70, publicCredit: 10, owners: 20 },
  complaintResponseWorkingDays: 10,
  complaintReminderWorkingDays: 1,
  minimumSignatureLevel: 'reliable',
  terminationContestWorkingDays: 5,
  terminationDecisionWorkingDays: 5,
  inspectionRatioHighBp: 3000,
  inspectionRatioMediumBp: 1000,
  inspectionRatioLowBp: 300,
  inspectionHighRiskNegativeEvents: 2,
  inspectionHighRiskUpheldComplaints: 1,
  inspectionHighRiskOpenSignals: 1,
  inspectionIntervalMonthsHigh: 0,
  inspectionIntervalMonthsMedium: 6,
  inspectionIntervalMonthsLow: 12,
  marketScope: 'compulsory',
  allowedMethods: {
    direct: 'yes',
    random: 'yes',
    lowest_price: 'yes',
    average_price: 'yes',
    credit_preferred: 'yes',
    scored: 'yes',
  },
}

/** RULE_MIN_ANNOUNCEMENT_WORKING_DAYS → minAnnouncementWorkingDays, and so on for every number. */
const OVERRIDABLE = [
  'directSelectionThresholdFen',
  'minAnnouncementWorkingDays',
  'abnormallyLowBelowMeanPercent',
  'abnormallyLowBelowNextPercent',
  'abnormallyLowJustificationWorkingDays',
  'ownerDecisionWorkingDays',
  'publicityWorkingDays',
  'objectionResponseWorkingDays',
  'directConfirmationWorkingDays',
  'contractSigningWorkingDays',
  'evaluationWindowWorkingDays',
  'creditBaseScore',
  'creditEventValidityYears',
  'appealWindowWorkingDays',
  'appealDecisionWorkingDays',
  'repairDecisionWorkingDays',
  'complaintResponseWorkingDays',
  'complaintReminderWorkingDays',
  'terminationContestWorkingDays',
  'terminationDecisionWorkingDays',
  'inspectionRatioHighBp',
  'inspectionRatioMediumBp',
  'inspectionRatioLowBp',
  'inspectionHighRiskNegativeEvents',
  'inspectionHighRiskUpheldComplaints',
  'inspectionHighRiskOpenSignals',
  'inspectionIntervalMonthsHigh',
  'inspectionIntervalMonthsMedium',
  'inspectionIntervalMonthsLow',
] as const

/** RULE_MINIMUM_SIGNATURE_LEVEL → minimumSignatureLevel: parameters that take one of a set of words. */
const ENUMERATED = {
  minimumSignatureLevel: SIGNATURE_LEVELS,
  marketScope: MARKET_SCOPES,
} as const satisfies { [Name in keyof RuleParameters]?: readonly RuleParameters[Name][] }

export function envNameOf(parameter: string) {
  return `RULE_${parameter.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`
}

/** The RULE_* names of every parameter an override may change. */
const OVERRIDE_NAMES = [...OVERRIDABLE, ...Object.keys(ENUMERATED)].map(envNameOf)

/** The RULE_* overrides an environment sets, as one string: equal strings, equal overrides. */
export function overridesKey(environment: Record<string, string | undefined>) {
  return OVERRIDE_NAMES.map((name) => environment[name] ?? '').join('\u0000')
}

/**
 * Applies RULE_* environment overrides; a value that is not a whole number ≥ 0
 * (or, for an enumerated parameter, not one of its words) is an error.
 */
export function withOverrides(
  rules: RuleParameters,
  environment: Record<string, string | undefined>
) {
  const result: RuleParameters = structuredClone(rules)
  for (const parameter of OVERRIDABLE) {
    const raw = environment[envNameOf(parameter)]
    if (raw === undefined || raw === '') continue
    const value = Number(raw)
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`${envNameOf(parameter)} must be a whole number ≥ 0, not "${raw}"`)
    }
    result[parameter] = value
  }
  for (const [parameter, allowed] of Object.entries(ENUMERATED) as [
    keyof typeof ENUMERATED,
    readonly string[],
  ][]) {
    const raw = environment[envNameOf(parameter)]?.trim()
    if (raw === undefined || raw === '') continue
    if (!allowed.includes(raw)) {
      throw new RangeError(
        `${envNameOf(parameter)} must be one of ${allowed.join(', ')}, not "${raw}"`
      )
    }
    ;(result as Record<string, unknown>)[parameter] = raw
  }
  return result
}

/** The words an enumerated parameter takes (for forms and validators), or null for a number. */
export function choicesOf(parameter: string): readonly string[] | null {
  if (parameter.startsWith('allowedMethods.')) return METHOD_PERMISSIONS
  return (ENUMERATED as Record<string, readonly string[]>)[parameter] ?? null
}

export const WEIGHT_PARTS = ['price', 'credit', 'performance', 'plan'] as const
export type WeightPart = (typeof WEIGHT_PARTS)[number]

/** A problem with an owner's weights: the field, the i18n rule key and its data. */
export type WeightProblem = { field: string; rule: string; data?: Record<string, unknown> }

/**
 * 综合评分 weights must each lie within the rule set's bounds and sum to 100
 * (a missing plan weight counts as 0), so that no owner can publish weights
 * that make the price or the plan decide alone.
 */
export function scoredWeightProblems(
  weights: Partial<Record<WeightPart, number>> | null | undefined,
  bounds: RuleParameters['scoredWeightBounds']
): WeightProblem[] {
  if (!weights) return [{ field: 'weights', rule: 'weightsRequired' }]
  const problems: WeightProblem[] = []
  for (const part of WEIGHT_PARTS) {
    const value = weights[part] ?? 0
    const min = bounds[`${part}Min`]
    const max = bounds[`${part}Max`]
    if (value < min || value > max) {
      problems.push({ field: `weights.${part}`, rule: 'weightOutOfBounds', data: { min, max } })
    }
  }
  const total = WEIGHT_PARTS.reduce((sum, part) => sum + (weights[part] ?? 0), 0)
  if (Math.abs(total - 100) > 1e-9) {
    problems.push({ field: 'weights', rule: 'weightsSum', data: { total } })
  }
  return problems
}

/** A rule that cannot work as published: the parameter path and the i18n key of the reason. */
export type RuleProblem = { field: string; rule: string }

/**
 * Consistency between parameters that each look valid alone: grade cut-offs
 * in order (A above B above C), a reminder before the complaint limit.
 */
export function ruleParameterProblems(rules: RuleParameters): RuleProblem[] {
  const problems: RuleProblem[] = []
  const { A, B, C } = rules.gradeCutoffs
  if (!(A > B)) problems.push({ field: 'parameters.gradeCutoffs.B', rule: 'cutoffsOrder' })
  if (!(B > C)) problems.push({ field: 'parameters.gradeCutoffs.C', rule: 'cutoffsOrder' })
  if (
    rules.complaintReminderWorkingDays > 0 &&
    rules.complaintReminderWorkingDays >= rules.complaintResponseWorkingDays
  ) {
    problems.push({ field: 'parameters.complaintReminderWorkingDays', rule: 'reminderBeforeLimit' })
  }
  const composite = rules.compositeWeights
  if (composite.department + composite.publicCredit + composite.owners !== 100) {
    problems.push({ field: 'parameters.compositeWeights', rule: 'compositeWeightsSum' })
  }
  for (const name of [
    'inspectionRatioHighBp',
    'inspectionRatioMediumBp',
    'inspectionRatioLowBp',
  ] as const) {
    if (rules[name] > 10_000) problems.push({ field: `parameters.${name}`, rule: 'ratioAbove100' })
  }
  if (!Object.values(rules.allowedMethods).includes('yes')) {
    problems.push({ field: 'parameters.allowedMethods', rule: 'noMethodAllowed' })
  }
  const bounds = rules.scoredWeightBounds
  for (const part of WEIGHT_PARTS) {
    if (bounds[`${part}Min`] > bounds[`${part}Max`]) {
      problems.push({ field: `parameters.scoredWeightBounds.${part}Max`, rule: 'boundsOrder' })
    }
  }
  const mins = WEIGHT_PARTS.reduce((sum, part) => sum + bounds[`${part}Min`], 0)
  const maxes = WEIGHT_PARTS.reduce((sum, part) => sum + bounds[`${part}Max`], 0)
  if (mins > 100 || maxes < 100) {
    problems.push({ field: 'parameters.scoredWeightBounds', rule: 'boundsCannotSumTo100' })
  }
  return problems
}

/** A parameter's value: a number, or a word for an enumerated one. */
export type ParameterValue = number | string

/** Every parameter as a flat path (`minValidResponses.random`, `gradeCutoffs.A`) with its value. */
export function flatParameters(rules: RuleParameters): Map<string, ParameterValue> {
  const flat = new Map<string, ParameterValue>()
  for (const [name, value] of Object.entries(rules)) {
    if (typeof value !== 'object') flat.set(name, value)
    else for (const [key, inner] of Object.entries(value)) flat.set(`${name}.${key}`, inner)
  }
  return flat
}

/** What a new version changed, parameter by parameter, for the public change log. */
export function ruleChanges(previous: RuleParameters | null, next: RuleParameters) {
  const before = previous ? flatParameters(previous) : new Map<string, ParameterValue>()
  return [...flatParameters(next)]
    .filter(([name, value]) => before.get(name) !== value)
    .map(([name, value]) => ({ parameter: name, from: before.get(name) ?? null, to: value }))
}
