/*
 * The facts the integrity rules (app/domain/affiliations.ts,
 * app/domain/serving_officials.ts) judge: an agency's declaration in force,
 * the entries of the departments' register that name its USCCs, and the
 * persons it names whose ID hash is on the list of serving officials.
 */
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { SqlInteger } from '#services/sql_rows'
import AgencyDeclaration from '#models/agency_declaration'
import Department from '#models/department'
import DepartmentAffiliate from '#models/department_affiliate'
import {
  affiliationWith,
  usccsToScreen,
  type Affiliation,
  type AffiliateRelation,
  type Declaration,
  type RegisterEntry,
} from '#domain/affiliations'
import { servingOfficialsAmong, type NamedPerson } from '#domain/serving_officials'

/** The agency's declaration in force (its latest version), or null: never declared. */
export function currentDeclaration(
  organizationId: number,
  client: QueryClientContract = db.connection()
) {
  return AgencyDeclaration.query({ client })
    .where('organization_id', organizationId)
    .orderBy('version', 'desc')
    .first()
}

/** The register's entries in force naming any of these USCCs. */
export async function registerEntriesFor(
  usccs: string[],
  client: QueryClientContract = db.connection()
): Promise<RegisterEntry[]> {
  if (usccs.length === 0) return []
  const rows: {
    department_id: SqlInteger
    uscc: string
    name: string
    relation: AffiliateRelation
  }[] = await client
    .from('department_affiliates')
    .whereIn('uscc', usccs)
    .whereNull('removed_at')
    .select('department_id', 'uscc', 'name', 'relation')
  return rows.map((row) => ({
    departmentId: Number(row.department_id),
    uscc: row.uscc,
    name: row.name,
    relation: row.relation,
  }))
}

/** What the affiliation rule needs of one agency: its USCC, declaration and register entries. */
export async function affiliationFactsOf(
  organizationId: number,
  client: QueryClientContract = db.connection(),
  declarationOverride?: Declaration | null
) {
  const organization = await client
    .from('organizations')
    .where('id', organizationId)
    .select('uscc')
    .firstOrFail()
  const current =
    declarationOverride === undefined ? await currentDeclaration(organizationId, client) : null
  const declaration =
    declarationOverride === undefined ? (current?.facts ?? null) : declarationOverride
  const register = await registerEntriesFor(usccsToScreen(organization.uscc, declaration), client)
  return { uscc: organization.uscc as string, declaration, register }
}

/** The agency's affiliation with the department approving this item, or null. */
export async function affiliationForItem(
  organizationId: number,
  serviceItemId: number,
  client: QueryClientContract = db.connection()
): Promise<(Affiliation & { departmentName: string }) | null> {
  const item = await client
    .from('service_items as s')
    .leftJoin('departments as d', 'd.id', 's.department_id')
    .where('s.id', serviceItemId)
    .select('s.department_id', 'd.name as department_name')
    .first()
  if (!item || item.department_id === null) return null
  const facts = await affiliationFactsOf(organizationId, client)
  const found = affiliationWith(
    Number(item.department_id),
    facts.uscc,
    facts.declaration,
    facts.register
  )
  return found ? { ...found, departmentName: item.department_name } : null
}

/** The latest list of serving officials, or null: none loaded. */
export async function servingOfficialListInForce(client: QueryClientContract = db.connection()) {
  const row = await client
    .from('serving_official_lists')
    .orderBy('id', 'desc')
    .select('id', 'source', 'as_of', 'row_count', 'created_at')
    .first()
  return row ?? null
}

/**
 * The persons these agencies name (managers, practitioners, natural-person
 * shareholders of the declaration in force) whose hash is on the list in
 * force. Three queries, whatever the number of agencies.
 */
