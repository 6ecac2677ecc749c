import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { recordAuditEvent } from '#services/audit_log'
import { DEFAULT_TOKEN_DAYS, TOKEN_ABILITIES, type TokenAbility } from '#domain/token_scopes'

/**
 * A user's own API access tokens (个人访问令牌). Only the hash is stored: the
 * plain value exists once, in the answer to the creation. Issuing and revoking
 * are written to the audit log (name and abilities, never the secret).
 */
export async function issueAccessToken(
  user: User,
  input: { name: string; abilities?: TokenAbility[]; expiresInDays?: number }
) {
  const abilities = input.abilities ?? [...TOKEN_ABILITIES]
  const token = await User.accessTokens.create(user, abilities, {
    name: input.name,
    expiresIn: `${input.expiresInDays ?? DEFAULT_TOKEN_DAYS} days`,
  })
  await db.transaction(async (trx) => {
    await recordAuditEvent(trx, {
      actor: user,
      action: 'access_token.issued',
      subjectType: 'access_token',
      subjectId: String(token.identifier),
      payload: { name: input.name, abilities, expiresAt: token.expiresAt?.toISOString() ?? null },
    })
  })
  return token
}

/**
 * Revokes one of the user's tokens at once: the row goes, so the next request
 * with it is refused (the guard looks the token up on every request). Returns
 * false when the user has no such token.
 */
export async function revokeAccessToken(user: User, tokenId: number) {
  const token = await User.accessTokens.find(user, tokenId)
  if (!token) return false
  await db.transaction(async (trx) => {
    await trx
      .from('auth_access_tokens')
      .where('id', tokenId)
      .where('tokenable_id', user.id)
      .delete()
    await recordAuditEvent(trx, {
      actor: user,
      action: 'access_token.revoked',
      subjectType: 'access_token',
      subjectId: String(tokenId),
      payload: { name: token.name },
    })
  })
  return true
}

/** The user's tokens, newest first. */
export async function accessTokensOf(user: User) {
  const tokens = await User.accessTokens.all(user)
  return tokens.sort((a, b) => Number(b.identifier) - Number(a.identifier))
}
