import { BidMemberSchema } from '#database/schema'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Bid from '#models/bid'
import type { MemberAnswer } from '#domain/consortium'

/**
 * A member agency of a consortium bid (联合中介), responsible for one
 * sub-item: the lead names it, the member confirms or declines.
 */
export default class BidMember extends BidMemberSchema {
  declare status: MemberAnswer

  @belongsTo(() => Bid)
  declare bid: BelongsTo<typeof Bid>
}
