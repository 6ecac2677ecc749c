import { ServiceItemSchema } from '#database/schema'
import { afterDelete, afterSave, hasMany, scope } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import ServiceItemVersion from '#models/service_item_version'
import { invalidateLists } from '#services/public_cache'
import type { FeeType } from '#domain/fee_flags'
import { parseGuide } from '#domain/service_guide'

export { FEE_TYPES, type FeeType } from '#domain/fee_flags'

export const SERVICE_ITEM_STATUSES = ['active', 'retired'] as const
export type ServiceItemStatus = (typeof SERVICE_ITEM_STATUSES)[number]

/**
 * A service item of the public catalog (中介服务事项), as of its latest
 * version; the versions relation keeps every earlier state.
 */
export default class ServiceItem extends ServiceItemSchema {
  declare feeType: FeeType
  declare status: ServiceItemStatus

  /** The service guide (服务指南) of this version, an empty mandatory one for items from before guides. */
  get serviceGuide() {
    return parseGuide(this.guide)
  }

  @hasMany(() => ServiceItemVersion)
  declare versions: HasMany<typeof ServiceItemVersion>

  static active = scope((query) => {
    query.where('status', 'active')
  })

  /** Items are named in every public list: each one sees a change once it commits. */
  @afterSave()
  @afterDelete()
  static async refreshPublicLists(item: ServiceItem) {
    await invalidateLists(['catalog', 'directory', 'projects', 'figures'], item.$trx)
  }
}
