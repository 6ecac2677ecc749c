import vine from '@vinejs/vine'
import { MAX_TOKEN_DAYS, TOKEN_ABILITIES } from '#domain/token_scopes'

const name = () => vine.string().trim().minLength(1).maxLength(100)
const abilities = () => vine.array(vine.enum(TOKEN_ABILITIES)).minLength(1).distinct()
const expiresInDays = () => vine.number().withoutDecimals().min(1).max(MAX_TOKEN_DAYS)

/** POST /api/v1/tokens: abilities default to read and write, the lifetime to 90 days. */
export const createAccessTokenValidator = vine.create({
  name: name(),
  abilities: abilities().optional(),
  expiresInDays: expiresInDays().optional(),
})

/**
 * The form on /account/tokens: an empty set of ticked boxes must not silently
 * mean "everything", so abilities are required here.
 */
export const accessTokenFormValidator = vine.create({
  name: name(),
  abilities: abilities(),
  expiresInDays: expiresInDays(),
})
