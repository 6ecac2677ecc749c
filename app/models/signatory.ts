import { SignatorySchema } from '#database/schema'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { SignatoryCapacity } from '#domain/signatories'
import User from '#models/user'

/**
 * A designation of a signatory (签署人) of an organisation — 法定代表人 or
 * 授权代表, with the authorisation document — or the revocation of one
 * (a revoked registrant has a row with capacity `registrant`).
 */
export default class Signatory extends SignatorySchema {
  declare capacity: SignatoryCapacity

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
