import type { Secret } from '@adonisjs/core/helpers'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import { AccessToken, DbAccessTokensProvider } from '@adonisjs/auth/access_tokens'

/** How stale a token's "last used" time may be: one write a minute at most per token. */
export const LAST_USE_PRECISION_MS = 60_000

/**
 * The database access-token provider of @adonisjs/auth, except for "last
 * used": the stock provider writes it on every request (a committed UPDATE
 * before the secret is even checked — in a bid storm, one disk flush per
 * request). Here the secret and the expiry are checked first and the time is
 * written only when the stored one is a minute old or missing, so the tokens
 * page still tells an integrator to the minute when a token was last used.
 */
export class CoarseLastUseTokensProvider<
  TokenableModel extends LucidModel,
> extends DbAccessTokensProvider<TokenableModel> {
  async verify(tokenValue: Secret<string>) {
    const decoded = AccessToken.decode(this.prefix, tokenValue.release())
    if (!decoded) return null
    const client = await this.getDb()
    const row = await client
      .query()
      .from(this.table)
      .where({ id: decoded.identifier, type: this.type })
      .limit(1)
      .first()
    if (!row) return null
    const token = this.dbRowToAccessToken(row)
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
    return token
  }
}
