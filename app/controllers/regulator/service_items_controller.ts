import type { HttpContext } from '@adonisjs/core/http'
import ServiceItem, { FEE_TYPES, SERVICE_ITEM_STATUSES } from '#models/service_item'
import ServiceItemPolicy from '#policies/service_item_policy'
import { createServiceItemValidator, reviseServiceItemValidator } from '#validators/service_item'
import {
  createServiceItem,
  resolveDepartment,
  reviseServiceItem,
} from '#actions/catalog/publish_service_item'
import { loadServiceItem } from '#queries/catalog'
import { departmentChoicesFor } from '#queries/departments'
import {
  personLevelChoices,
  personQualificationChoices,
  qualificationLevelChoices,
  qualificationTypeChoices,
} from '#presenters/qualification_choices'
import { PROVISIONS, EMPTY_GUIDE } from '#domain/service_guide'
import { REGIONS } from '#domain/regions'
import type User from '#models/user'

/** What the editor offers: departments, fee types, and the guide's closed lists. */
async function formChoices(user: User, item: ServiceItem | null, locale: string) {
  const english = locale.startsWith('en')
  return {
    item,
    guide: item ? item.serviceGuide : EMPTY_GUIDE,
    departments: await departmentChoicesFor(user),
    feeTypes: FEE_TYPES,
    statuses: SERVICE_ITEM_STATUSES,
    provisions: PROVISIONS,
    regions: REGIONS.map((region) => ({
      value: region.code,
      label: english ? region.nameEn : region.name,
    })),
    qualificationTypes: qualificationTypeChoices(locale),
    qualificationLevels: qualificationLevelChoices(locale),
    personQualifications: personQualificationChoices(locale),
    personLevels: personLevelChoices(locale),
  }
}

/** The regulators' catalog editor: every change is a new version with a reason. */
export default class ServiceItemsController {
  async index({ view }: HttpContext) {
    const items = await ServiceItem.query().orderBy('status').orderBy('code')
    return view.render('pages/regulator/service_items/index', { items })
  }

  async create({ view, bouncer, auth, i18n }: HttpContext) {
    await bouncer.with(ServiceItemPolicy).authorize('create')
    return view.render(
      'pages/regulator/service_items/form',
      await formChoices(auth.getUserOrFail(), null, i18n.locale)
    )
  }

  async store({ request, response, bouncer, auth, session, i18n }: HttpContext) {
    await bouncer.with(ServiceItemPolicy).authorize('create')
    const payload = await request.validateUsing(createServiceItemValidator)
    const department = await resolveDepartment(payload)
    await bouncer.with(ServiceItemPolicy).authorize('createFor', department.id)
    const item = await createServiceItem(payload, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.catalog.published', { code: item.code }))
    return response.redirect().toRoute('service_items.show', { code: item.code })
  }

  async edit({ params, view, bouncer, auth, i18n }: HttpContext) {
    const item = await loadServiceItem(params.code)
    await bouncer.with(ServiceItemPolicy).authorize('revise', item)
    return view.render(
      'pages/regulator/service_items/form',
      await formChoices(auth.getUserOrFail(), item, i18n.locale)
    )
  }

  async update({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const item = await loadServiceItem(params.code)
    await bouncer.with(ServiceItemPolicy).authorize('revise', item)
    const payload = await request.validateUsing(reviseServiceItemValidator)
    const department = await resolveDepartment(payload)
    await bouncer.with(ServiceItemPolicy).authorize('revise', item, department.id)
    const revised = await reviseServiceItem(item, payload, auth.getUserOrFail())
    session.flash(
      'success',
      i18n.t('messages.catalog.revised', { code: revised.code, version: revised.version })
    )
    return response.redirect().toRoute('service_items.show', { code: revised.code })
  }
}
