import { OutsideSelectionSchema } from '#database/schema'
import type { FundingSource } from '#domain/funding_scope'

/**
 * 自主选择: a selection an owner made outside the market where the rule set
 * of its region and funding source leaves the market voluntary (social
 * investment), recorded with the agency, the price, the day and the reason,
 * and public like a result.
 */
export default class OutsideSelection extends OutsideSelectionSchema {
  declare fundingSource: FundingSource
}
