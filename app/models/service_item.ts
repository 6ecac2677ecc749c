import { ServiceItemSchema } from '#database/schema'
import { hasMany, scope } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import ServiceItemVersion from '#models/service_item_version'

/** 收费类型: 政府定价 / 政府指导价 / 参考价 / 市场调节价 */
export const FEE_TYPES = ['government_priced', 'government_guided', 'reference', 'market'] as const
export type FeeType = (typeof FEE_TYPES)[number]

export const SERVICE_ITEM_STATUSES = ['active', 'retired'] as const
export type ServiceItemStatus = (typeof SERVICE_ITEM_STATUSES)[number]

/**
 * A service item of the public catalog (中介服务事项), as of its latest
 * version; the versions relation keeps every earlier state.
 */
export default class ServiceItem extends ServiceItemSchema {
  declare feeType: FeeType
  declare status: ServiceItemStatus

  @hasMany(() => ServiceItemVersion)
  declare versions: HasMany<typeof ServiceItemVersion>

  static active = scope((query) => {
    query.where('status', 'active')
  })
}
