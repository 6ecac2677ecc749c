import db from '@adonisjs/lucid/services/db'
import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import encryption from '@adonisjs/core/services/encryption'
import { openSealedQuote } from '#services/sealed_quotes'
import Project from '#models/project'
import Bid from '#models/bid'
import type User from '#models/user'
import { ineligibilityReason, type IneligibilityReason } from '#domain/eligibility'
import { eligibilityFactsFor } from '#queries/eligibility_facts'
import { responseCounts } from '#queries/response_counts'
import type { PersonQualificationRef } from '#domain/person_qualifications'
import { requiredQualificationOf, teamOfBid } from '#queries/named_teams'
import {
  consortiumDraftOf,
  practitionerChoices,
  type PractitionerChoice,
} from '#queries/consortium_members'
import { clock } from '#services/clock'
import { fromSqlTime } from '#services/sql_time'
import {
  isBlankMemberRow,
  MAX_CONSORTIUM_MEMBERS,
  type MemberAnswer,
  type MemberRow,
} from '#domain/consortium'

const PER_PAGE = 20

/**
 * The public project list (never drafts): one page, two queries. The pages and
 * the API read it through the cache (projectListPage in #presenters/public_lists).
 */
export async function searchProjects(filters: {
  status?: string
  item?: string
  /** Words of the title, or the project's code. */
  q?: string
  page?: number
  perPage?: number
}) {
  const words = filters.q?.replace(/[%_!]/g, '').trim()
  return Project.query()
    .whereNot('status', 'draft')
    .if(filters.status, (query) => query.where('status', filters.status!))
    .if(words, (query) =>
      query.where((where) =>
        where.where('title', 'like', `%${words}%`).orWhere('code', 'like', `${words}%`)
      )
    )
    .if(filters.item, (query) =>
      query.whereIn('service_item_id', (sub) =>
        sub.from('service_items').where('code', filters.item!).select('id')
      )
    )
    .preload('serviceItem')
    .orderBy('id', 'desc')
    .paginate(filters.page ?? 1, filters.perPage ?? PER_PAGE)
}

/**
 * What the project page shows a visitor beyond the public record: for an
 * agency its own bid this round (its quote only to itself, its consortium
 * members' answers) and whether it may respond. Who manages it is ProjectPolicy's answer.
 */
export async function projectPageFacts(
  project: Project,
  user: User | null,
  /** The consortium rows of the agency's bid form as last sent (its old input), if any. */
  consortiumDraft: unknown = []
) {
  const counts = await responseCounts([project.id])
  const facts = {
    responseCount: counts.get(project.id) ?? 0,
    myBid: null as null | {
      id: number
      receipt: string
      quoteFen: number
      nonce: string
      createdAt: string
      abnormallyLow: boolean
      justification: string | null
      consortium: Awaited<ReturnType<typeof membersOfBid>>
      team: { lead: string | null; members: string[] }
    },
    ineligibility: null as IneligibilityReason | null,
    participated: false,
    /** The agency's persons it may name as lead and team, with their qualification. */
    teamChoices: [] as PractitionerChoice[],
    requiredQualification: null as PersonQualificationRef | null,
    /**
     * The bid form's consortium rows (联合中介): those last sent, each with the
     * agency it names and that agency's persons, and a spare row to add one.
     */
    consortiumRows: [] as (Awaited<ReturnType<typeof consortiumDraftOf>>[number] & {
      index: number
      value: MemberRow
    })[],
  }
  if (user?.role !== 'agency') return facts
  const bid = await Bid.query()
    .where('project_id', project.id)
    .where('round', project.round)
    .where('organization_id', user.organizationId)
    .where('status', 'active')
    .orderBy('id', 'desc')
    .first()
  // The bid's persons: its team, and the persons each consortium member works with.
  const team = bid ? await teamOfBid(bid.id) : null
  if (bid) {
    facts.participated = true
    facts.myBid = {
      id: bid.id,
      receipt: bid.receipt,
      quoteFen: openSealedQuote(bid.quoteEncrypted),
      nonce: encryption.decrypt<string>(bid.nonceEncrypted)!,
      createdAt: bid.createdAt.toISO()!,
      abnormallyLow: bid.abnormallyLow,
      justification: bid.justification,
      consortium: await membersOfBid(bid.id),
      team: {
        lead: team!.lead?.name ?? null,
        members: team!.members.map((member) => member.name),
      },
    }
  }
  if (project.status === 'published') {
    facts.ineligibility = ineligibilityReason(
      await eligibilityFactsFor(project, user.organizationId)
    )
    const own = await practitionerChoices([user.organizationId])
    facts.teamChoices = own.get(user.organizationId)!
    facts.requiredQualification = await requiredQualificationOf(project, db.connection())
    // The form comes back as it was sent, else with the members of the bid it would replace.
    const sent = Array.isArray(consortiumDraft) && consortiumDraft.length > 0
    facts.consortiumRows = await consortiumRowsOf(
      sent ? consortiumDraft : membersAsRows(facts.myBid?.consortium ?? [], team?.members ?? [])
    )
  }
  return facts
}

