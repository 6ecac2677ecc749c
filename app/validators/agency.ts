import vine from '@vinejs/vine'
import { labelled } from '#validators/labels'
import { REGION_CODES } from '#domain/regions'
import { CREDIT_GRADES } from '#domain/credit'

/** An agency describes itself and chooses the items it offers (zero threshold: nothing else). */
export const updateAgencyProfileValidator = labelled(
  'agency',
  vine.create({
    items: vine
      .array(vine.string().trim().toUpperCase().maxLength(32))
      .maxLength(200)
      .distinct()
      .optional(),
    description: vine.string().trim().maxLength(5000).nullable().optional(),
    region: vine.enum(REGION_CODES),
    commitments: vine
      .object({
        time: vine.string().trim().maxLength(500).nullable().optional(),
        fee: vine.string().trim().maxLength(500).nullable().optional(),
        quality: vine.string().trim().maxLength(500).nullable().optional(),
      })
      .optional(),
  })
)

export const DIRECTORY_SORTS = ['credit', 'newest', 'name'] as const

/** Filters of the public directory (执业公示). */
export const directoryFiltersValidator = vine.create({
  item: vine.string().trim().toUpperCase().maxLength(32).optional(),
  region: vine.enum(REGION_CODES).optional(),
  grade: vine.enum(CREDIT_GRADES).optional(),
  q: vine.string().trim().maxLength(100).optional(),
  sort: vine.enum(DIRECTORY_SORTS).optional(),
  page: vine.number().withoutDecimals().min(1).max(100000).optional(),
  perPage: vine.number().withoutDecimals().min(1).max(100).optional(),
})