export async function servingOfficialsNamedBy(
  organizationIds: number[] | 'all',
  client: QueryClientContract = db.connection()
): Promise<NamedPerson[]> {
  if (organizationIds !== 'all' && organizationIds.length === 0) return []
  const only = <Query extends { whereIn: (column: string, values: number[]) => Query }>(
    query: Query,
    column: string
  ) => (organizationIds === 'all' ? query : query.whereIn(column, organizationIds))
  const list = await servingOfficialListInForce(client)
  if (!list) return []
  const officials = client.from('serving_officials').where('list_id', list.id).select('id_hash')
  const practitioners: {
    organization_id: SqlInteger
    name: string
    role: 'manager' | 'practitioner'
    id_number_hash: string
  }[] = await only(client.from('practitioners'), 'organization_id')
    .whereIn('id_number_hash', officials)
    .select('organization_id', 'name', 'role', 'id_number_hash')
  const persons: NamedPerson[] = practitioners.map((row) => ({
    organizationId: Number(row.organization_id),
    name: row.name,
    capacity: row.role,
    idHash: row.id_number_hash,
  }))
  // Shareholders: the declarations in force, matched here (their hashes live in JSON text).
  const rows: { organization_id: SqlInteger; version: number; shareholders: string }[] = await only(
    client.from('agency_declarations'),
    'organization_id'
  )
    .orderBy('version', 'asc')
    .select('organization_id', 'version', 'shareholders')
  // The last row of each agency is its declaration in force.
  const declarations = [...new Map(rows.map((row) => [Number(row.organization_id), row])).values()]
  const holderHashes = declarations.flatMap((row) =>
    (JSON.parse(row.shareholders) as { name: string; idHash: string | null }[])
      .filter((holder) => holder.idHash)
      .map((holder) => ({
        organizationId: Number(row.organization_id),
        name: holder.name,
        capacity: 'shareholder' as const,
        idHash: holder.idHash!,
      }))
  )
  if (holderHashes.length > 0) {
    const onList: { id_hash: string }[] = await client
      .from('serving_officials')
      .where('list_id', list.id)
      .whereIn(
        'id_hash',
        holderHashes.map((holder) => holder.idHash)
      )
      .select('id_hash')
    persons.push(...servingOfficialsAmong(holderHashes, new Set(onList.map((row) => row.id_hash))))
  }
  return persons
}

/** One agency's integrity facts for an item. */
export type IntegrityFacts = {
  affiliation: (Affiliation & { departmentName: string }) | null
  servingOfficial: boolean
}

/**
 * For each agency: its affiliation with the department approving the item,
 * and whether it names a serving official (the eligibility facts of a
 * sign-up and of an opening). Seven queries, whatever the number of agencies.
 */
export async function integrityFactsForMany(
  organizationIds: number[],
  serviceItemId: number,
  client: QueryClientContract = db.connection(),
  known: {
    /** The item's approving department, already read by the caller. */
    item?: { department_id: SqlInteger | null; department_name: string | null }
    /** The agencies' USCCs, already read by the caller. */
    organizations?: { id: SqlInteger; uscc: string }[]
  } = {}
): Promise<Map<number, IntegrityFacts>> {
  const result = new Map<number, IntegrityFacts>()
  if (organizationIds.length === 0) return result
  const item =
    known.item ??
    (await client
      .from('service_items as s')
      .leftJoin('departments as d', 'd.id', 's.department_id')
      .where('s.id', serviceItemId)
      .select('s.department_id', 'd.name as department_name')
      .first())
  const organizations: { id: SqlInteger; uscc: string }[] =
    known.organizations ??
    (await client.from('organizations').whereIn('id', organizationIds).select('id', 'uscc'))
  const rows: {
    organization_id: SqlInteger
    nature: Declaration['nature']
    sponsor_name: string | null
    sponsor_uscc: string | null
    shareholders: string
  }[] = await client
    .from('agency_declarations')
    .whereIn('organization_id', organizationIds)
    .orderBy('version', 'asc')
    .select('organization_id', 'nature', 'sponsor_name', 'sponsor_uscc', 'shareholders')
  // The last row of each agency is its declaration in force.
  const declarationOf = new Map<number, Declaration>()
  for (const row of rows) {
    declarationOf.set(Number(row.organization_id), declarationFromRow(row))
  }
  const departmentId = !item || item.department_id === null ? null : Number(item.department_id)
  const usccs = organizations.flatMap((organization) =>
    usccsToScreen(organization.uscc, declarationOf.get(Number(organization.id)) ?? null)
  )
  const entries = departmentId === null ? [] : await registerEntriesFor([...new Set(usccs)], client)
  const register = entries.filter((entry) => entry.departmentId === departmentId)
  const named = await servingOfficialsNamedBy(organizationIds, client)
  const officials = new Set(named.map((person) => person.organizationId))
  for (const organization of organizations) {
    const id = Number(organization.id)
    const found =
      departmentId === null
        ? null
        : affiliationWith(departmentId, organization.uscc, declarationOf.get(id) ?? null, register)
    result.set(id, {
      affiliation: found ? { ...found, departmentName: item!.department_name as string } : null,
      servingOfficial: officials.has(id),
    })
  }
  return result
}

