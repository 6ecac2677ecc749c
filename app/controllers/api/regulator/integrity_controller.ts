import type { HttpContext } from '@adonisjs/core/http'
import { readFile } from 'node:fs/promises'
import Department from '#models/department'
import DepartmentAffiliate from '#models/department_affiliate'
import DepartmentPolicy from '#policies/department_policy'
import ServingOfficialListPolicy from '#policies/serving_official_list_policy'
import {
  addAffiliateValidator,
  createDepartmentValidator,
  removeAffiliateValidator,
  renameDepartmentValidator,
} from '#validators/department'
import { loadServingOfficialsValidator } from '#validators/serving_official_list'
import { createDepartment, renameDepartment } from '#actions/departments/departments'
import { addAffiliate, removeAffiliate } from '#actions/integrity/register'
import { loadServingOfficials } from '#actions/integrity/serving_officials'
import {
  recentSuspensions,
  servingOfficialListInForce,
  servingOfficialMatches,
} from '#queries/integrity'
import { presentAffiliate, presentDepartment } from '#presenters/integrity'
import { isoInstant } from '#domain/time_zone'

/** The API twin of the regulators' register and list of serving officials. */
export default class IntegrityController {
  /** POST /api/v1/regulator/departments (catalog office) */
  async storeDepartment({ request, response, bouncer, auth }: HttpContext) {
    await bouncer.with(DepartmentPolicy).authorize('create')
    const payload = await request.validateUsing(createDepartmentValidator)
    const department = await createDepartment(payload, auth.getUserOrFail())
    return response.created(presentDepartment(department))
  }

  /** PUT /api/v1/regulator/departments/:id (catalog office): renamed, with a reason. */
  async renameDepartment({ params, request, bouncer, auth }: HttpContext) {
    const department = await Department.findOrFail(params.id)
    await bouncer.with(DepartmentPolicy).authorize('rename')
    const payload = await request.validateUsing(renameDepartmentValidator)
    return presentDepartment(await renameDepartment(department, payload, auth.getUserOrFail()))
  }

  /** POST /api/v1/regulator/departments/:id/affiliates: an entry of the register, with a reason. */
  async storeAffiliate({ params, request, response, bouncer, auth }: HttpContext) {
    const department = await Department.findOrFail(params.id)
    await bouncer.with(DepartmentPolicy).authorize('keepRegister', department)
    const payload = await request.validateUsing(addAffiliateValidator)
    const { entry, suspended } = await addAffiliate(department, payload, auth.getUserOrFail())
    return response.created({ entry: presentAffiliate(entry), suspended })
  }

  /** POST /api/v1/regulator/affiliates/:id/remove {reason} */
  async removeAffiliate({ params, request, bouncer, auth }: HttpContext) {
    const entry = await DepartmentAffiliate.findOrFail(params.id)
    const department = await Department.findOrFail(entry.departmentId)
    await bouncer.with(DepartmentPolicy).authorize('keepRegister', department)
    const { reason } = await request.validateUsing(removeAffiliateValidator)
    return presentAffiliate(await removeAffiliate(entry, reason, auth.getUserOrFail()))
  }

  /** GET /api/v1/regulator/conflict-suspensions: the latest 100 listings and bids suspended for affiliation. */
  async suspensions() {
    const rows = await recentSuspensions()
    return {
      data: rows.map((row) => ({
        id: Number(row.id),
        organizationId: Number(row.organization_id),
        agency: row.agency,
        kind: row.kind,
        cause: row.cause,
        via: row.via,
        viaName: row.via_name,
        item: row.item_code,
        department: row.department_name,
        project: row.project_code,
        suspendedAt: isoInstant(row.created_at),
      })),
    }
  }

  /** GET /api/v1/regulator/officials: the list in force (never its hashes) and the matches. */
  async officials({ bouncer }: HttpContext) {
    await bouncer.with(ServingOfficialListPolicy).authorize('viewMatches')
    const list = await servingOfficialListInForce()
    return {
      list: list
        ? {
            id: Number(list.id),
            source: list.source,
            asOf: String(isoInstant(list.as_of) ?? list.as_of).slice(0, 10),
            rows: Number(list.row_count),
            loadedAt: isoInstant(list.created_at),
          }
        : null,
      matches: await servingOfficialMatches(),
    }
  }

  /** POST /api/v1/regulator/officials (multipart: file, source, asOf): replaces the list. */
  async loadOfficials({ request, response, bouncer, auth }: HttpContext) {
    await bouncer.with(ServingOfficialListPolicy).authorize('load')
    const payload = await request.validateUsing(loadServingOfficialsValidator)
    const text = await readFile(payload.file.tmpPath!, 'utf8')
    const loaded = await loadServingOfficials(
      text,
      { source: payload.source, asOf: payload.asOf },
      auth.getUserOrFail()
    )
    return response.created(loaded)
  }
}
