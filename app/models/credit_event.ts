import { CreditEventSchema } from '#database/schema'
import { afterDelete, afterSave } from '@adonisjs/lucid/orm'
import type { CreditEventType } from '#domain/credit'
import type { CreditSeverity } from '#domain/credit_repair'
import { agencyTag, invalidateLists } from '#services/public_cache'

/** A credit event behind an agency's score, with its evidence; revoked on appeal, repaired on application. */
export default class CreditEvent extends CreditEventSchema {
  /** The agency page lists the credit events. */
  @afterSave()
  @afterDelete()
  static async refreshPublicPage(row: CreditEvent) {
    await invalidateLists([agencyTag(row.organizationId)], row.$trx)
  }

  declare type: CreditEventType
  declare status: 'valid' | 'revoked' | 'repaired'
  /** 轻微 / 一般 / 严重 under the repair measures; null for positive information. */
  declare severity: CreditSeverity | null
}
