import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import Department from '#models/department'
import { recordAuditEvent } from '#services/audit_log'
import { invalidateLists } from '#services/public_cache'
import { refuseInput } from '#exceptions/invalid_input_exception'

/**
 * The catalog office registers an approval department (审批部门): a name
 * unique in the market and its region.
 */
export async function createDepartment(
  input: { name: string; regionCode: string },
  actor: User | null
) {
  await ensureNameFree(input.name, null)
  return db.transaction(async (trx) => {
    const department = await Department.create(
      { name: input.name, regionCode: input.regionCode, catalogOffice: false },
      { client: trx }
    )
    await recordAuditEvent(trx, {
      actor,
      action: 'department.created',
      subjectType: 'department',
      subjectId: department.id,
      payload: { name: department.name, regionCode: department.regionCode },
    })
    return department
  })
}

/**
 * A department is renamed (机构改革): its items and regulators keep it, by
 * id; the catalog's current rows show the new name, earlier versions keep
 * the name they were published under.
 */
export async function renameDepartment(
  department: Department,
  input: { name: string; regionCode: string; reason: string },
  actor: User | null
) {
  await ensureNameFree(input.name, department.id)
  return db.transaction(async (trx) => {
    const locked = await Department.query({ client: trx })
      .where('id', department.id)
      .forUpdate()
      .firstOrFail()
    const before = { name: locked.name, regionCode: locked.regionCode }
    locked.merge({ name: input.name, regionCode: input.regionCode })
    await locked.save()
    await trx
      .from('service_items')
      .where('department_id', locked.id)
      .update({ approval_department: locked.name })
    await recordAuditEvent(trx, {
      actor,
      action: 'department.renamed',
      subjectType: 'department',
      subjectId: locked.id,
      payload: {
        before,
        after: { name: locked.name, regionCode: locked.regionCode },
        reason: input.reason,
      },
    })
    await invalidateLists(['catalog'], trx)
    return locked
  })
}

async function ensureNameFree(name: string, exceptId: number | null) {
  const query = Department.query().where('name', name)
  if (exceptId !== null) query.whereNot('id', exceptId)
  if (await query.first()) {
    refuseInput([
      {
        field: 'name',
        rule: 'department.name_taken',
        identifier: 'integrity.departments.nameTaken',
        data: { name },
      },
    ])
  }
}
