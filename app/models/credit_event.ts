import { CreditEventSchema } from '#database/schema'
import type { CreditEventType } from '#domain/credit'
import type { CreditSeverity } from '#domain/credit_repair'

/** A credit event behind an agency's score, with its evidence; revoked on appeal, repaired on application. */
export default class CreditEvent extends CreditEventSchema {
  declare type: CreditEventType
  declare status: 'valid' | 'revoked' | 'repaired'
  /** 轻微 / 一般 / 严重 under the repair measures; null for positive information. */
  declare severity: CreditSeverity | null
}
