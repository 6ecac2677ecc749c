import type { Secret } from '@adonisjs/core/helpers'
import type { LucidModel, LucidRow } from '@adonisjs/lucid/types/model'
import type { LucidTokenable } from '@adonisjs/auth/types/access_tokens'
import {
  AccessToken,
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
  /** The user read with each verified token. */
  #users = new WeakMap<AccessToken, LucidRow>()

  async verify(tokenValue: Secret<string>) {
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
    const user = model.$createFromAdapterResult(userRow)
    if (user) this.#users.set(token, user)
    return token
  }

  /** The user read with this token by verify(), once. */
  takeUserOf(token: AccessToken) {
    const user = this.#users.get(token)
    this.#users.delete(token)
    return user ?? null
  }
}

/**
 * The tokens guard's user provider, taking the user read with the token
 * (CoarseLastUseTokensProvider) instead of reading it again by id. The guard
 * asks for the user by id right after verifying the token; a user read with
 * a token waits here for that call only (one per user id at most).
 */
export class TokenUserProvider<
  TokenableProperty extends string,
  UserModel extends LucidTokenable<TokenableProperty>,
> extends AccessTokensLucidUserProvider<TokenableProperty, UserModel> {
  #waiting = new Map<string | number | BigInt, LucidRow>()

  async verifyToken(tokenValue: Secret<string>) {
    const tokens: unknown = await this.getTokensProvider()
    if (!(tokens instanceof CoarseLastUseTokensProvider)) return super.verifyToken(tokenValue)
    const token = await tokens.verify(tokenValue)
    if (token) {
      const user = tokens.takeUserOf(token)
      // Bounded: a verification not followed by its lookup leaves nothing for long.
      if (this.#waiting.size > 1000) this.#waiting.clear()
      if (user) this.#waiting.set(token.tokenableId, user)
    }
    return token
  }

  async findById(identifier: string | number | BigInt) {
    const user = this.#waiting.get(identifier)
    if (user) {
      this.#waiting.delete(identifier)
      return this.createUserForGuard(user as InstanceType<UserModel>)
    }
    return super.findById(identifier)
  }
}