/**
 * The folded columns integrityFactsOfOne reads from one statement of the
 * caller (app/queries/eligibility_facts.ts): see integrityColumnsFor.
 */
export type FoldedIntegrityRow = {
  department_id: SqlInteger | null
  department_name: string | null
  agency_uscc: string | null
  declaration_nature: Declaration['nature'] | null
  declaration_sponsor_name: string | null
  declaration_sponsor_uscc: string | null
  declaration_shareholders: string | null
  own_register_entries: SqlInteger | null
  official_list_id: SqlInteger | null
  officials_named: SqlInteger | null
}

/**
 * Scalar subqueries for one agency, to fold into a statement over
 * `service_items as s`: its declaration in force, the register's entries of
 * the item's department naming its own USCC, the list of serving officials in
 * force and how many of its practitioners are on it.
 */
export function integrityColumnsFor(organizationId: number, client: QueryClientContract) {
  const declaration = (column: string) =>
    client
      .from('agency_declarations')
      .where('organization_id', organizationId)
      .orderBy('version', 'desc')
      .limit(1)
      .select(column)
  const listInForce = () => client.from('serving_official_lists').max('id')
  return [
    declaration('nature').as('declaration_nature'),
    declaration('sponsor_name').as('declaration_sponsor_name'),
    declaration('sponsor_uscc').as('declaration_sponsor_uscc'),
    declaration('shareholders').as('declaration_shareholders'),
    client
      .from('department_affiliates as r')
      .whereColumn('r.department_id', 's.department_id')
      .whereNull('r.removed_at')
      .whereIn('r.uscc', client.from('organizations').where('id', organizationId).select('uscc'))
      .count('*')
      .as('own_register_entries'),
    listInForce().as('official_list_id'),
    client
      .from('practitioners')
      .where('organization_id', organizationId)
      .whereIn(
        'id_number_hash',
        client.from('serving_officials').where('list_id', listInForce()).select('id_hash')
      )
      .count('*')
      .as('officials_named'),
  ]
}

/**
 * One agency's integrity facts from the folded columns: the same facts as
 * integrityFactsForMany, with no statement of its own unless the agency
 * declares a sponsor or shareholders to screen, or its own USCC is on the
 * department's register.
 */
export async function integrityFactsOfOne(
  row: FoldedIntegrityRow,
  client: QueryClientContract
): Promise<IntegrityFacts | undefined> {
  if (row.agency_uscc === null || row.agency_uscc === undefined) return undefined
  const uscc = String(row.agency_uscc)
  const declaration =
    row.declaration_nature === null || row.declaration_nature === undefined
      ? null
      : declarationFromRow({
          nature: row.declaration_nature,
          sponsor_name: row.declaration_sponsor_name,
          sponsor_uscc: row.declaration_sponsor_uscc,
          shareholders: row.declaration_shareholders ?? '[]',
        })
  const departmentId = row.department_id === null ? null : Number(row.department_id)
  let affiliation: IntegrityFacts['affiliation'] = null
  if (departmentId !== null) {
    const usccs = usccsToScreen(uscc, declaration)
    const onlyItself = usccs.length === 1 && usccs[0] === uscc
    const entries =
      onlyItself && Number(row.own_register_entries ?? 0) === 0
        ? []
        : await registerEntriesFor(usccs, client)
    const register = entries.filter((entry) => entry.departmentId === departmentId)
    const found = affiliationWith(departmentId, uscc, declaration, register)
    affiliation = found ? { ...found, departmentName: row.department_name as string } : null
  }
  let servingOfficial = false
  if (row.official_list_id !== null && row.official_list_id !== undefined) {
    if (Number(row.officials_named ?? 0) > 0) {
      servingOfficial = true
    } else {
      const holders = (declaration?.shareholders ?? []).filter((holder) => holder.idHash)
      if (holders.length > 0) {
        const onList = await client
          .from('serving_officials')
          .where('list_id', Number(row.official_list_id))
          .whereIn(
            'id_hash',
            holders.map((holder) => holder.idHash!)
          )
          .select('id_hash')
          .first()
        servingOfficial = Boolean(onList)
      }
    }
  }
  return { affiliation, servingOfficial }
}

