/*
 * The facts app/domain/related_parties.ts compares for two organisations:
 * their contact data and their users', the persons they name, and the
 * origins their accounts came from — five queries whatever the sizes.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import {
  COMMON_ORIGIN_MIN_ORGANIZATIONS,
  relationsBetween,
  type PartyFacts,
} from '#domain/related_parties'

/**
 * How an owner and an agency are related (empty: not at all).
 * `ownerContactPhones` are phones the owner gave elsewhere, such as the
 * project's contact phone.
 */
export async function relationsOfParties(
  ownerId: number,
  agencyId: number,
  client: QueryClientContract,
  ownerContactPhones: (string | null)[] = []
) {
  const ids = [ownerId, agencyId]
  const [organizations, users, persons, origins] = await Promise.all([
    client.from('organizations').whereIn('id', ids).select('id', 'phone', 'email'),
    client
      .from('users')
      .whereIn('organization_id', ids)
      .select('organization_id', 'phone', 'email'),
    client
      .from('practitioners')
      .whereIn('organization_id', ids)
      .select('organization_id', 'id_number_hash'),
    client
      .from('sign_in_origins')
      .whereIn('organization_id', ids)
      .select('organization_id', 'origin_hash'),
  ])
  const facts = new Map<number, PartyFacts>(
    ids.map((id) => [
      id,
      { organizationId: id, phones: [], emails: [], personHashes: [], originHashes: [] },
    ])
  )
  for (const row of [...organizations, ...users]) {
    const fact = facts.get(Number(row.id ?? row.organization_id))!
    fact.phones.push(row.phone)
    fact.emails.push(row.email)
  }
  facts.get(ownerId)!.phones.push(...ownerContactPhones)
  for (const row of persons)
    facts.get(Number(row.organization_id))!.personHashes.push(row.id_number_hash)
  for (const row of origins)
    facts.get(Number(row.organization_id))!.originHashes.push(row.origin_hash)

  // Origins both sides used, and how many organisations used them in all.
  const owner = facts.get(ownerId)!
  const agency = facts.get(agencyId)!
  const shared = owner.originHashes.filter((hash) => agency.originHashes.includes(hash))
  const commonOrigins = new Set<string>()
  if (shared.length > 0) {
    const counts = await client
      .from('sign_in_origins')
      .whereIn('origin_hash', shared)
      .groupBy('origin_hash')
      .select('origin_hash')
      .countDistinct('organization_id as organizations')
    for (const row of counts) {
      if (Number(row.organizations) >= COMMON_ORIGIN_MIN_ORGANIZATIONS)
        commonOrigins.add(row.origin_hash)
    }
  }
  return relationsBetween(owner, agency, commonOrigins)
}
