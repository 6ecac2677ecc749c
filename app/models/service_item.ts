import { ServiceItemSchema } from '#database/schema'
import { scope } from '@adonisjs/lucid/orm'

/** 收费类型: 政府定价 / 政府指导价 / 参考价 / 市场调节价 */
export const FEE_TYPES = ['government_priced', 'government_guided', 'reference', 'market'] as const
export type FeeType = (typeof FEE_TYPES)[number]

/**
 * A service item of the public catalog (中介服务事项).
 */
export default class ServiceItem extends ServiceItemSchema {
  declare feeType: FeeType

  static active = scope((query) => {
    query.where('status', 'active')
  })
}
