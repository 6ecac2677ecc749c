/*
 * What an API access token may do. A token carries abilities (scopes): `read`
 * opens the GET endpoints, `write` every request that changes state. Tokens
 * from the login exchange (POST /api/v1/auth/tokens) carry `*`, i.e. both.
 */
export const TOKEN_ABILITIES = ['read', 'write'] as const
export type TokenAbility = (typeof TOKEN_ABILITIES)[number]

/** How long a token lives unless its owner chooses otherwise, and at most. */
export const DEFAULT_TOKEN_DAYS = 90
export const MAX_TOKEN_DAYS = 365

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The ability an HTTP request needs: reading for safe methods, writing for the rest. */
export function abilityNeededFor(method: string): TokenAbility {
  return SAFE_METHODS.has(method.toUpperCase()) ? 'read' : 'write'
}