/**
 * The form's consortium rows (as sent, or the bid's), each with the values
 * its fields show, and a spare one while there is room.
 */
async function consortiumRowsOf(sent: unknown) {
  const draft = (Array.isArray(sent) ? sent : [])
    .slice(0, MAX_CONSORTIUM_MEMBERS)
    .map((row): MemberRow => ({
      agency: typeof row?.agency === 'string' ? row.agency : null,
      itemCode: typeof row?.itemCode === 'string' ? row.itemCode : null,
      practitionerIds: (Array.isArray(row?.practitionerIds) ? row.practitionerIds : [])
        .map(Number)
        .filter(Number.isInteger),
    }))
  const resolved = await consortiumDraftOf(draft)
  const rows = resolved.map((row, index) => ({ ...row, index, value: draft[index] }))
  const last = draft.at(-1)
  if (rows.length < MAX_CONSORTIUM_MEMBERS && (!last || !isBlankMemberRow(last))) {
    rows.push({ index: rows.length, agency: null, unresolved: false, persons: [], value: {} })
  }
  return rows
}

/** The members of the agency's current bid as the form's rows: by USCC, with their persons. */
function membersAsRows(
  members: Awaited<ReturnType<typeof membersOfBid>>,
  persons: { organizationId: number; practitionerId: number | null }[]
) {
  return members.map((member) => ({
    agency: member.agencyUscc,
    itemCode: member.itemCode,
    practitionerIds: persons
      .filter((person) => person.organizationId === member.agencyId)
      .flatMap((person) => (person.practitionerId === null ? [] : [person.practitionerId])),
  }))
}

/** An owner's projects, drafts included, newest first. */
export async function projectsOfOwner(organizationId: number, page: number) {
  const result = await Project.query()
    .where('owner_organization_id', organizationId)
    .preload('serviceItem')
    .orderBy('id', 'desc')
    .paginate(page, PER_PAGE)
  const counts = await responseCounts(result.all().map((project) => project.id))
  return { page: result, counts }
}

/** Open announcements for the items an agency offers, soonest deadline first. */
export async function openProjectsForAgency(organizationId: number) {
  return Project.query()
    .where('status', 'published')
    .whereNot('method', 'direct')
    .whereIn('service_item_id', (sub) =>
      sub
        .from('agency_service_items')
        .where('organization_id', organizationId)
        .select('service_item_id')
    )
    .preload('serviceItem')
    .orderBy('response_deadline', 'asc')
    .limit(100)
}

/** Direct selections naming the agency that wait for its answer. */
export async function directRequestsForAgency(organizationId: number) {
  return Project.query()
    .where('status', 'published')
    .where('method', 'direct')
    .where('direct_agency_id', organizationId)
    .preload('serviceItem')
    .orderBy('stage_due_at', 'asc')
}

/**
 * The requests of leads naming the agency as a consortium member (联合中介)
 * on projects still taking bids, soonest deadline first: the lead, the
 * project and the sub-item — never the lead's quote.
 */