/** A declaration row as the pure rules read it. */
export function declarationFromRow(row: {
  nature: Declaration['nature']
  sponsor_name: string | null
  sponsor_uscc: string | null
  shareholders: string
}): Declaration {
  return {
    nature: row.nature,
    sponsor:
      row.sponsor_uscc && row.sponsor_name
        ? { name: row.sponsor_name, uscc: row.sponsor_uscc }
        : null,
    shareholders: JSON.parse(row.shareholders),
  }
}

/** The eligibility fields of one agency's integrity facts. */
export function eligibilityIntegrity(facts: IntegrityFacts | undefined) {
  return {
    affiliation: facts?.affiliation
      ? {
          department: facts.affiliation.departmentName,
          via: facts.affiliation.via,
          name: facts.affiliation.name,
        }
      : null,
    servingOfficial: facts?.servingOfficial ?? false,
  }
}

/**
 * The public register: every approval department with the organisations it
 * sponsors, supervises or owns, entries taken off kept with their reason.
 * Two queries.
 */
export async function publicRegister() {
  const departments = await Department.query().orderBy('catalog_office', 'desc').orderBy('name')
  const entries = await DepartmentAffiliate.query()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
  const byDepartment = Map.groupBy(entries, (entry) => entry.departmentId)
  return departments.map((department) => ({
    department,
    current: (byDepartment.get(department.id) ?? []).filter((entry) => !entry.removedAt),
    removed: (byDepartment.get(department.id) ?? []).filter((entry) => entry.removedAt),
  }))
}

/** The listings and bids suspended for this agency, latest first, with item and department names. */
export async function suspensionsOf(organizationId: number) {
  const rows: {
    kind: 'listing' | 'bid'
    cause: 'register' | 'declaration'
    via: 'self' | 'sponsor' | 'shareholder'
    via_name: string
    created_at: Date | string
    item_code: string
    item_name: string
    department_name: string
    project_code: string | null
  }[] = await db
    .from('conflict_suspensions as c')
    .join('service_items as s', 's.id', 'c.service_item_id')
    .join('departments as d', 'd.id', 'c.department_id')
    .leftJoin('projects as p', 'p.id', 'c.project_id')
    .where('c.organization_id', organizationId)
    .orderBy('c.id', 'desc')
    .limit(100)
    .select(
      'c.kind',
      'c.cause',
      'c.via',
      'c.via_name',
      'c.created_at',
      's.code as item_code',
      's.name as item_name',
      'd.name as department_name',
      'p.code as project_code'
    )
  return rows
}

/** For regulators: who on the list of serving officials each agency names (name and capacity). */
export async function servingOfficialMatches() {
  const persons = await servingOfficialsNamedBy('all')
  if (persons.length === 0) return []
  const organizations: { id: SqlInteger; name: string; uscc: string }[] = await db
    .from('organizations')
    .whereIn('id', [...new Set(persons.map((person) => person.organizationId))])
    .select('id', 'name', 'uscc')
  const byId = new Map(organizations.map((row) => [Number(row.id), row]))
  return persons.map((person) => ({
    organizationId: person.organizationId,
    agency: byId.get(person.organizationId)?.name ?? '',
    uscc: byId.get(person.organizationId)?.uscc ?? '',
    name: person.name,
    capacity: person.capacity,
  }))
}

/** For regulators: the latest listings and bids suspended for affiliation, with who and why. */
export async function recentSuspensions(limit = 100) {
  const rows: {
    id: SqlInteger
    organization_id: SqlInteger
    agency: string
    kind: 'listing' | 'bid'
    cause: 'register' | 'declaration'
    via: 'self' | 'sponsor' | 'shareholder'
    via_name: string
    created_at: Date | string
    item_code: string
    department_name: string
    project_code: string | null
  }[] = await db
    .from('conflict_suspensions as c')
    .join('organizations as o', 'o.id', 'c.organization_id')
    .join('service_items as s', 's.id', 'c.service_item_id')
    .join('departments as d', 'd.id', 'c.department_id')
    .leftJoin('projects as p', 'p.id', 'c.project_id')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .select(
      'c.id',
      'c.organization_id',
      'o.name as agency',
      'c.kind',
      'c.cause',
      'c.via',
      'c.via_name',
      'c.created_at',
      's.code as item_code',
      'd.name as department_name',
      'p.code as project_code'
    )
  return rows
}
