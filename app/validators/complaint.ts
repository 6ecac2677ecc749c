import vine from '@vinejs/vine'
import type { I18n } from '@adonisjs/i18n'
import { COMPLAINT_CATEGORIES, COMPLAINT_STATES, TRACKING_CODE_PATTERN } from '#domain/complaints'
import { scanFile } from '#validators/rules/file_content'
import { refuseInput } from '#exceptions/invalid_input_exception'
import { checkbox } from '#validators/rules/form_inputs'

/** Mainland mobile numbers and landlines with area code (0XX-XXXXXXXX). */
const PHONE_PATTERN = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/

/**
 * Field names and messages of these validators, in zh-CN and en
 * (resources/lang/<locale>/complaints.json, under `validator`).
 */
export function complaintMessages(i18n: I18n) {
  return i18n.createMessagesProvider('complaints.validator')
}

export type ComplaintInputProblem = { field: string; rule: string }

/**
 * Input that passed the validator but not the records (an unknown agency, a
 * credit event for a rejected complaint…): 422 in the validation shape, each
 * message from complaints.validator.messages.complaint.<rule>.
 */
export function refuseComplaintInput(problems: ComplaintInputProblem[]): never {
  refuseInput(
    problems.map((problem) => ({
      field: problem.field,
      rule: `complaint.${problem.rule}`,
      identifier: `complaints.validator.messages.complaint.${problem.rule}`,
    }))
  )
}

/**
 * 投诉举报: what it is about (optional links to an agency, an owner, a
 * project), a category, the text, up to five pieces of evidence (PDF, JPEG or
 * PNG ≤ 10 MB each, checked by content), and — unless anonymous — how to
 * reach a complainant who is not signed in.
 */
export const fileComplaintValidator = vine.create({
  category: vine.enum(COMPLAINT_CATEGORIES),
  text: vine.string().trim().minLength(10).maxLength(10_000),
  agencyId: vine.number().withoutDecimals().min(1).optional(),
  ownerId: vine.number().withoutDecimals().min(1).optional(),
  projectId: vine.number().withoutDecimals().min(1).optional(),
  anonymous: vine.boolean().optional(),
  contactName: vine.string().trim().maxLength(100).optional(),
  contactPhone: vine.string().trim().regex(PHONE_PATTERN).optional(),
  contactEmail: vine.string().trim().toLowerCase().maxLength(254).email().optional(),
  files: vine.array(scanFile()).maxLength(5).optional(),
})

/** A regulator hands a complaint to a regulator user (a colleague or themselves). */
export const assignComplaintValidator = vine.create({
  userId: vine.number().withoutDecimals().min(1),
})

/**
 * The answer: upheld (查实) or rejected, the decision given to the
 * complainant, whether the outcome is published, and — for an upheld
 * complaint about an agency — a credit event `upheld_complaint` at the rule
 * table's points, or at `creditPoints` (negative) when given.
 */
export const answerComplaintValidator = vine.create({
  upheld: vine.boolean(),
  decision: vine.string().trim().minLength(4).maxLength(10_000),
  public: vine.boolean(),
  creditEvent: vine.boolean().optional(),
  creditPoints: vine.number().withoutDecimals().min(-100).max(-1).optional(),
})

/**
 * The same answer from the desk's form: two buttons send `upheld` true or
 * false, the checkboxes send 1 when ticked and nothing otherwise, an empty
 * points field is no points.
 */
export const answerComplaintFormValidator = vine.create({
  upheld: vine.boolean(),
  decision: vine.string().trim().minLength(4).maxLength(10_000),
  public: checkbox(),
  creditEvent: checkbox(),
  creditPoints: vine.number().withoutDecimals().min(-100).max(-1).optional(),
})

/** The regulator's list: open (filed or assigned, by due date) by default, or one state. */
export const listComplaintsValidator = vine.create({
  state: vine.enum(['open', ...COMPLAINT_STATES] as const).optional(),
  page: vine.number().withoutDecimals().min(1).optional(),
})

/** The public list of published outcomes. */
export const publicComplaintsValidator = vine.create({
  page: vine.number().withoutDecimals().min(1).optional(),
})

/** A tracking code has the shape the platform issues; anything else is simply not found. */
export function isTrackingCode(value: unknown): value is string {
  return typeof value === 'string' && TRACKING_CODE_PATTERN.test(value)
}
