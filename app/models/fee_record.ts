import { FeeRecordSchema } from '#database/schema'

export const FEE_RECORD_KINDS = ['payment', 'refund', 'failure'] as const
export type FeeRecordKind = (typeof FEE_RECORD_KINDS)[number]

/** 收费记录: every payment, refund and failure, for regulators to audit. */
export default class FeeRecord extends FeeRecordSchema {
  declare kind: FeeRecordKind
}
