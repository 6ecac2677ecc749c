import db from '@adonisjs/lucid/services/db'
import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'
import { jointPunishmentsOf } from '#queries/joint_punishment'

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
 * Whether an agency is banned, which of its named managers are (a person
 * banned under any agency is found again by the hash of the ID number), and
 * the joint punishment lists it is on (联合惩戒, by its USCC). Three queries.
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
    jointPunishments: await jointPunishmentsOf(organizationId),
  }
}

/** Banned for the market's purposes: the agency itself or one of its named managers. */
export function isBanned(status: { agencyBanned: boolean; bannedManagerNames: string[] }) {
  // A joint punishment list bars what its measure says (sign-up, signing), not the listing itself.
  return status.agencyBanned || status.bannedManagerNames.length > 0
}

/** A row of the exposure list, as `exposureList` selects it. */
export type ExposureRow = {
  id: SqlInteger
  organization_id: SqlInteger | null
  organization_name: string | null
  organization_uscc: string | null
  person_name: string | null
  reason: string
  legal_basis: string
  starts_at: SqlTimestamp
  ends_at: SqlTimestamp | null
  lifted_at: SqlTimestamp | null
  lifted_reason: string | null
}

/**
 * 曝光台: bans in force, and those ended in the past year, with the agency or
 * the person, the reason, the legal basis and the period — newest first.
 */
export async function exposureList(at: Date = clock.now(), page = 1) {
  const yearAgo = sqlTime(new Date(at.getTime() - 365 * 86_400_000))
  return db
    .from('bans as b')
    .leftJoin('organizations as o', 'o.id', 'b.organization_id')
    .where('b.starts_at', '<=', sqlTime(at))
    .where((where) => where.whereNull('b.ends_at').orWhere('b.ends_at', '>', yearAgo))
    .orderBy('b.starts_at', 'desc')
    .select(
      'b.id',
      'b.organization_id',
      'o.name as organization_name',
      'o.uscc as organization_uscc',
      'b.person_name',
      'b.reason',
      'b.legal_basis',
      'b.starts_at',
      'b.ends_at',
      'b.lifted_at',
      'b.lifted_reason'
    )
    .paginate(page, 50)
}
