import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'

/** Bans in force at a moment: started, not ended, not lifted. */
export function bansInForce(at: Date, client: QueryClientContract = db.connection()) {
  const now = sqlTime(at)
  return client
    .from('bans')
    .where('starts_at', '<=', now)
    .whereNull('lifted_at')
    .where((where) => where.whereNull('ends_at').orWhere('ends_at', '>', now))
}

/**
 * Whether an agency is banned, and which of its named managers are (a person
 * banned under any agency is found again by the hash of the ID number).
 * Two queries.
 */
export async function banStatusOf(organizationId: number, at: Date = clock.now()) {
  const agencyBan = await bansInForce(at).where('organization_id', organizationId).first()
  const bannedManagers = await db
    .from('practitioners as p')
    .where('p.organization_id', organizationId)
    .where('p.role', 'manager')
    .whereIn(
      'p.id_number_hash',
      bansInForce(at).whereNotNull('person_id_hash').select('person_id_hash')
    )
    .select('p.name')
  return {
    agencyBanned: Boolean(agencyBan),
    bannedManagerNames: bannedManagers.map((row: { name: string }) => row.name),
  }
}
