/*
 * What the pages read about a consortium (联合中介): the member agencies a
 * lead names on the bid page (by name or USCC) with the persons each may be
 * asked for, and one request as the member it names reads it.
 */
import db from '@adonisjs/lucid/services/db'
import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import { memberReference, type MemberAnswer } from '#domain/consortium'
import { fromSqlTime } from '#services/sql_time'
import { clock } from '#services/clock'
import { toDay } from '#queries/named_teams'

export type AgencyRef = { id: number; name: string; uscc: string }

/**
 * The agencies each text names (its USCC, or its exact registered name),
 * keyed by the text: none, one, or several sharing a name. One query.
 */
export async function agenciesNamed(texts: string[]) {
  const found = new Map<string, AgencyRef[]>()
  const references = texts.map((text) => [text, memberReference(text)] as const)
  const codes = references.flatMap(([, ref]) => ('uscc' in ref ? [ref.uscc] : []))
  const names = references.flatMap(([, ref]) => ('name' in ref && ref.name ? [ref.name] : []))
  const rows: { id: SqlInteger; name: string; uscc: string }[] =
    codes.length + names.length === 0
      ? []
      : await db
          .from('organizations')
          .where('kind', 'agency')
          .where((where) => {
            if (codes.length > 0) where.orWhereIn('uscc', codes)
            if (names.length > 0) where.orWhereIn('name', names)
          })
          .orderBy('id')
          .select('id', 'name', 'uscc')
  for (const [text, ref] of references) {
    found.set(
      text,
      rows
        .filter((row) => ('uscc' in ref ? row.uscc === ref.uscc : row.name === ref.name))
        .map((row) => ({ id: Number(row.id), name: row.name, uscc: row.uscc }))
    )
  }
  return found
}

/** A person an agency may name on a response, with their qualification (执业资格). */
export type PractitionerChoice = {
  id: number
  name: string
  qualificationType: string | null
  qualificationCode: string | null
  qualificationLevel: string | null
  qualificationValidUntil: string | null
}

/** The agencies' registered persons, keyed by agency, in the order they were named. One query. */
export async function practitionerChoices(organizationIds: number[]) {
  const choices = new Map<number, PractitionerChoice[]>(organizationIds.map((id) => [id, []]))
  if (organizationIds.length === 0) return choices
  const rows: {
    id: SqlInteger
    organization_id: SqlInteger
    name: string
    qualification_type: string | null
    qualification_code: string | null
    qualification_level: string | null
    qualification_valid_until: Date | string | null
  }[] = await db
    .from('practitioners')
    .whereIn('organization_id', organizationIds)
    .orderBy('id')
    .select(
      'id',
      'organization_id',
      'name',
      'qualification_type',
      'qualification_code',
      'qualification_level',
      'qualification_valid_until'
    )
  for (const row of rows) {
    choices.get(Number(row.organization_id))?.push({
      id: Number(row.id),
      name: row.name,
      qualificationType: row.qualification_type,
      qualificationCode: row.qualification_code,
      qualificationLevel: row.qualification_level,
      qualificationValidUntil: row.qualification_valid_until
        ? toDay(row.qualification_valid_until)
        : null,
    })
  }
  return choices
}

/**
 * The bid page's consortium rows as last typed (the form's old input), each
 * with the agency its text names and that agency's persons to choose from.
 */
export async function consortiumDraftOf(rows: { agency?: string | null }[]) {
  const texts = rows.map((row) => row.agency?.trim() ?? '').filter((text) => text !== '')
  const named = await agenciesNamed(texts)
  const single = (text: string) => {
    const matches = named.get(text) ?? []
    return matches.length === 1 ? matches[0] : null
  }
  const agencies = texts.map(single).filter((agency): agency is AgencyRef => agency !== null)
  const persons = await practitionerChoices(agencies.map((agency) => agency.id))
  return rows.map((row) => {
    const text = row.agency?.trim() ?? ''
    const agency = text ? single(text) : null
    return {
      agency,
      /** The text names no agency, or several (then the USCC tells them apart). */
      unresolved: text !== '' && agency === null,
      persons: agency ? (persons.get(agency.id) ?? []) : [],
    }
  })
}

/**
 * One consortium request as the member reads it: the project, the lead, its
 * own sub-item, the persons of its own the lead named, and its answer —
 * never the lead's quote. `open` while it can still be answered.
 */
