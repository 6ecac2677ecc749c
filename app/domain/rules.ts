/*
 * The market's rule parameters (SPEC "Rule parameters"): versioned data with
 * an effective date; every project records the version it ran under. These
 * are the spec's starting defaults; the environment may override any of them
 * (RULE_<NAME>, e.g. RULE_PUBLICITY_WORKING_DAYS=0 in tests).
 */
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
  abnormallyLowBelowMeanPercent: number
  abnormallyLowBelowNextPercent: number
  abnormallyLowJustificationWorkingDays: number
  publicityWorkingDays: number
  objectionResponseWorkingDays: number
  directConfirmationWorkingDays: number
  contractSigningWorkingDays: number
  evaluationWindowDays: number
  creditBaseScore: number
  gradeCutoffs: { A: number; B: number; C: number }
  creditEventValidityYears: number
  /** An agency may appeal a credit event within this many working days of it. */
  appealWindowWorkingDays: number
  /** A regulator decides an appeal or a repair application within this many working days. */
  appealDecisionWorkingDays: number
  /** A complaint (投诉举报) is answered within this many working days of its filing. */
  complaintResponseWorkingDays: number
  /** Its assignee is reminded this many working days before that limit (0: no reminder). */
  complaintReminderWorkingDays: number
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
  abnormallyLowBelowMeanPercent: 40,
  abnormallyLowBelowNextPercent: 30,
  abnormallyLowJustificationWorkingDays: 1,
  publicityWorkingDays: 3,
  objectionResponseWorkingDays: 5,
  directConfirmationWorkingDays: 2,
  contractSigningWorkingDays: 5,
  evaluationWindowDays: 15,
  creditBaseScore: 80,
  gradeCutoffs: { A: 90, B: 75, C: 60 },
  creditEventValidityYears: 2,
  appealWindowWorkingDays: 3,
  appealDecisionWorkingDays: 3,
  complaintResponseWorkingDays: 10,
  complaintReminderWorkingDays: 1,
}

/** RULE_MIN_ANNOUNCEMENT_WORKING_DAYS → minAnnouncementWorkingDays, and so on for every number. */
const OVERRIDABLE = [
  'directSelectionThresholdFen',
  'minAnnouncementWorkingDays',
  'abnormallyLowBelowMeanPercent',
  'abnormallyLowBelowNextPercent',
  'abnormallyLowJustificationWorkingDays',
  'publicityWorkingDays',
  'objectionResponseWorkingDays',
  'directConfirmationWorkingDays',
  'contractSigningWorkingDays',
  'evaluationWindowDays',
  'creditBaseScore',
  'creditEventValidityYears',
  'appealWindowWorkingDays',
  'appealDecisionWorkingDays',
  'complaintResponseWorkingDays',
  'complaintReminderWorkingDays',
] as const

export function envNameOf(parameter: string) {
  return `RULE_${parameter.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`
}

/** Applies RULE_* environment overrides; a value that is not a whole number ≥ 0 is an error. */
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
  return result
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
  return problems
}

/** Every parameter as a flat path (`minValidResponses.random`, `gradeCutoffs.A`) with its value. */
export function flatParameters(rules: RuleParameters): Map<string, number> {
  const flat = new Map<string, number>()
  for (const [name, value] of Object.entries(rules)) {
    if (typeof value === 'number') flat.set(name, value)
    else for (const [key, inner] of Object.entries(value)) flat.set(`${name}.${key}`, inner)
  }
  return flat
}

/** What a new version changed, parameter by parameter, for the public change log. */
export function ruleChanges(previous: RuleParameters | null, next: RuleParameters) {
  const before = previous ? flatParameters(previous) : new Map<string, number>()
  return [...flatParameters(next)]
    .filter(([name, value]) => before.get(name) !== value)
    .map(([name, value]) => ({ parameter: name, from: before.get(name) ?? null, to: value }))
}
