import { errors } from '@adonisjs/lucid'
import Organization from '#models/organization'

/**
 * Everything an agency page shows, in a fixed number of queries: the
 * organisation, its profile, items, qualifications and practitioners.
 */
export async function loadAgency(id: number) {
  const organization = await Organization.query()
    .where('id', id)
    .where('kind', 'agency')
    .preload('agencyProfile')
    .preload('serviceItems', (query) => query.orderBy('code'))
    .preload('qualifications', (query) => query.orderBy('id'))
    .preload('practitioners', (query) => query.orderBy('role').orderBy('id'))
    .firstOrFail()
  // Every agency gets its profile at registration.
  const profile = organization.agencyProfile
  if (!profile) throw new errors.E_ROW_NOT_FOUND()
  return { organization, profile }
}
