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
  publicRegister,
  recentSuspensions,
  servingOfficialListInForce,
  servingOfficialMatches,
} from '#queries/integrity'
import { departmentActorOf } from '#queries/departments'
import { mayChangeCatalogItem } from '#domain/departments'
import { AFFILIATE_RELATIONS } from '#domain/affiliations'
import { REGIONS } from '#domain/regions'

/**
 * The regulators' desk for 红顶中介 and 在职公职人员兼职: the register of
 * approval departments and the organisations each sponsors, supervises or
 * owns, and the list of serving officials with the agencies that name one.
 */
export default class IntegrityController {
  async register({ auth, view }: HttpContext) {
    const actor = await departmentActorOf(auth.getUserOrFail())
    const register = await publicRegister()
    return view.render('pages/integrity/regulator_register', {
      register: register.map((entry) => ({
        ...entry,
        keeps: mayChangeCatalogItem(actor, entry.department.id),
      })),
      catalogOffice: actor.catalogOffice,
      suspensions: await recentSuspensions(),
      relations: AFFILIATE_RELATIONS,
      regions: REGIONS,
    })
  }

  async storeDepartment({ request, response, bouncer, auth, session, i18n }: HttpContext) {
    await bouncer.with(DepartmentPolicy).authorize('create')
    const payload = await request.validateUsing(createDepartmentValidator)
    const department = await createDepartment(payload, auth.getUserOrFail())
    session.flash(
      'success',
      i18n.t('integrity.register.departmentCreated', { name: department.name })
    )
    return response.redirect().toRoute('regulator.register.index')
  }

  async renameDepartment({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const department = await Department.findOrFail(params.id)
    await bouncer.with(DepartmentPolicy).authorize('rename')
    const payload = await request.validateUsing(renameDepartmentValidator)
    const renamed = await renameDepartment(department, payload, auth.getUserOrFail())
    session.flash('success', i18n.t('integrity.register.departmentRenamed', { name: renamed.name }))
    return response.redirect().toRoute('regulator.register.index')
  }

  async storeAffiliate({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const department = await Department.findOrFail(params.id)
    await bouncer.with(DepartmentPolicy).authorize('keepRegister', department)
    const payload = await request.validateUsing(addAffiliateValidator)
    const { suspended } = await addAffiliate(department, payload, auth.getUserOrFail())
    session.flash(
      'success',
      i18n.t('integrity.register.added', { name: payload.name, suspended: suspended.length })
    )
    return response.redirect().toRoute('regulator.register.index')
  }

  async removeAffiliate({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const entry = await DepartmentAffiliate.findOrFail(params.id)
    const department = await Department.findOrFail(entry.departmentId)
    await bouncer.with(DepartmentPolicy).authorize('keepRegister', department)
    const { reason } = await request.validateUsing(removeAffiliateValidator)
    await removeAffiliate(entry, reason, auth.getUserOrFail())
    session.flash('success', i18n.t('integrity.register.removed', { name: entry.name }))
    return response.redirect().toRoute('regulator.register.index')
  }

  async officials({ view, bouncer }: HttpContext) {
    await bouncer.with(ServingOfficialListPolicy).authorize('viewMatches')
    return view.render('pages/integrity/officials', {
      list: await servingOfficialListInForce(),
      matches: await servingOfficialMatches(),
    })
  }

  async loadOfficials({ request, response, bouncer, auth, session, i18n }: HttpContext) {
    await bouncer.with(ServingOfficialListPolicy).authorize('load')
    const payload = await request.validateUsing(loadServingOfficialsValidator)
    const text = await readFile(payload.file.tmpPath!, 'utf8')
    const loaded = await loadServingOfficials(
      text,
      { source: payload.source, asOf: payload.asOf },
      auth.getUserOrFail()
    )
    session.flash('success', i18n.t('integrity.officials.loaded', { rows: loaded.rows }))
    return response.redirect().toRoute('regulator.officials.index')
  }
}
