import { CreditAppealSchema } from '#database/schema'

export const CREDIT_APPEAL_KINDS = ['appeal', 'repair'] as const
export type CreditAppealKind = (typeof CREDIT_APPEAL_KINDS)[number]

/** An agency's appeal (申诉) against a credit event, or its application for credit repair (信用修复). */
export default class CreditAppeal extends CreditAppealSchema {
  declare kind: CreditAppealKind
  declare status: 'pending' | 'granted' | 'refused'
}
