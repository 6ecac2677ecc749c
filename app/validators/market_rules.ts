import vine from '@vinejs/vine'
import { MAX_FEN } from '#domain/money'
import { SIGNATURE_LEVELS } from '#domain/rules'
import { FUNDING_SOURCES, MARKET_SCOPES, METHOD_PERMISSIONS } from '#domain/funding_scope'
import { REGION_CODES } from '#domain/regions'

/*
 * A new version of the market's rule parameters (SPEC "Rule parameters"),
 * published by an admin with the day it takes effect and a reason.
 */
const whole = (min: number, max: number) => vine.number().withoutDecimals().min(min).max(max)

/** Every parameter with the range a working market can run on. */
const parameterFields = {
  minAnnouncementWorkingDays: whole(1, 60),
  minValidResponses: vine.object({
    random: whole(1, 20),
    average_price: whole(1, 20),
    credit_preferred: whole(1, 20),
    lowest_price: whole(1, 20),
    scored: whole(1, 20),
  }),
  scoredWeightBounds: vine.object({
    priceMin: whole(0, 100),
    priceMax: whole(0, 100),
    creditMin: whole(0, 100),
    creditMax: whole(0, 100),
    performanceMin: whole(0, 100),
    performanceMax: whole(0, 100),
    planMin: whole(0, 100),
    planMax: whole(0, 100),
  }),
  abnormallyLowBelowMeanPercent: whole(0, 100),
  abnormallyLowBelowNextPercent: whole(0, 100),
  abnormallyLowJustificationWorkingDays: whole(0, 30),
  ownerDecisionWorkingDays: whole(0, 30),
  publicityWorkingDays: whole(0, 30),
  objectionResponseWorkingDays: whole(1, 60),
  directConfirmationWorkingDays: whole(1, 30),
  contractSigningWorkingDays: whole(1, 60),
  evaluationWindowWorkingDays: whole(1, 90),
  creditBaseScore: whole(0, 100),
  gradeCutoffs: vine.object({ A: whole(1, 100), B: whole(1, 100), C: whole(1, 100) }),
  creditEventValidityYears: whole(1, 10),
  appealWindowWorkingDays: whole(1, 30),
  appealDecisionWorkingDays: whole(1, 60),
  repairDecisionWorkingDays: whole(1, 60),
  compositeWeights: vine.object({
    department: whole(0, 100),
    publicCredit: whole(0, 100),
    owners: whole(0, 100),
  }),
  complaintResponseWorkingDays: whole(1, 60),
  complaintReminderWorkingDays: whole(0, 30),
  minimumSignatureLevel: vine.enum(SIGNATURE_LEVELS),
  terminationContestWorkingDays: whole(1, 30),
  terminationDecisionWorkingDays: whole(1, 60),
  inspectionRatioHighBp: whole(0, 10_000),
  inspectionRatioMediumBp: whole(0, 10_000),
  inspectionRatioLowBp: whole(0, 10_000),
  inspectionHighRiskNegativeEvents: whole(0, 100),
  inspectionHighRiskUpheldComplaints: whole(0, 100),
  inspectionHighRiskOpenSignals: whole(0, 100),
  inspectionIntervalMonthsHigh: whole(0, 60),
  inspectionIntervalMonthsMedium: whole(0, 60),
  inspectionIntervalMonthsLow: whole(0, 60),
  marketScope: vine.enum(MARKET_SCOPES),
  allowedMethods: vine.object({
    direct: vine.enum(METHOD_PERMISSIONS),
    random: vine.enum(METHOD_PERMISSIONS),
    lowest_price: vine.enum(METHOD_PERMISSIONS),
    average_price: vine.enum(METHOD_PERMISSIONS),
    credit_preferred: vine.enum(METHOD_PERMISSIONS),
    scored: vine.enum(METHOD_PERMISSIONS),
  }),
}

const effectiveFrom = () => vine.date({ formats: ['YYYY-MM-DD'] })
const reason = () => vine.string().trim().minLength(4).maxLength(2000)
/** The scope of the set: a region and a funding source; absent or blank, every one. */
const scopeFields = {
  regionCode: vine.enum(REGION_CODES).optional(),
  fundingSource: vine.enum(FUNDING_SOURCES).optional(),
}

/** Which scope's latest version the admin's form starts from. */
export const ruleScopeQueryValidator = vine.create(scopeFields)

/** The admin's form: every parameter, the threshold in yuan. */
export const marketRulesFormValidator = vine.create({
  parameters: vine.object({
    ...parameterFields,
    directSelectionThresholdYuan: vine
      .number()
      .min(0)
      .max(MAX_FEN / 100)
      .decimal([0, 2]),
  }),
  effectiveFrom: effectiveFrom(),
  reason: reason(),
  ...scopeFields,
})

/** API: the parameters to change (the others stay as in the latest version), in fen. */
export const marketRulesValidator = vine.create({
  parameters: vine.object({
    ...Object.fromEntries(
      Object.entries(parameterFields).map(([name, field]) => [name, field.clone().optional()])
    ),
    directSelectionThresholdFen: whole(0, MAX_FEN).optional(),
  }),
  effectiveFrom: effectiveFrom(),
  reason: reason(),
  ...scopeFields,
})
