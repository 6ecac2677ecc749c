import db from '@adonisjs/lucid/services/db'
import type { SqlInteger } from '#services/sql_rows'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { DateTime } from 'luxon'
import type Project from '#models/project'
import { gradeForScore, type CreditGrade } from '#domain/credit'
import { beijingWallTime } from '#domain/time_zone'
import type { EligibilityFacts } from '#domain/eligibility'
import type { QualificationRequirement } from '#domain/qualification_types'
import { clock } from '#services/clock'
import { bansInForce } from '#queries/bans'
import { jointPunishmentsInForce, signUpBarsOf } from '#queries/joint_punishment'
import { rulesForProject, rulesOfStoredParameters, rulesOfVersion } from '#services/market_rules'
import {
  eligibilityIntegrity,
  integrityColumnsFor,
  integrityFactsForMany,
  integrityFactsOfOne,
} from '#queries/integrity'

/** Rows are read in chunks so that an opening of 10,000 bids stays a few dozen queries. */
const CHUNK = 500

/**
 * Gathers what app/domain/eligibility.ts needs to judge agencies for a
 * project (or, for a consortium member, for one of its sub-items): six
 * queries per 500 agencies, whatever their qualifications and managers.
 */
export async function eligibilityFactsForMany(
  project: Project,
  organizationIds: number[],
  options: { serviceItemId?: number; client?: QueryClientContract; at?: Date } = {}
): Promise<Map<number, EligibilityFacts>> {
  const client = options.client ?? db.connection()
  const at = options.at ?? clock.now()
  const serviceItemId = options.serviceItemId ?? project.serviceItemId
  const item = await client
    .from('service_items')
    .where('id', serviceItemId)
    .select('required_qualification', 'qualification_type', 'qualification_level')
    .firstOrFail()
  const requirement = requirementOf(item)
  const deadlineDay = beijingWallTime(project.responseDeadline.toMillis()).slice(0, 10)
  // The grades of the project's own rule version (the one in force for a draft).
  const inForce = project.rulesetVersion ? null : await rulesForProject(project, at, client)
  const rules = inForce?.rules ?? (await rulesOfVersion(project.rulesetVersion!, client))
  const cutoffs = rules.gradeCutoffs
  const facts = new Map<number, EligibilityFacts>()
  const unique = [...new Set(organizationIds)]

  for (let start = 0; start < unique.length; start += CHUNK) {
    const ids = unique.slice(start, start + CHUNK)
    const profiles: { organization_id: SqlInteger; status: string; credit_score: SqlInteger }[] =
      await client
        .from('agency_profiles')
        .whereIn('organization_id', ids)
        .select('organization_id', 'status', 'credit_score')
    const offered: OrganizationRow[] = await client
      .from('agency_service_items')
      .whereIn('organization_id', ids)
      .where('service_item_id', serviceItemId)
      .select('organization_id')
    const qualifications: (QualificationRow & OrganizationRow)[] = item.required_qualification
      ? await heldQualifications(client, requirement, item.required_qualification)
          .whereIn('organization_id', ids)
          .select('organization_id', ...QUALIFICATION_COLUMNS)
      : []
    const agencyBans: OrganizationRow[] = await bansInForce(at, client)
      .whereIn('organization_id', ids)
      .select('organization_id')
    const bannedManagers: PersonRow[] = await client
      .from('practitioners as p')
      .whereIn('p.organization_id', ids)
      .where('p.role', 'manager')
      .whereIn(
        'p.id_number_hash',
        bansInForce(at, client).whereNotNull('person_id_hash').select('person_id_hash')
      )
      .select('p.organization_id', 'p.name')
    // 回避: a person named by the agency who is also named by the owner (same ID-card hash).
    const sharedPersons: PersonRow[] = await client
      .from('practitioners as p')
      .whereIn('p.organization_id', ids)
      .whereIn(
        'p.id_number_hash',
        client
          .from('practitioners')
          .where('organization_id', project.ownerOrganizationId)
          .select('id_number_hash')
      )
      .select('p.organization_id', 'p.name')

    const jointBars = await signUpBarsOf(ids, client)
    const profileOf = new Map(profiles.map((row) => [Number(row.organization_id), row]))
    const offering = new Set(offered.map((row) => Number(row.organization_id)))
    const banned = new Set(agencyBans.map((row) => Number(row.organization_id)))
    // Grouped once per chunk: an opening of 10,000 bids never scans rows per agency.
    const byAgency = <Row extends OrganizationRow>(rows: Row[]) =>
      Map.groupBy(rows, (row) => Number(row.organization_id))
    const qualificationsOf = byAgency(qualifications)
    const bannedManagersOf = byAgency(bannedManagers)
    const sharedPersonsOf = byAgency(sharedPersons)
    const integrity = await integrityFactsForMany(ids, serviceItemId, client)
    for (const id of ids) {
      const profile = profileOf.get(id)
      facts.set(id, {
        agencyStatus: profile?.status === 'active' ? 'active' : 'withdrawn',
        offersItem: offering.has(id),
        requiredQualification: item.required_qualification,
        qualificationRequirement: requirement,
        qualifications: (qualificationsOf.get(id) ?? []).map(qualificationFact),
        deadlineDay,
        agencyBanned: banned.has(id),
        bannedManagerNames: (bannedManagersOf.get(id) ?? []).map((row) => row.name),
        jointPunishments: jointBars.get(id) ?? [],
        grade: gradeForScore(Number(profile?.credit_score ?? 0), cutoffs) as CreditGrade,
        minimumGrade: (project.minCreditGrade as CreditGrade | null) ?? null,
        sharedPersonNames: (sharedPersonsOf.get(id) ?? []).map((row) => row.name),
        ...eligibilityIntegrity(integrity.get(id)),
      })
    }
  }
  return facts
}

