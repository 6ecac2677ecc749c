import { isoInstant } from '#domain/time_zone'
import { publicDeclaration } from '#domain/affiliations'
import type AgencyDeclaration from '#models/agency_declaration'
import type Department from '#models/department'
import type DepartmentAffiliate from '#models/department_affiliate'

/** An approval department in API answers. */
export function presentDepartment(department: Department) {
  return {
    id: department.id,
    name: department.name,
    regionCode: department.regionCode,
    catalogOffice: department.catalogOffice,
  }
}

/** An entry of the register (public): who, how related, when and why. */
export function presentAffiliate(entry: DepartmentAffiliate) {
  return {
    id: entry.id,
    departmentId: entry.departmentId,
    uscc: entry.uscc,
    name: entry.name,
    relation: entry.relation,
    addedReason: entry.addedReason,
    addedAt: isoInstant(entry.createdAt),
    removedAt: entry.removedAt ? isoInstant(entry.removedAt) : null,
    removedReason: entry.removedReason,
  }
}

/** An agency's declaration (public): shareholders' ID hashes are never shown. */
export function presentDeclaration(declaration: AgencyDeclaration | null) {
  if (!declaration) return null
  return {
    version: declaration.version,
    declaredAt: isoInstant(declaration.createdAt),
    ...publicDeclaration(declaration.facts),
  }
}
