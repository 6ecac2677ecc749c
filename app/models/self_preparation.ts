import { SelfPreparationSchema } from '#database/schema'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import ServiceItem from '#models/service_item'

export const SELF_PREPARATION_STATUSES = ['recorded', 'withdrawn'] as const
export type SelfPreparationStatus = (typeof SELF_PREPARATION_STATUSES)[number]

/** 允许企业自主编制: an owner prepares an item's work itself instead of selecting an agency. */
export default class SelfPreparation extends SelfPreparationSchema {
  declare status: SelfPreparationStatus

  @belongsTo(() => ServiceItem)
  declare serviceItem: BelongsTo<typeof ServiceItem>
}
