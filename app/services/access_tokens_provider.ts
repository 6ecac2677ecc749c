import type { Secret } from '@adonisjs/core/helpers'
import type { LucidModel, LucidRow } from '@adonisjs/lucid/types/model'
import type { HttpContext } from '@adonisjs/core/http'
import type { ApplicationService } from '@adonisjs/core/types'
import type { GuardConfigProvider } from '@adonisjs/auth/types'
import type { EmitterLike } from '@adonisjs/core/types/events'
import type {
  AccessTokensLucidUserProviderOptions,
  LucidTokenable,
} from '@adonisjs/auth/types/access_tokens'
import {
  AccessToken,
  AccessTokensGuard,
  AccessTokensLucidUserProvider,
  DbAccessTokensProvider,
} from '@adonisjs/auth/access_tokens'

/** How stale a token's "last used" time may be: one write a minute at most per token. */
export const LAST_USE_PRECISION_MS = 60_000

/** The token's columns, read under these names beside its user's row. */
const TOKEN_COLUMNS = [
  'id',
  'tokenable_id',
  'type',
  'name',
  'hash',
  'abilities',
  'created_at',
  'updated_at',
  'last_used_at',
  'expires_at',
] as const
const ALIAS = 'token__'

/**
 * The database access-token provider of @adonisjs/auth, except for "last
 * used" and the user: the stock provider writes the time on every request (a
 * committed UPDATE before the secret is even checked — in a bid storm, one
 * disk flush per request). Here the secret and the expiry are checked first
 * and the time is written only when the stored one is a minute old or
 * missing, so the tokens page still tells an integrator to the minute when a
 * token was last used. And the token is read with its user's row (one
 * statement instead of two): the user provider below hands that row to the
 * guard instead of reading it again.
 */
export class CoarseLastUseTokensProvider<
  TokenableModel extends LucidModel,
> extends DbAccessTokensProvider<TokenableModel> {
  async verify(tokenValue: Secret<string>) {
    const verified = await this.verifyWithUser(tokenValue)
    return verified?.token ?? null
  }

  /** The token, verified, with its user's row read in the same statement. */
  async verifyWithUser(tokenValue: Secret<string>) {
    const decoded = AccessToken.decode(this.prefix, tokenValue.release())
    if (!decoded) return null
    const client = await this.getDb()
    const model = this.options.tokenableModel
    const joined = await client
      .query()
      .from(`${this.table} as t`)
      .join(`${model.table} as u`, `u.${model.primaryKey}`, 't.tokenable_id')
      .where({ 't.id': decoded.identifier, 't.type': this.type })
      .select('u.*', ...TOKEN_COLUMNS.map((column) => `t.${column} as ${ALIAS}${column}`))
      .limit(1)
      .first()
    if (!joined) return null
    const row: Record<string, any> = {}
    const userRow: Record<string, any> = {}
    for (const [column, value] of Object.entries(joined)) {
      if (column.startsWith(ALIAS)) row[column.slice(ALIAS.length)] = value
      else userRow[column] = value
    }
    const token = this.dbRowToAccessToken(row as any)
    if (!token.verify(decoded.secret) || token.isExpired()) return null

    const now = new Date()
    const lastUsed =
      row.last_used_at === null || row.last_used_at === undefined
        ? null
        : new Date(row.last_used_at)
    if (!lastUsed || now.getTime() - lastUsed.getTime() >= LAST_USE_PRECISION_MS) {
      await client
        .from(this.table)
        .where({ id: row.id, type: row.type })
        .update({ last_used_at: now })
      token.lastUsedAt = now
    }
    return { token, user: model.$createFromAdapterResult(userRow) }
  }
}

/**
 * The user provider of one request's tokens guard: it keeps the user read
 * with the token it verified (CoarseLastUseTokensProvider.verifyWithUser) and
 * hands it to the guard, which asks for that user by id right after, instead
 * of reading it again. One per request (apiTokensGuard), so the user never
 * outlives its request.
 */
export class TokenUserProvider<
  TokenableProperty extends string,
  UserModel extends LucidTokenable<TokenableProperty>,
> extends AccessTokensLucidUserProvider<TokenableProperty, UserModel> {
  #userOfToken: LucidRow | null = null

  constructor(
    options: AccessTokensLucidUserProviderOptions<TokenableProperty, UserModel>,
    model?: UserModel
  ) {
    super(options)
    this.model = model
  }

  async verifyToken(tokenValue: Secret<string>) {
    const tokens: unknown = await this.getTokensProvider()
    if (!(tokens instanceof CoarseLastUseTokensProvider)) return super.verifyToken(tokenValue)
    const verified = await tokens.verifyWithUser(tokenValue)
    this.#userOfToken = verified?.user ?? null
    return verified?.token ?? null
  }

  async findById(identifier: string | number | BigInt) {
    const user = this.#userOfToken
    this.#userOfToken = null
    if (user && String(user.$primaryKeyValue) === String(identifier)) {
      return this.createUserForGuard(user as InstanceType<UserModel>)
    }
    return super.findById(identifier)
  }
}

/**
 * The tokens guard of @adonisjs/auth (tokensGuard), given a TokenUserProvider
 * of its own at each request; the user model is imported once.
 */
export function apiTokensGuard<
  TokenableProperty extends string,
  UserModel extends LucidTokenable<TokenableProperty>,
>(
  options: AccessTokensLucidUserProviderOptions<TokenableProperty, UserModel>
): GuardConfigProvider<
  (ctx: HttpContext) => AccessTokensGuard<TokenUserProvider<TokenableProperty, UserModel>>
> {
  return {
    async resolver(name: string, app: ApplicationService) {
      // The application's emitter, typed for the guard's events as tokensGuard does.
      const emitter = (await app.container.make('emitter')) as EmitterLike<any>
      const { default: model } = await options.model()
      return (ctx: HttpContext) =>
        new AccessTokensGuard(
          name,
          ctx,
          emitter,
          new TokenUserProvider<TokenableProperty, UserModel>(options, model)
        )
    },
  }
}
