import { BidSchema } from '#database/schema'
import { column } from '@adonisjs/lucid/orm'

export const BID_STATUSES = ['active', 'replaced', 'withdrawn'] as const
export type BidStatus = (typeof BID_STATUSES)[number]

/** A sealed bid: quote and nonce are ciphertexts until opening. */
export default class Bid extends BidSchema {
  declare status: BidStatus

  @column({ serializeAs: null })
  declare quoteEncrypted: string

  @column({ serializeAs: null })
  declare nonceEncrypted: string
}