export async function consortiumRequestFor(memberId: number) {
  const row: {
    id: SqlInteger
    bid_id: SqlInteger
    organization_id: SqlInteger
    status: MemberAnswer
    answered_at: SqlTimestamp | null
    decline_reason: string | null
    bid_status: string
    bid_round: SqlInteger
    project_id: SqlInteger
    project_round: SqlInteger
    project_status: string
    code: string
    title: string
    response_deadline: SqlTimestamp
    project_item_code: string
    project_item_name: string
    owner_name: string
    lead_name: string
    lead_uscc: string
    item_code: string
    item_name: string
    lead_qualification: string | null
    lead_qualification_level: string | null
  } = await db
    .from('bid_members as m')
    .join('bids as b', 'b.id', 'm.bid_id')
    .join('projects as p', 'p.id', 'b.project_id')
    .join('service_items as pi', 'pi.id', 'p.service_item_id')
    .join('organizations as owner', 'owner.id', 'p.owner_organization_id')
    .join('organizations as lead', 'lead.id', 'b.organization_id')
    .join('service_items as i', 'i.id', 'm.service_item_id')
    .where('m.id', memberId)
    .select(
      'm.id',
      'm.bid_id',
      'm.organization_id',
      'm.status',
      'm.answered_at',
      'm.decline_reason',
      'b.status as bid_status',
      'b.round as bid_round',
      'p.id as project_id',
      'p.round as project_round',
      'p.status as project_status',
      'p.code',
      'p.title',
      'p.response_deadline',
      'pi.code as project_item_code',
      'pi.name as project_item_name',
      'owner.name as owner_name',
      'lead.name as lead_name',
      'lead.uscc as lead_uscc',
      'i.code as item_code',
      'i.name as item_name',
      'i.lead_qualification',
      'i.lead_qualification_level'
    )
    .firstOrFail()
  // The persons as the lead named them, with their qualification on the member's list now.
  const persons: {
    name: string
    practitioner_id: SqlInteger | null
    qualification_type: string | null
    qualification_code: string | null
    qualification_level: string | null
    qualification_valid_until: Date | string | null
  }[] = await db
    .from('bid_practitioners as bp')
    .leftJoin('practitioners as pr', (join) =>
      join.on('pr.id', 'bp.practitioner_id').andOn('pr.organization_id', 'bp.organization_id')
    )
    .where('bp.bid_id', row.bid_id)
    .where('bp.organization_id', row.organization_id)
    .orderBy('bp.id')
    .select(
      'bp.name',
      'pr.id as practitioner_id',
      'pr.qualification_type',
      'pr.qualification_code',
      'pr.qualification_level',
      'pr.qualification_valid_until'
    )
  const deadline = fromSqlTime(row.response_deadline)
  const bidCounts =
    row.bid_status === 'active' && Number(row.bid_round) === Number(row.project_round)
  return {
    id: Number(row.id),
    organizationId: Number(row.organization_id),
    status: row.status,
    answeredAt: row.answered_at === null ? null : fromSqlTime(row.answered_at),
    declineReason: row.decline_reason,
    project: {
      id: Number(row.project_id),
      code: row.code,
      title: row.title,
      deadline,
      itemCode: row.project_item_code,
      itemName: row.project_item_name,
      ownerName: row.owner_name,
    },
    lead: { name: row.lead_name, uscc: row.lead_uscc },
    item: {
      code: row.item_code,
      name: row.item_name,
      leadQualification: row.lead_qualification
        ? { code: row.lead_qualification, level: row.lead_qualification_level }
        : null,
    },
    persons: persons.map((person) => ({
      name: person.name,
      /** No longer on the member's list of persons. */
      removed: person.practitioner_id === null,
      qualificationType: person.qualification_type,
      qualificationCode: person.qualification_code,
      qualificationLevel: person.qualification_level,
      qualificationValidUntil: person.qualification_valid_until
        ? toDay(person.qualification_valid_until)
        : null,
    })),
    /** The lead's bid no longer counts (replaced or withdrawn, or an earlier round). */
    bidGone: !bidCounts,
    open:
      bidCounts && row.project_status === 'published' && clock.now().getTime() < deadline.getTime(),
  }
}
