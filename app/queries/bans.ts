import db from '@adonisjs/lucid/services/db'
import { clock } from '#services/clock'

/** Bans in force at a moment: started, not ended, not lifted. */
function inForce(at: Date) {
  return db
    .from('bans')
    .where('starts_at', '<=', at)
    .whereNull('lifted_at')
    .where((where) => where.whereNull('ends_at').orWhere('ends_at', '>', at))
}

/**
 * Whether an agency is banned, and which of its named managers are (a person
 * banned under any agency is found again by the hash of the ID number).
 * Two queries.
 */
export async function banStatusOf(organizationId: number, at: Date = clock.now()) {
  const agencyBan = await inForce(at).where('organization_id', organizationId).first()
  const bannedManagers = await db
    .from('practitioners as p')
    .where('p.organization_id', organizationId)
    .where('p.role', 'manager')
    .whereIn(
      'p.id_number_hash',
      inForce(at).whereNotNull('person_id_hash').select('person_id_hash')
    )
    .select('p.name')
  return {
    agencyBanned: Boolean(agencyBan),
    bannedManagerNames: bannedManagers.map((row: { name: string }) => row.name),
  }
}
