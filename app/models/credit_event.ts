import { CreditEventSchema } from '#database/schema'
import type { CreditEventType } from '#domain/credit'

/** A credit event behind an agency's score, with its evidence; revoked on appeal, repaired on application. */
export default class CreditEvent extends CreditEventSchema {
  declare type: CreditEventType
  declare status: 'valid' | 'revoked' | 'repaired'
}
