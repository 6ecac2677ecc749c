import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Project from '#models/project'
import IneligibleException from '#exceptions/ineligible_exception'
import { refuse } from '#actions/projects/project_rules'
import { MAX_TEAM_SIZE, teamIneligibility, type TeamIneligibility } from '#domain/named_team'
import type { PersonQualificationRef } from '#domain/person_qualifications'
import {
  namedPersonsOfBids,
  practitionersOfAgency,
  requiredQualificationOf,
  teamFacts,
  teamFactsForMany,
  type NamedPerson,
} from '#queries/named_teams'
import { sqlTime } from '#services/sql_time'
import { clock } from '#services/clock'

/** What a response says about its people: the lead and the rest of the team, by practitioner id. */
export type TeamInput = { leadPractitionerId?: number | null; teamPractitionerIds?: number[] }

/**
 * A consortium member (联合中介) and the persons it works with, from its own
 * practitioners; `index` is the member's place in the request (for the field
 * of a refusal), `requiredQualification` its sub-item's lead qualification.
 */
export type MemberTeam = {
  index: number
  organizationId: number
  practitionerIds: number[]
  requiredQualification: PersonQualificationRef | null
}

/**
 * The persons a new response names: the lead and team from the agency's own
 * practitioners and, in a consortium bid, each member's persons from the
 * member's own practitioners (the lead always comes from the lead agency):
 * 422 at the field for a person the agency (or member) does not name, or one
 * named twice; 403 naming the condition (and the persons) when the team makes
 * the response ineligible — no lead where the item requires a person
 * qualification, a banned person (under any agency), a serving official (not
 * named), a person the owner also names, a person without the qualification
 * (the item's, or a member's sub-item's) valid on the deadline day.
 */
export async function namedTeamFor(
  project: Project,
  organizationId: number,
  input: TeamInput,
  trx: TransactionClientContract,
  members: MemberTeam[] = [],
  /** The item's lead qualification when the caller already read it (the eligibility facts). */
  known?: { required: PersonQualificationRef | null }
): Promise<NamedPerson[]> {
  const leadId = input.leadPractitionerId ?? null
  const memberIds = input.teamPractitionerIds ?? []
  const own = leadId === null ? memberIds : [leadId, ...memberIds]
  const all = [...own, ...members.flatMap((member) => member.practitionerIds)]
  if (new Set(all).size !== all.length) {
    refuse([{ field: 'teamPractitionerIds', rule: 'teamDuplicate' }])
  }
  if (all.length > MAX_TEAM_SIZE) {
    refuse([{ field: 'teamPractitionerIds', rule: 'teamTooLarge', data: { max: MAX_TEAM_SIZE } }])
  }
  // One statement for the lead agency's and the members' persons.
  const rows = await practitionersOfAgency(
    [organizationId, ...members.map((member) => member.organizationId)],
    all,
    trx
  )
  const ownedBy = (id: number, owner: number) => Number(rows.get(id)?.organization_id) === owner
  if (leadId !== null && !ownedBy(leadId, organizationId)) {
    refuse([{ field: 'leadPractitionerId', rule: 'practitionerUnknown' }])
  }
  const unknown = memberIds.findIndex((id) => !ownedBy(id, organizationId))
  if (unknown >= 0)
    refuse([{ field: `teamPractitionerIds.${unknown}`, rule: 'practitionerUnknown' }])
  for (const member of members) {
    const stranger = member.practitionerIds.findIndex((id) => !ownedBy(id, member.organizationId))
    if (stranger >= 0) {
      refuse([
        {
          field: `consortium.${member.index}.practitionerIds.${stranger}`,
          rule: 'practitionerUnknown',
        },
      ])
    }
  }
  const persons: NamedPerson[] = own.map((id, index) => {
    const row = rows.get(id)!
    return {
      practitionerId: id,
      organizationId,
      role: index === 0 && leadId !== null ? 'lead' : 'member',
      name: row.name,
      idNumberHash: row.id_number_hash,
    }
  })
  for (const member of members) {
    for (const id of member.practitionerIds) {
      const row = rows.get(id)!
      persons.push({
        practitionerId: id,
        organizationId: member.organizationId,
        role: 'member',
        name: row.name,
        idNumberHash: row.id_number_hash,
        requiredQualification: member.requiredQualification,
      })
    }
  }
  const required = known ? known.required : await requiredQualificationOf(project, trx)
  const facts = await teamFacts(project, required, persons, trx)
  const reason = teamIneligibility(facts)
  if (reason) throw new IneligibleException(reason)
  return persons
}

/** Keeps the persons a bid names, as they were named. */
export async function recordTeam(
  bidId: number,
  persons: NamedPerson[],
  trx: TransactionClientContract
) {
  if (persons.length === 0) return
  await trx
    .insertQuery()
    .table('bid_practitioners')
    .multiInsert(
      persons.map((person) => ({
        bid_id: bidId,
        practitioner_id: person.practitionerId,
        organization_id: person.organizationId,
        role: person.role,
        name: person.name,
        id_number_hash: person.idNumberHash,
        created_at: sqlTime(clock.now()),
      }))
    )
}

/**
 * The team each bid names, judged again (at opening, at signing): the first
 * failed condition of each bid whose team makes it ineligible. A bid that
 * names nobody was placed when naming was not asked for: it is judged at
 * sign-up only.
 */
export async function teamFaultsOfBids(
  project: Project,
  bidIds: number[],
  client: QueryClientContract
) {
  const faults = new Map<number, TeamIneligibility>()
  const named = await namedPersonsOfBids(bidIds, client)
  if (named.size === 0) return faults
  const required = await requiredQualificationOf(project, client)
  const facts = await teamFactsForMany(project, required, named, client)
  for (const [bidId, factsOfBid] of facts) {
    const reason = teamIneligibility(factsOfBid)
    if (reason) faults.set(bidId, reason)
  }
  return faults
}

/** The team of one bid judged again (at signing): 403 naming the condition and the persons. */
export async function ensureTeamStillEligible(
  project: Project,
  bidId: number,
  client: QueryClientContract
) {
  const faults = await teamFaultsOfBids(project, [bidId], client)
  const reason = faults.get(bidId)
  if (reason) throw new IneligibleException(reason)
}
