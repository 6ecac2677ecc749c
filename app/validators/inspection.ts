import vine from '@vinejs/vine'
import { REGION_CODES } from '#domain/regions'
import { INSPECTION_OUTCOMES } from '#domain/inspection_draw'
import { scanFile } from '#validators/rules/file_content'
import { BASIS_POINTS, SAMPLING_MODES } from '#domain/inspection_risk'

const basisPoints = () => vine.number().withoutDecimals().min(0).max(BASIS_POINTS).optional()

/**
 * A plan, optionally within one item and one region: `uniform` draws
 * agencyCount agencies from all candidates (the default, as before); `risk`
 * draws each risk class at its ratio in basis points (0–10 000, i.e. 0–100 %;
 * a ratio left out is the rule set's). Then inspectorCount inspectors.
 */
export const createInspectionPlanValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(200).optional(),
  sampling: vine.enum(SAMPLING_MODES).optional(),
  agencyCount: vine.number().withoutDecimals().min(1).max(500).optional(),
  ratios: vine
    .object({ high: basisPoints(), medium: basisPoints(), low: basisPoints() })
    .optional(),
  inspectorCount: vine.number().withoutDecimals().min(1).max(50),
  itemCode: vine.string().trim().maxLength(50).optional(),
  /** The inspection list entries (抽查事项清单) the plan covers. */
  entryIds: vine.array(vine.number().withoutDecimals().min(1)).distinct().maxLength(50).optional(),
  regionCode: vine.enum(REGION_CODES).optional(),
})

/**
 * A drawn inspector records the result for one drawn agency: the outcome
 * (合格 / 责令整改 / 立案), a public note, evidence files (PDF/JPEG/PNG ≤ 10 MB
 * each, checked by content), and — for a finding — a credit penalty.
 */
export const inspectionResultValidator = vine.create({
  agencyId: vine.number().withoutDecimals().min(1),
  outcome: vine.enum(INSPECTION_OUTCOMES),
  note: vine.string().trim().minLength(4).maxLength(4000),
  creditPoints: vine.number().withoutDecimals().min(-100).max(-1).optional(),
  files: vine.array(scanFile()).maxLength(5).optional(),
})

/** 回避申报: a regulator (oneself or a colleague) is related to an agency, and why. */
export const inspectionRecusalValidator = vine.create({
  userId: vine.number().withoutDecimals().min(1),
  agencyId: vine.number().withoutDecimals().min(1),
  reason: vine.string().trim().minLength(4).maxLength(2000),
})

/** 抽查事项清单: an entry of a service item's inspection list — what is checked, on what legal basis. */
export const inspectionListEntryValidator = vine.create({
  itemCode: vine.string().trim().minLength(1).maxLength(50),
  subject: vine.string().trim().minLength(2).maxLength(200),
  legalBasis: vine.string().trim().minLength(2).maxLength(2000),
})