export async function consortiumRequestsForAgency(organizationId: number) {
  const rows: {
    id: SqlInteger
    status: MemberAnswer
    answered_at: SqlTimestamp | null
    project_id: SqlInteger
    code: string
    title: string
    response_deadline: SqlTimestamp
    lead_id: SqlInteger
    lead_name: string
    item_code: string
    item_name: string
  }[] = await db
    .from('bid_members as m')
    .join('bids as b', 'b.id', 'm.bid_id')
    .join('projects as p', (join) => join.on('p.id', 'b.project_id').andOn('p.round', 'b.round'))
    .join('organizations as lead', 'lead.id', 'b.organization_id')
    .join('service_items as i', 'i.id', 'm.service_item_id')
    .where('m.organization_id', organizationId)
    .where('b.status', 'active')
    .where('p.status', 'published')
    .orderBy('p.response_deadline')
    .orderBy('m.id')
    .select(
      'm.id',
      'm.status',
      'm.answered_at',
      'p.id as project_id',
      'p.code',
      'p.title',
      'p.response_deadline',
      'lead.id as lead_id',
      'lead.name as lead_name',
      'i.code as item_code',
      'i.name as item_name'
    )
  return rows.map((row) => ({
    id: Number(row.id),
    status: row.status,
    answeredAt: row.answered_at === null ? null : fromSqlTime(row.answered_at),
    projectId: Number(row.project_id),
    projectCode: row.code as string,
    projectTitle: row.title as string,
    deadline: fromSqlTime(row.response_deadline),
    leadAgencyId: Number(row.lead_id),
    leadAgencyName: row.lead_name as string,
    itemCode: row.item_code as string,
    itemName: row.item_name as string,
  }))
}

/** The members of a lead's bid with their answers, for the lead's own eyes. */
export async function membersOfBid(bidId: number) {
  const rows: {
    organization_id: SqlInteger
    status: MemberAnswer
    name: string
    uscc: string
    code: string
  }[] = await db
    .from('bid_members as m')
    .join('organizations as o', 'o.id', 'm.organization_id')
    .join('service_items as i', 'i.id', 'm.service_item_id')
    .where('m.bid_id', bidId)
    .orderBy('m.id')
    .select('m.organization_id', 'm.status', 'o.name', 'o.uscc', 'i.code')
  return rows.map((row) => ({
    agencyId: Number(row.organization_id),
    agencyName: row.name as string,
    agencyUscc: row.uscc,
    itemCode: row.code as string,
    status: row.status as MemberAnswer,
  }))
}

/** The agency's bids, newest first, with their projects. */
export async function bidsOfAgency(organizationId: number) {
  const bids = await Bid.query()
    .where('organization_id', organizationId)
    .whereIn('status', ['active', 'withdrawn'])
    .preload('project')
    .orderBy('id', 'desc')
    .limit(100)
  return bids.map((bid) => ({
    bid,
    quoteFen: openSealedQuote(bid.quoteEncrypted),
  }))
}

/**
 * Pending objections for the regulator's desk, oldest due first, with their
 * evidence files; `overdue` once past the response limit (the tick marks and
 * escalates it).
 */
export async function pendingObjections() {
  const rows = await db
    .from('objections as o')
    .join('projects as p', 'p.id', 'o.project_id')
    .join('organizations as a', 'a.id', 'o.organization_id')
    .where('o.status', 'pending')
    .orderBy('o.response_due_at')
    .select('o.*', 'p.code as project_code', 'p.title as project_title', 'a.name as agency_name')
  const files = rows.length
    ? await db
        .from('objection_files')
        .whereIn(
          'objection_id',
          rows.map((row) => row.id)
        )
        .orderBy('id')
        .select('id', 'objection_id', 'file_name')
    : []
  const now = clock.now().getTime()
  return rows.map((row) => ({
    ...row,
    overdue: row.overdue_at !== null || fromSqlTime(row.response_due_at).getTime() < now,
    files: files
      .filter((file) => Number(file.objection_id) === Number(row.id))
      .map((file) => ({ id: Number(file.id), name: String(file.file_name) })),
  }))
}