/**
 * The facts for one agency (a bid, a direct request, the announcement page):
 * one query of scalar subqueries — profile, offer, bans, counts of banned
 * managers and of persons shared with the owner — then the names only when a
 * count is not zero, and the qualifications only when the item requires one.
 * The same facts as eligibilityFactsForMany, in one statement instead of six
 * on the bid path. `alsoRead`: scalar subqueries of the caller's, read in the
 * same statement and answered by name (the bid reads its previous bid so).
 */
export async function eligibilityFactsFor<Also extends string = never>(
  project: Project,
  organizationId: number,
  client: QueryClientContract = db.connection(),
  alsoRead: Record<Also, DatabaseQueryBuilderContract> = {} as Record<Also, never>
): Promise<EligibilityFacts & { alsoRead: Record<Also, unknown> }> {
  const at = clock.now()
  const serviceItemId = project.serviceItemId
  const bannedManagers = () =>
    client
      .from('practitioners as p')
      .where('p.organization_id', organizationId)
      .where('p.role', 'manager')
      .whereIn(
        'p.id_number_hash',
        bansInForce(at, client).whereNotNull('person_id_hash').select('person_id_hash')
      )
  // 回避: a person named by the agency who is also named by the owner (same ID-card hash).
  const sharedPersons = () =>
    client
      .from('practitioners as p')
      .where('p.organization_id', organizationId)
      .whereIn(
        'p.id_number_hash',
        client
          .from('practitioners')
          .where('organization_id', project.ownerOrganizationId)
          .select('id_number_hash')
      )
  const profile = () =>
    client.from('agency_profiles').where('organization_id', organizationId).limit(1)
  // 联合惩戒: the lists barring sign-up that name the agency's USCC.
  const jointSignUpBars = () =>
    jointPunishmentsInForce(client)
      .join('organizations as o', 'o.uscc', 'j.uscc')
      .where('o.id', organizationId)
      .whereIn('j.measure', ['sign_up', 'all'])
  const row = await client
    .from('service_items as s')
    .where('s.id', serviceItemId)
    .select(
      's.required_qualification',
      's.qualification_type',
      's.qualification_level',
      // The lead's person qualification, for the named team judged next (no statement of its own).
      's.lead_qualification',
      's.lead_qualification_level',
      profile().select('status').as('agency_status'),
      profile().select('credit_score').as('credit_score'),
      client
        .from('agency_service_items')
        .where('organization_id', organizationId)
        .where('service_item_id', serviceItemId)
        .count('*')
        .as('offers'),
      bansInForce(at, client).where('organization_id', organizationId).count('*').as('agency_bans'),
      bannedManagers().count('*').as('banned_managers'),
      jointSignUpBars().count('*').as('joint_bars'),
      sharedPersons().count('*').as('shared_persons'),
      // Read here rather than in statements of their own: the approving department (回避),
      // the agency's USCC, and the parameters of the project's rule version.
      's.department_id',
      client
        .from('departments as d')
        .whereColumn('d.id', 's.department_id')
        .select('d.name')
        .as('department_name'),
      client.from('organizations').where('id', organizationId).select('uscc').as('agency_uscc'),
      ...(project.rulesetVersion
        ? [
            client
              .from('rule_sets')
              .where('version', project.rulesetVersion)
              .select('parameters')
              .as('rule_parameters'),
          ]
        : []),
      // The integrity facts (affiliation, serving officials), folded in too.
      ...integrityColumnsFor(organizationId, client),
      ...Object.entries<DatabaseQueryBuilderContract>(alsoRead).map(([name, query]) =>
        query.as(`also_${name}`)
      )
    )
    .firstOrFail()
  const names = async (count: unknown, query: () => ReturnType<typeof bannedManagers>) => {
    if (Number(count) === 0) return []
    const persons: { name: string }[] = await query().select('p.name')
    return persons.map((person) => person.name)
  }
  const requirement = requirementOf(row)
  const qualifications: QualificationRow[] = row.required_qualification
    ? await heldQualifications(client, requirement, row.required_qualification)
        .where('organization_id', organizationId)
        .select(...QUALIFICATION_COLUMNS)
    : []
  // 联合惩戒: the lists' labels, read only when the count found one.
  const jointBars =
    Number(row.joint_bars) === 0
      ? new Map<number, string[]>()
      : await signUpBarsOf([organizationId], client)
  // The grades of the project's own rule version (the one in force for a draft).
  const rules = project.rulesetVersion
    ? row.rule_parameters
      ? rulesOfStoredParameters(String(row.rule_parameters))
      : await rulesOfVersion(project.rulesetVersion, client)
    : await rulesForProject(project, at, client).then((inForce) => inForce.rules)
  const integrity = await integrityFactsOfOne(row, client)
  return {
    agencyStatus: row.agency_status === 'active' ? 'active' : 'withdrawn',
    offersItem: Number(row.offers) > 0,
    requiredQualification: row.required_qualification,
    qualificationRequirement: requirement,
    leadQualification: row.lead_qualification
      ? { code: row.lead_qualification, level: row.lead_qualification_level ?? null }
      : null,
    qualifications: qualifications.map(qualificationFact),
    deadlineDay: beijingWallTime(project.responseDeadline.toMillis()).slice(0, 10),
    agencyBanned: Number(row.agency_bans) > 0,
    bannedManagerNames: await names(row.banned_managers, bannedManagers),
    jointPunishments: jointBars.get(organizationId) ?? [],
    grade: gradeForScore(Number(row.credit_score ?? 0), rules.gradeCutoffs) as CreditGrade,
    minimumGrade: (project.minCreditGrade as CreditGrade | null) ?? null,
    sharedPersonNames: await names(row.shared_persons, sharedPersons),
    ...eligibilityIntegrity(integrity),
    alsoRead: Object.fromEntries(
      Object.keys(alsoRead).map((name) => [name, row[`also_${name}`]])
    ) as Record<Also, unknown>,
  }
}

