import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import type Project from '#models/project'
import type { SqlInteger } from '#services/sql_rows'
import type { TeamFacts, TeamRole } from '#domain/named_team'
import type { PersonQualificationRef } from '#domain/person_qualifications'
import { beijingWallTime } from '#domain/time_zone'
import { clock } from '#services/clock'
import { bansInForce } from '#queries/bans'

/** The person qualification (执业资格) the project's item requires of the lead, or null. */
export async function requiredQualificationOf(
  project: Pick<Project, 'serviceItemId'>,
  client: QueryClientContract = db.connection()
) {
  const item = await client
    .from('service_items')
    .where('id', project.serviceItemId)
    .select('lead_qualification', 'lead_qualification_level')
    .firstOrFail()
  return leadRequirement(item)
}

/** An item row's lead qualification as a requirement, or null. */
export function leadRequirement(row: {
  lead_qualification: string | null
  lead_qualification_level: string | null
}): PersonQualificationRef | null {
  return row.lead_qualification
    ? { code: row.lead_qualification, level: row.lead_qualification_level ?? null }
    : null
}

/** A person as a response names them: the practitioner's row when still named. */
export type NamedPerson = {
  practitionerId: number | null
  organizationId: number
  role: TeamRole
  name: string
  idNumberHash: string
  /**
   * A consortium member's person: the lead qualification of the member's own
   * sub-item (null: none). Absent for the lead agency's persons (the item's).
   */
  requiredQualification?: PersonQualificationRef | null
}

type PractitionerRow = {
  id: SqlInteger
  organization_id: SqlInteger
  name: string
  id_number_hash: string
  qualification_code: string | null
  qualification_level: string | null
  qualification_valid_until: Date | string | null
}

/**
 * The agencies' practitioners by id, for a response naming them (the lead
 * agency's, and a consortium's members'): others' are not found.
 */
export async function practitionersOfAgency(
  organizationIds: number | number[],
  ids: number[],
  client: QueryClientContract = db.connection()
) {
  if (ids.length === 0) return new Map<number, PractitionerRow>()
  const rows: PractitionerRow[] = await client
    .from('practitioners')
    .whereIn('organization_id', [organizationIds].flat())
    .whereIn('id', ids)
    .select(
      'id',
      'organization_id',
      'name',
      'id_number_hash',
      'qualification_code',
      'qualification_level',
      'qualification_valid_until'
    )
  return new Map(rows.map((row) => [Number(row.id), row]))
}

/**
 * What app/domain/named_team.ts needs to judge the persons a response names,
 * for a project: each person's current practitioner row (qualification, and
 * whether the agency still names them), the person bans in force on their
 * ID-number hashes (whichever agency they were banned under), the serving
 * officials on the list in force, and the owner's persons (回避).
 */
export async function teamFacts(
  project: Project,
  requiredQualification: PersonQualificationRef | null,
  persons: NamedPerson[],
  client: QueryClientContract = db.connection(),
  at: Date = clock.now()
): Promise<TeamFacts> {
  const facts = await teamFactsForMany(
    project,
    requiredQualification,
    new Map([[0, persons]]),
    client,
    at
  )
  return facts.get(0)!
}

/**
 * The same facts for many responses at once (an opening): three queries per
 * 500 persons, whatever the number of responses.
 */
