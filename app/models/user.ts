import { UserSchema } from '#database/schema'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import type { Role } from '#domain/roles'
import Organization from '#models/organization'
import { CoarseLastUseTokensProvider } from '#services/access_tokens_provider'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

/**
 * A person acting for one organisation, with one role.
 */
export default class User extends compose(UserSchema, AuthFinder) {
  declare role: Role

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  static accessTokens = new CoarseLastUseTokensProvider({
    tokenableModel: User,
    prefix: 'mkt_',
    table: 'auth_access_tokens',
    type: 'api_token',
    expiresIn: '90 days',
  })
}