/** DATE columns come back as Date (MySQL) or text (SQLite). */
type OrganizationRow = { organization_id: SqlInteger }
type PersonRow = OrganizationRow & { name: string }
type QualificationRow = {
  type: string
  type_code: string | null
  level_code: string | null
  valid_until: Date | string
  status: EligibilityFacts['qualifications'][number]['status']
}

const QUALIFICATION_COLUMNS = ['type', 'type_code', 'level_code', 'valid_until', 'status']

/** The item's requirement on the closed list, or null for text from before the list. */
function requirementOf(item: {
  qualification_type: string | null
  qualification_level: string | null
}): QualificationRequirement | null {
  return item.qualification_type
    ? { type: item.qualification_type, level: item.qualification_level }
    : null
}

/** The holdings that may meet the requirement: of its type on the list, or of its exact words. */
function heldQualifications(
  client: QueryClientContract,
  requirement: QualificationRequirement | null,
  words: string
) {
  return requirement
    ? client.from('qualifications').where('type_code', requirement.type)
    : client.from('qualifications').where('type', words)
}

function qualificationFact(row: QualificationRow) {
  return {
    type: row.type,
    typeCode: row.type_code,
    levelCode: row.level_code,
    validUntil: toDay(row.valid_until),
    status: row.status,
  }
}

function toDay(value: Date | string) {
  return value instanceof Date
    ? DateTime.fromJSDate(value, { zone: 'utc' }).toISODate()!
    : String(value).slice(0, 10)
}
