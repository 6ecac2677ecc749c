import { isoInstant } from '#domain/time_zone'
import type { AccessToken } from '@adonisjs/auth/access_tokens'

// SQLite gives numbers, MySQL Date objects: both become ISO 8601 with offset.
const iso = isoInstant

/** A token as its owner sees it in lists: never the secret nor its hash. */
export function presentAccessToken(token: AccessToken, currentTokenId?: AccessToken['identifier']) {
  return {
    id: Number(token.identifier),
    name: token.name,
    abilities: token.abilities,
    createdAt: iso(token.createdAt),
    lastUsedAt: iso(token.lastUsedAt),
    expiresAt: iso(token.expiresAt),
    expired: token.isExpired(),
    current: currentTokenId !== undefined && String(currentTokenId) === String(token.identifier),
  }
}
