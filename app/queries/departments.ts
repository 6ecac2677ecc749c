import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { DepartmentActor } from '#domain/departments'
import Department from '#models/department'

/** A user as the department rules read it (one query for a regulator, none otherwise). */
export async function departmentActorOf(
  user: { role: string; departmentId: number | null },
  client: QueryClientContract = db.connection()
): Promise<DepartmentActor> {
  if (user.role !== 'regulator' || user.departmentId === null) {
    return { role: user.role, departmentId: null, catalogOffice: false }
  }
  const row = await client
    .from('departments')
    .where('id', user.departmentId)
    .select('catalog_office')
    .first()
  return {
    role: user.role,
    departmentId: row ? user.departmentId : null,
    catalogOffice: Boolean(row?.catalog_office),
  }
}

/** Every department, by name (the register and the catalog form's choices). */
export function listDepartments() {
  return Department.query().orderBy('catalog_office', 'desc').orderBy('name')
}

/** The department of a catalog item, or null when the item has none (never after migration). */
export async function departmentOfItem(serviceItemId: number, client = db.connection()) {
  const row = await client
    .from('service_items')
    .where('id', serviceItemId)
    .select('department_id')
    .first()
  return row?.department_id === null || row?.department_id === undefined
    ? null
    : Number(row.department_id)
}

/** The departments a regulator may publish catalog items for: all for the catalog office, else its own. */
export async function departmentChoicesFor(user: { role: string; departmentId: number | null }) {
  const actor = await departmentActorOf(user)
  if (actor.departmentId === null) return []
  if (actor.catalogOffice) return listDepartments()
  return Department.query().where('id', actor.departmentId)
}