export async function teamFactsForMany(
  project: Project,
  requiredQualification: PersonQualificationRef | null,
  groups: Map<number, NamedPerson[]>,
  client: QueryClientContract = db.connection(),
  at: Date = clock.now()
): Promise<Map<number, TeamFacts>> {
  const deadlineDay = beijingWallTime(project.responseDeadline.toMillis()).slice(0, 10)
  const everyone = [...groups.values()].flat()
  const hashes = [...new Set(everyone.map((person) => person.idNumberHash))]
  const ids = [
    ...new Set(
      everyone.flatMap((person) => (person.practitionerId ? [person.practitionerId] : []))
    ),
  ]
  const rowOf = new Map<number, PractitionerRow>()
  const bannedHashes = new Set<string>()
  const ownerHashes = new Set<string>()
  const officialHashes = new Set<string>()
  for (let start = 0; start < Math.max(ids.length, hashes.length); start += CHUNK) {
    const idChunk = ids.slice(start, start + CHUNK)
    const hashChunk = hashes.slice(start, start + CHUNK)
    if (idChunk.length > 0) {
      const rows: PractitionerRow[] = await client
        .from('practitioners')
        .whereIn('id', idChunk)
        .select(
          'id',
          'organization_id',
          'name',
          'id_number_hash',
          'qualification_code',
          'qualification_level',
          'qualification_valid_until'
        )
      for (const row of rows) rowOf.set(Number(row.id), row)
    }
    if (hashChunk.length > 0) {
      const banned: { person_id_hash: string }[] = await bansInForce(at, client)
        .whereIn('person_id_hash', hashChunk)
        .select('person_id_hash')
      for (const row of banned) bannedHashes.add(row.person_id_hash)
      // The owner's persons and the serving officials on the list in force, in one statement.
      const matches: { hash: string; kind: 'owner' | 'official' }[] = await client
        .from('practitioners')
        .where('organization_id', project.ownerOrganizationId)
        .whereIn('id_number_hash', hashChunk)
        .select('id_number_hash as hash', client.raw(`'owner' as kind`))
        .unionAll((officials) => {
          officials
            .from('serving_officials')
            .whereIn('list_id', client.from('serving_official_lists').max('id'))
            .whereIn('id_hash', hashChunk)
            .select('id_hash as hash', client.raw(`'official' as kind`))
        })
      for (const row of matches) {
        ;(row.kind === 'owner' ? ownerHashes : officialHashes).add(row.hash)
      }
    }
  }
  const facts = new Map<number, TeamFacts>()
  for (const [key, persons] of groups) {
    facts.set(key, {
      requiredQualification,
      deadlineDay,
      persons: persons.map((person) => {
        const row = person.practitionerId ? rowOf.get(person.practitionerId) : undefined
        const stillNamed =
          row !== undefined &&
          Number(row.organization_id) === person.organizationId &&
          row.id_number_hash === person.idNumberHash
        return {
          name: person.name,
          role: person.role,
          stillNamed,
          qualificationCode: stillNamed ? row.qualification_code : null,
          qualificationLevel: stillNamed ? row.qualification_level : null,
          qualificationValidUntil:
            stillNamed && row.qualification_valid_until
              ? toDay(row.qualification_valid_until)
              : null,
          banned: bannedHashes.has(person.idNumberHash),
          servingOfficial: officialHashes.has(person.idNumberHash),
          conflicted: ownerHashes.has(person.idNumberHash),
          ...(person.requiredQualification === undefined
            ? {}
            : { requiredQualification: person.requiredQualification }),
        }
      }),
    })
  }
  return facts
}

const CHUNK = 500

/** The persons each bid names, keyed by bid id (one query per 500 bids). */
export async function namedPersonsOfBids(
  bidIds: number[],
  client: QueryClientContract = db.connection()
) {
  const persons = new Map<number, NamedPerson[]>()
  if (bidIds.length === 0) return persons
  const rows: {
    bid_id: SqlInteger
    practitioner_id: SqlInteger | null
    organization_id: SqlInteger
    role: TeamRole
    name: string
    id_number_hash: string
    member_item_id: SqlInteger | null
    lead_qualification: string | null
    lead_qualification_level: string | null
  }[] = []
  for (let start = 0; start < bidIds.length; start += CHUNK) {
    // A consortium member's person comes with the lead qualification of the member's sub-item.
    rows.push(
      ...(await client
        .from('bid_practitioners as bp')
        .leftJoin('bid_members as m', (join) => {
          join.on('m.bid_id', 'bp.bid_id').andOn('m.organization_id', 'bp.organization_id')
        })
        .leftJoin('service_items as s', 's.id', 'm.service_item_id')
        .whereIn('bp.bid_id', bidIds.slice(start, start + CHUNK))
        .orderBy('bp.id')
        .select(
          'bp.bid_id',
          'bp.practitioner_id',
          'bp.organization_id',
          'bp.role',
          'bp.name',
          'bp.id_number_hash',
          'm.service_item_id as member_item_id',
          's.lead_qualification',
          's.lead_qualification_level'
        ))
    )
  }
  for (const row of rows) {
    const list = persons.get(Number(row.bid_id)) ?? []
    list.push({
      practitionerId: row.practitioner_id === null ? null : Number(row.practitioner_id),
      organizationId: Number(row.organization_id),
      role: row.role,
      name: row.name,
      idNumberHash: row.id_number_hash,
      ...(row.member_item_id === null ? {} : { requiredQualification: leadRequirement(row) }),
    })
    persons.set(Number(row.bid_id), list)
  }
  return persons
}

/** The lead and team a bid names, as shown to the agency and carried into the contract. */
export async function teamOfBid(bidId: number, client: QueryClientContract = db.connection()) {
  const named = await namedPersonsOfBids([bidId], client)
  const persons = named.get(bidId) ?? []
  return {
    lead: persons.find((person) => person.role === 'lead') ?? null,
    members: persons.filter((person) => person.role === 'member'),
  }
}

/** DATE columns come back as Date (MySQL) or text (SQLite). */
export function toDay(value: Date | string) {
  return value instanceof Date
    ? DateTime.fromJSDate(value, { zone: 'utc' }).toISODate()!
    : String(value).slice(0, 10)
}
