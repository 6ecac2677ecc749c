import db from '@adonisjs/lucid/services/db'
import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import { isoInstant } from '#domain/time_zone'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'
import { toDay } from '#queries/named_teams'

const PER_PAGE = 20

/**
 * 执业记录 search: practitioners by (part of) their name and of their agency's
 * name, the agency's name first. ID numbers are never read.
 */
export async function searchPractitioners(filters: {
  name?: string
  agency?: string
  page?: number
}) {
  const clean = (text?: string) => text?.replace(/[%_!\\]/g, '').trim() || undefined
  const name = clean(filters.name)
  const agency = clean(filters.agency)
  const result = await db
    .from('practitioners as p')
    .join('organizations as o', 'o.id', 'p.organization_id')
    .if(name, (query) => query.where('p.name', 'like', `%${name}%`))
    .if(agency, (query) => query.where('o.name', 'like', `%${agency}%`))
    .orderBy('o.name')
    .orderBy('p.id')
    .select(
      'p.id',
      'p.name',
      'p.role',
      'p.qualification_type',
      'p.qualification_code',
      'p.qualification_level',
      'o.id as agency_id',
      'o.name as agency_name'
    )
    .paginate(filters.page ?? 1, PER_PAGE)
  return {
    data: result.all().map((row) => ({
      id: Number(row.id),
      name: row.name as string,
      role: row.role as string,
      qualificationType: (row.qualification_type as string | null) ?? null,
      qualificationCode: (row.qualification_code as string | null) ?? null,
      qualificationLevel: (row.qualification_level as string | null) ?? null,
      agency: { id: Number(row.agency_id), name: row.agency_name as string },
    })),
    meta: { total: result.total, page: result.currentPage, perPage: result.perPage },
  }
}

/**
 * A practitioner's public practice record (执业记录): who they are (name,
 * agency, role, certificate, qualification — never the ID number), the
 * contracts they led (项目负责人) under any agency, found by the person, with
 * the owner's rating, the approval outcome and any upheld false-report
 * complaint (虚假报告) about that work, and the person's market bans, wherever
 * they were banned. Null for an unknown practitioner.
 */
