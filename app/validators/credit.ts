import vine from '@vinejs/vine'
import { labelled } from '#validators/labels'
import { ADDED_TYPE_RULES, CREDIT_EVENT_TYPES } from '#domain/credit'
import { checkbox } from '#validators/rules/form_inputs'
import { RULE_SEVERITIES } from '#domain/credit_repair'
import { scanFile } from '#validators/rules/file_content'

/** A regulator records a credit event for an agency, with its reason. */
export const creditEventValidator = labelled(
  'credit',
  vine.create({
    agencyId: vine.number().withoutDecimals().min(1),
    type: vine.enum(CREDIT_EVENT_TYPES),
    points: vine.number().withoutDecimals().min(-100).max(100).optional(),
    reason: vine.string().trim().minLength(4).maxLength(2000),
  })
)

/** The agency answers a credit event publicly (once). */
export const creditReplyValidator = vine.create({
  text: vine.string().trim().minLength(2).maxLength(2000),
})

/** An appeal (申诉) against an event, or an application for credit repair (信用修复). */
export const creditAppealValidator = vine.create({
  reason: vine.string().trim().minLength(4).maxLength(4000),
})

const repairFields = {
  /** How the conduct was corrected and the obligations fulfilled. */
  correction: vine.string().trim().minLength(10).maxLength(4000),
  /** The signed credit commitment (信用承诺), published on the agency's page. */
  commitment: vine.string().trim().minLength(20).maxLength(4000),
  /** Signed: the agency confirms the commitment is true and binding. */
  signed: vine.accepted(),
  /** Evidence of the correction: 1 to 5 scans (PDF, JPEG or PNG ≤ 10 MB), checked by content. */
  files: vine.array(scanFile()).minLength(1).maxLength(5),
}

/** 信用修复 from the agency's page: the correction with evidence and the signed commitment. */
export const creditRepairFormValidator = labelled('creditRepair', vine.create(repairFields))

/** API: a repair application names the event it is about (multipart, with the evidence files). */
export const creditRepairValidator = labelled(
  'creditRepair',
  vine.create({ creditEventId: vine.number().withoutDecimals().min(1), ...repairFields })
)

/** A regulator decides an appeal or a repair application, with the reason given to the agency. */
export const creditAppealDecisionValidator = vine.create({
  granted: vine.boolean(),
  decision: vine.string().trim().minLength(4).maxLength(2000),
})

const eventRule = vine.object({
  points: vine.number().withoutDecimals().min(-100).max(100),
  validityYears: vine.number().withoutDecimals().min(1).max(10),
  // The class under the repair measures and the publication bounds in months (missing: the
  // starting class of the type); the bounds of each class are checked by the action.
  severity: vine.enum(RULE_SEVERITIES).optional(),
  minPublicationMonths: vine.number().withoutDecimals().min(0).max(36).optional(),
  maxPublicationMonths: vine.number().withoutDecimals().min(0).max(36).optional(),
})

// The types added after the first table may be left out (they keep their starting points), so a
// table written before them is still accepted.
const ruleTable = () =>
  vine.object(
    Object.fromEntries(
      CREDIT_EVENT_TYPES.map((type) => [
        type,
        type in ADDED_TYPE_RULES ? eventRule.clone().optional() : eventRule.clone(),
      ])
    ) as Record<(typeof CREDIT_EVENT_TYPES)[number], typeof eventRule>
  )

/** A new version of the credit rule table: every event type, the incentives of grade A, and why. */
export const creditRulesValidator = vine.create({
  rules: ruleTable(),
  incentives: vine
    .object({
      scoredCreditPartInFull: vine.boolean(),
      listedFirst: vine.boolean(),
    })
    .optional(),
  reason: vine.string().trim().minLength(4).maxLength(2000),
})

/** The same from the regulator's page: the incentives are checkboxes (unticked: off). */
export const creditRulesFormValidator = vine.create({
  rules: ruleTable(),
  incentives: vine
    .object({ scoredCreditPartInFull: checkbox(), listedFirst: checkbox() })
    .parse((value) => value ?? {}),
  reason: vine.string().trim().minLength(4).maxLength(2000),
})
