import type { ParameterValue, RuleParameters } from '#domain/rules'

/*
 * How the rule parameters are shown and edited: in groups, each with its
 * unit. Labels are in resources/lang/<locale>/rules.json under `parameters`.
 */
export type ParameterUnit =
  | 'level'
  | 'workingDays'
  | 'days'
  | 'percent'
  | 'years'
  | 'points'
  | 'yuan'
  | 'count'
  | 'basisPoints'
  | 'facts'
  | 'months'

export const RULE_PARAMETER_GROUPS: {
  group: string
  parameters: { path: string; unit: ParameterUnit }[]
}[] = [
  {
    group: 'selection',
    parameters: [
      { path: 'directSelectionThresholdFen', unit: 'yuan' },
      { path: 'minAnnouncementWorkingDays', unit: 'workingDays' },
      { path: 'minValidResponses.random', unit: 'count' },
      { path: 'minValidResponses.average_price', unit: 'count' },
      { path: 'minValidResponses.credit_preferred', unit: 'count' },
      { path: 'minValidResponses.lowest_price', unit: 'count' },
      { path: 'minValidResponses.scored', unit: 'count' },
      { path: 'scoredWeightBounds.priceMin', unit: 'percent' },
      { path: 'scoredWeightBounds.priceMax', unit: 'percent' },
      { path: 'scoredWeightBounds.creditMin', unit: 'percent' },
      { path: 'scoredWeightBounds.creditMax', unit: 'percent' },
      { path: 'scoredWeightBounds.performanceMin', unit: 'percent' },
      { path: 'scoredWeightBounds.performanceMax', unit: 'percent' },
      { path: 'scoredWeightBounds.planMin', unit: 'percent' },
      { path: 'scoredWeightBounds.planMax', unit: 'percent' },
      { path: 'abnormallyLowBelowMeanPercent', unit: 'percent' },
      { path: 'abnormallyLowBelowNextPercent', unit: 'percent' },
      { path: 'abnormallyLowJustificationWorkingDays', unit: 'workingDays' },
      { path: 'ownerDecisionWorkingDays', unit: 'workingDays' },
    ],
  },
  {
    group: 'periods',
    parameters: [
      { path: 'publicityWorkingDays', unit: 'workingDays' },
      { path: 'objectionResponseWorkingDays', unit: 'workingDays' },
      { path: 'directConfirmationWorkingDays', unit: 'workingDays' },
      { path: 'contractSigningWorkingDays', unit: 'workingDays' },
      { path: 'evaluationWindowWorkingDays', unit: 'workingDays' },
      { path: 'terminationContestWorkingDays', unit: 'workingDays' },
      { path: 'terminationDecisionWorkingDays', unit: 'workingDays' },
    ],
  },
  {
    group: 'credit',
    parameters: [
      { path: 'creditBaseScore', unit: 'points' },
      { path: 'gradeCutoffs.A', unit: 'points' },
      { path: 'gradeCutoffs.B', unit: 'points' },
      { path: 'gradeCutoffs.C', unit: 'points' },
      { path: 'creditEventValidityYears', unit: 'years' },
      { path: 'appealWindowWorkingDays', unit: 'workingDays' },
      { path: 'appealDecisionWorkingDays', unit: 'workingDays' },
      { path: 'repairDecisionWorkingDays', unit: 'workingDays' },
      { path: 'compositeWeights.department', unit: 'percent' },
      { path: 'compositeWeights.publicCredit', unit: 'percent' },
      { path: 'compositeWeights.owners', unit: 'percent' },
    ],
  },
  {
    group: 'complaints',
    parameters: [
      { path: 'complaintResponseWorkingDays', unit: 'workingDays' },
      { path: 'complaintReminderWorkingDays', unit: 'workingDays' },
    ],
  },
  {
    group: 'signatures',
    parameters: [{ path: 'minimumSignatureLevel', unit: 'level' }],
  },
  {
    group: 'inspections',
    parameters: [
      { path: 'inspectionRatioHighBp', unit: 'basisPoints' },
      { path: 'inspectionRatioMediumBp', unit: 'basisPoints' },
      { path: 'inspectionRatioLowBp', unit: 'basisPoints' },
      { path: 'inspectionHighRiskNegativeEvents', unit: 'facts' },
      { path: 'inspectionHighRiskUpheldComplaints', unit: 'facts' },
      { path: 'inspectionHighRiskOpenSignals', unit: 'facts' },
      { path: 'inspectionIntervalMonthsHigh', unit: 'months' },
      { path: 'inspectionIntervalMonthsMedium', unit: 'months' },
      { path: 'inspectionIntervalMonthsLow', unit: 'months' },
    ],
  },
  {
    group: 'scope',
    parameters: [
      { path: 'marketScope', unit: 'level' },
      { path: 'allowedMethods.direct', unit: 'level' },
      { path: 'allowedMethods.random', unit: 'level' },
      { path: 'allowedMethods.lowest_price', unit: 'level' },
      { path: 'allowedMethods.average_price', unit: 'level' },
      { path: 'allowedMethods.credit_preferred', unit: 'level' },
      { path: 'allowedMethods.scored', unit: 'level' },
    ],
  },
]

/** The i18n key of a word an enumerated parameter takes (`reliable`, `voluntary`, `yes`). */
export function choiceLabelKey(path: string, value: ParameterValue) {
  if (path === 'minimumSignatureLevel') return `rules.signatureLevels.${value}`
  if (path === 'marketScope') return `rules.marketScopes.${value}`
  return `rules.methodPermissions.${value}`
}

/** The value of a parameter path (`gradeCutoffs.A`) as shown: money in yuan. */
export function parameterValue(rules: RuleParameters, path: string): ParameterValue {
  const value = path
    .split('.')
    .reduce<unknown>(
      (inner, key) => (inner as Record<string, unknown>)[key],
      rules
    ) as ParameterValue
  return path === 'directSelectionThresholdFen' ? Number(value) / 100 : value
}

/** The form field of a parameter path: `parameters[gradeCutoffs][A]`; the threshold in yuan. */
export function parameterFieldName(path: string) {
  const name = path === 'directSelectionThresholdFen' ? 'directSelectionThresholdYuan' : path
  return `parameters${name
    .split('.')
    .map((key) => `[${key}]`)
    .join('')}`
}

/** The error-bag key of a parameter path. */
export function parameterErrorKey(path: string) {
  return `parameters.${path === 'directSelectionThresholdFen' ? 'directSelectionThresholdYuan' : path}`
}

/** A value of the change log (stored in fen for the threshold) as shown. */
export function changeValue(path: string, value: ParameterValue | null) {
  if (value === null) return '—'
  return path === 'directSelectionThresholdFen' ? Number(value) / 100 : value
}