export async function practiceRecord(practitionerId: number) {
  const person = await db
    .from('practitioners as p')
    .join('organizations as o', 'o.id', 'p.organization_id')
    .where('p.id', practitionerId)
    .select(
      'p.id',
      'p.name',
      'p.role',
      'p.certificate_no',
      'p.qualification_type',
      'p.qualification_code',
      'p.qualification_level',
      'p.qualification_valid_until',
      'p.id_number_hash',
      'o.id as agency_id',
      'o.name as agency_name'
    )
    .first()
  if (!person) return null
  const hash = person.id_number_hash as string
  const led: {
    contract_id: SqlInteger
    status: string
    signed_at: SqlTimestamp | null
    approval_outcome: string | null
    approval_corrections: SqlInteger | null
    project_id: SqlInteger
    code: string
    title: string
    agency_id: SqlInteger
    agency_name: string
    owner_name: string
  }[] = await db
    .from('bid_practitioners as bp')
    .join('contracts as c', 'c.bid_id', 'bp.bid_id')
    .join('projects as pr', 'pr.id', 'c.project_id')
    .join('organizations as a', 'a.id', 'c.agency_organization_id')
    .join('organizations as ow', 'ow.id', 'c.owner_organization_id')
    .where('bp.id_number_hash', hash)
    .where('bp.role', 'lead')
    .whereNotNull('c.signed_at')
    .orderBy('c.signed_at', 'desc')
    .limit(200)
    .select(
      'c.id as contract_id',
      'c.status',
      'c.signed_at',
      'c.approval_outcome',
      'c.approval_corrections',
      'pr.id as project_id',
      'pr.code',
      'pr.title',
      'a.id as agency_id',
      'a.name as agency_name',
      'ow.name as owner_name'
    )
  const contractIds = led.map((row) => Number(row.contract_id))
  const ratings: {
    contract_id: SqlInteger
    quality: SqlInteger | null
    timeliness: SqlInteger | null
    attitude: SqlInteger | null
    fee_compliance: SqlInteger | null
    origin: string
  }[] =
    contractIds.length === 0
      ? []
      : await db
          .from('evaluations')
          .whereIn('contract_id', contractIds)
          .where('direction', 'of_agency')
          .select('contract_id', 'quality', 'timeliness', 'attitude', 'fee_compliance', 'origin')
  const findings: {
    id: SqlInteger
    project_id: SqlInteger
    agency_organization_id: SqlInteger | null
    decision: string | null
    answered_at: SqlTimestamp | null
  }[] =
    led.length === 0
      ? []
      : await db
          .from('complaints')
          .whereIn(
            'project_id',
            led.map((row) => Number(row.project_id))
          )
          .where('category', 'false_report')
          .where('outcome', 'upheld')
          .select('id', 'project_id', 'agency_organization_id', 'decision', 'answered_at')
  const now = sqlTime(clock.now())
  const bans: {
    reason: string
    legal_basis: string
    starts_at: SqlTimestamp
    ends_at: SqlTimestamp | null
    lifted_at: SqlTimestamp | null
  }[] = await db
    .from('bans')
    .where('person_id_hash', hash)
    .where('starts_at', '<=', now)
    .orderBy('starts_at', 'desc')
    .select('reason', 'legal_basis', 'starts_at', 'ends_at', 'lifted_at')
  const ratingOf = new Map(ratings.map((row) => [Number(row.contract_id), row]))
  const score = (value: SqlInteger | null) => (value === null ? null : Number(value))
  const nowMs = clock.now().getTime()
  const projects = led.map((row) => {
    const rating = ratingOf.get(Number(row.contract_id))
    return {
      contractId: Number(row.contract_id),
      projectId: Number(row.project_id),
      projectCode: row.code,
      projectTitle: row.title,
      agency: { id: Number(row.agency_id), name: row.agency_name },
      owner: row.owner_name,
      contractStatus: row.status,
      signedAt: isoInstant(row.signed_at),
      approvalOutcome: row.approval_outcome,
      approvalCorrections: score(row.approval_corrections),
      ownerRating: rating
        ? {
            quality: score(rating.quality),
            timeliness: score(rating.timeliness),
            attitude: score(rating.attitude),
            feeCompliance: score(rating.fee_compliance),
            origin: rating.origin,
          }
        : null,
    }
  })
  const codeOf = new Map(projects.map((project) => [project.projectId, project.projectCode]))
  const agencyOfProject = new Map(projects.map((project) => [project.projectId, project.agency.id]))
  return {
    id: Number(person.id),
    name: person.name as string,
    role: person.role as string,
    certificateNo: (person.certificate_no as string | null) ?? null,
    qualificationType: (person.qualification_type as string | null) ?? null,
    qualificationCode: (person.qualification_code as string | null) ?? null,
    qualificationLevel: (person.qualification_level as string | null) ?? null,
    qualificationValidUntil: person.qualification_valid_until
      ? toDay(person.qualification_valid_until)
      : null,
    agency: { id: Number(person.agency_id), name: person.agency_name as string },
    projectsLed: projects,
    // A finding about a project the person led counts when it concerns that contract's agency.
    falseReportFindings: findings
      .filter(
        (row) =>
          row.agency_organization_id === null ||
          Number(row.agency_organization_id) === agencyOfProject.get(Number(row.project_id))
      )
      .map((row) => ({
        complaintId: Number(row.id),
        projectCode: codeOf.get(Number(row.project_id)) ?? null,
        decision: row.decision,
        decidedAt: isoInstant(row.answered_at),
      })),
    bans: bans.map((row) => {
      const ends = row.ends_at ? new Date(isoInstant(row.ends_at)!).getTime() : null
      return {
        reason: row.reason,
        legalBasis: row.legal_basis,
        startsAt: isoInstant(row.starts_at),
        endsAt: isoInstant(row.ends_at),
        liftedAt: isoInstant(row.lifted_at),
        inForce: row.lifted_at === null && (ends === null || ends > nowMs),
      }
    }),
  }
}

export type PracticeRecord = NonNullable<Awaited<ReturnType<typeof practiceRecord>>>
