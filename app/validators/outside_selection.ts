import vine from '@vinejs/vine'
import { labelled } from '#validators/labels'
import { REGION_CODES } from '#domain/regions'
import { FUNDING_SOURCES } from '#domain/funding_scope'
import { MAX_FEN } from '#domain/money'
import { usccField } from '#validators/rules/uscc'

/**
 * A selection made outside the market (自主选择): what it was for, whom the
 * owner chose, at what price (fen in the API, yuan in the form), on which
 * day, and why. The region defaults to the owner's.
 */
const fields = {
  title: vine.string().trim().minLength(4).maxLength(200),
  serviceItemCode: vine.string().trim().toUpperCase().maxLength(32),
  region: vine.enum(REGION_CODES).optional(),
  fundingSource: vine.enum(FUNDING_SOURCES),
  agencyName: vine.string().trim().minLength(2).maxLength(200),
  agencyUscc: usccField(),
  selectedOn: vine.date({ formats: ['YYYY-MM-DD'] }),
  reason: vine.string().trim().minLength(4).maxLength(2000),
}

export const outsideSelectionValidator = labelled(
  'outsideSelection',
  vine.create({ ...fields, priceFen: vine.number().withoutDecimals().min(1).max(MAX_FEN) })
)

export const outsideSelectionFormValidator = labelled(
  'outsideSelection',
  vine.create({
    ...fields,
    priceYuan: vine
      .number()
      .min(0.01)
      .max(MAX_FEN / 100)
      .decimal([0, 2]),
  })
)

export const listOutsideSelectionsValidator = vine.create({
  page: vine.number().withoutDecimals().min(1).max(100000).optional(),
})
