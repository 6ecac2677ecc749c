import { createHmac } from 'node:crypto'
import env from '#start/env'
import { hashIdNumber } from '#domain/id_card'

/**
 * The salt for persons' ID-card hashes: PERSON_ID_SALT when set (keep it
 * stable forever, or banned persons cannot be found again), otherwise one
 * derived from APP_KEY.
 */
function personIdSalt() {
  return (
    env.get('PERSON_ID_SALT') ??
    createHmac('sha256', env.get('APP_KEY').release()).update('person-id-salt').digest('hex')
  )
}

export function personIdHash(idNumber: string) {
  return hashIdNumber(idNumber, personIdSalt())
}
