import vine from '@vinejs/vine'
import { APPROVAL_OUTCOMES } from '#domain/service_delivery'
import { deliverableFile } from '#validators/rules/file_content'

/** The agency delivers: a summary and one to five files (PDF, DOCX, TXT ≤ 50 MB each). */
export const deliverableValidator = vine.create({
  summary: vine.string().trim().minLength(4).maxLength(5000),
  files: vine.array(deliverableFile()).minLength(1).maxLength(5),
})

/** A reason the other party and the execution log will read (pause 补正, return). */
export const serviceReasonValidator = vine.create({
  reason: vine.string().trim().minLength(4).maxLength(2000),
})

/** The approving department's outcome: passed first time, passed after n corrections, rejected. */
export const approvalOutcomeValidator = vine.create({
  outcome: vine.enum(APPROVAL_OUTCOMES),
  corrections: vine
    .number()
    .withoutDecimals()
    .min(1)
    .max(20)
    .optional()
    .requiredWhen('outcome', '=', 'corrections'),
  // 服务双评价: the department's rating of the report's quality and timeliness (1–5, both or neither).
  departmentQuality: vine.number().withoutDecimals().range([1, 5]).optional(),
  departmentTimeliness: vine
    .number()
    .withoutDecimals()
    .range([1, 5])
    .optional()
    .requiredIfExists('departmentQuality'),
})
