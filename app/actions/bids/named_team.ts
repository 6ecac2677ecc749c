import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Project from '#models/project'
import IneligibleException from '#exceptions/ineligible_exception'
import { refuse } from '#actions/projects/project_rules'
import { MAX_TEAM_SIZE, teamIneligibility, type TeamIneligibility } from '#domain/named_team'
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
 * The persons a new response names, from the agency's own practitioners:
 * 422 at the field for a person the agency does not name, or one named
 * twice; 403 naming the condition (and the persons) when the team makes the
 * response ineligible — no lead where the item requires a qualification, a
 * banned person (under any agency), a person the owner also names, a person
 * without the qualification valid on the deadline day.
 */
export async function namedTeamFor(
  project: Project,
  organizationId: number,
  input: TeamInput,
  trx: TransactionClientContract,
  /** The item's required qualification when the caller has already read it (the eligibility facts). */
  known?: { requiredQualification: string | null }
): Promise<NamedPerson[]> {
  const leadId = input.leadPractitionerId ?? null
  const memberIds = input.teamPractitionerIds ?? []
  const all = leadId === null ? memberIds : [leadId, ...memberIds]
  if (new Set(all).size !== all.length) {
    refuse([{ field: 'teamPractitionerIds', rule: 'teamDuplicate' }])
  }
  if (all.length > MAX_TEAM_SIZE) {
    refuse([{ field: 'teamPractitionerIds', rule: 'teamTooLarge', data: { max: MAX_TEAM_SIZE } }])
  }
  const rows = await practitionersOfAgency(organizationId, all, trx)
  if (leadId !== null && !rows.has(leadId)) {
    refuse([{ field: 'leadPractitionerId', rule: 'practitionerUnknown' }])
  }
  const unknown = memberIds.findIndex((id) => !rows.has(id))
  if (unknown >= 0)
    refuse([{ field: `teamPractitionerIds.${unknown}`, rule: 'practitionerUnknown' }])
  const persons: NamedPerson[] = all.map((id, index) => {
    const row = rows.get(id)!
    return {
      practitionerId: id,
      organizationId,
      role: index === 0 && leadId !== null ? 'lead' : 'member',
      name: row.name,
      idNumberHash: row.id_number_hash,
    }
  })
  const required = known ? known.requiredQualification : await requiredQualificationOf(project, trx)
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
