import { refuseInput } from '#exceptions/invalid_input_exception'
import type { HttpContext } from '@adonisjs/core/http'
import ServiceItemPolicy from '#policies/service_item_policy'
import {
  catalogFiltersValidator,
  createServiceItemValidator,
  reviseServiceItemValidator,
} from '#validators/service_item'
import {
  createServiceItem,
  resolveDepartment,
  reviseServiceItem,
} from '#actions/catalog/publish_service_item'
import { loadServiceItem } from '#queries/catalog'
import { catalogList } from '#presenters/public_lists'
import { presentServiceItem, presentServiceItemVersion } from '#presenters/catalog'

export default class ServiceItemsController {
  /** GET /api/v1/service-items: the public catalog. */
  async index({ request }: HttpContext) {
    const filters = await request.validateUsing(catalogFiltersValidator, { data: request.qs() })
    return { data: await catalogList(filters) }
  }

  /** GET /api/v1/service-items/:code: the current version and the full history. */
  async show({ params }: HttpContext) {
    const item = await loadServiceItem(params.code)
    return { ...presentServiceItem(item), history: item.versions.map(presentServiceItemVersion) }
  }

  /** POST /api/v1/service-items (regulator): a new catalog item, version 1. */
  async store({ request, response, bouncer, auth }: HttpContext) {
    await bouncer.with(ServiceItemPolicy).authorize('create')
    refuseQualificationAsText(request.body())
    const payload = await request.validateUsing(createServiceItemValidator)
    const department = await resolveDepartment(payload)
    await bouncer.with(ServiceItemPolicy).authorize('createFor', department.id)
    const item = await createServiceItem(payload, auth.getUserOrFail())
    return response.created(presentServiceItem(item))
  }

  /** PUT /api/v1/service-items/:code (regulator): a new version, with changeReason. */
  async update({ params, request, bouncer, auth }: HttpContext) {
    const item = await loadServiceItem(params.code)
    await bouncer.with(ServiceItemPolicy).authorize('revise', item)
    refuseQualificationAsText(request.body())
    const payload = await request.validateUsing(reviseServiceItemValidator)
    const department = await resolveDepartment(payload)
    await bouncer.with(ServiceItemPolicy).authorize('revise', item, department.id)
    const revised = await reviseServiceItem(item, payload, auth.getUserOrFail())
    return presentServiceItem(revised)
  }
}

/**
 * A client of the time before qualifications were listed sends the requirement as text: refused
 * by name (never dropped in silence), pointing at the listed fields.
 */
function refuseQualificationAsText(body: Record<string, unknown>) {
  if (!('requiredQualification' in body)) return
  refuseInput([
    {
      field: 'requiredQualification',
      rule: 'serviceItem.qualificationAsText',
      identifier: 'validator.shared.messages.serviceItem.qualificationAsText',
    },
  ])
}
