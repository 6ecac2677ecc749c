/*
 * Approval departments (审批部门) as records. A catalog item names the
 * department that approves with its intermediary service; a regulator
 * belongs to one department. Rights follow the department's id, never its
 * name, so a department renamed keeps every right it had:
 *
 * - the approval outcome of a contract is recorded by a regulator of the
 *   item's department only;
 * - a catalog item is changed by the regulators of its department (谁需求、
 *   谁清理、谁调整) and by the platform's catalog office; a new item is
 *   published by a regulator for its own department, or by the catalog office
 *   for any department.
 */

/** What the rules need to know of a user: role and department. */
export type DepartmentActor = {
  role: string
  departmentId: number | null
  /** The user's department is the platform's catalog office. */
  catalogOffice: boolean
}

/** A regulator of this very department (by id). */
export function isRegulatorOf(actor: DepartmentActor, departmentId: number | null): boolean {
  return (
    actor.role === 'regulator' &&
    actor.departmentId !== null &&
    departmentId !== null &&
    actor.departmentId === departmentId
  )
}

/** May record the approval outcome of a contract for an item of this department. */
export function mayRecordApproval(actor: DepartmentActor, itemDepartmentId: number | null) {
  return isRegulatorOf(actor, itemDepartmentId)
}

/** May publish or change a catalog item of this department. */
export function mayChangeCatalogItem(actor: DepartmentActor, itemDepartmentId: number | null) {
  if (actor.role !== 'regulator' || actor.departmentId === null) return false
  return actor.catalogOffice || isRegulatorOf(actor, itemDepartmentId)
}

/** May open the catalog editor at all: a regulator with a department. */
export function mayEditCatalog(actor: DepartmentActor) {
  return actor.role === 'regulator' && actor.departmentId !== null
}
