import vine from '@vinejs/vine'
import { scanFile } from '#validators/rules/file_content'
import { labelled } from '#validators/labels'

/** 质疑: a participant's objection, with reasons, to a bid of the result (the winner's by default). */
export const fileObjectionValidator = labelled(
  'objection',
  vine.create({
    reason: vine.string().trim().minLength(10).maxLength(10_000),
    bidId: vine.number().withoutDecimals().min(1).optional(),
    /** Evidence (质疑材料): up to 5 scans or documents (PDF, JPEG, PNG), 10 MB each. */
    files: vine.array(scanFile()).maxLength(5).optional(),
  })
)

/** The regulator's decision on an objection. */
export const decideObjectionValidator = vine.create({
  upheld: vine.boolean(),
  decision: vine.string().trim().minLength(4).maxLength(10_000),
})
