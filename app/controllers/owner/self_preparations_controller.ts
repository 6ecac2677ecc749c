import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import ServiceItem from '#models/service_item'
import SelfPreparation from '#models/self_preparation'
import SelfPreparationPolicy from '#policies/self_preparation_policy'
import {
  recordSelfPreparationValidator,
  withdrawSelfPreparationValidator,
} from '#validators/self_preparation'
import { recordSelfPreparation, withdrawSelfPreparation } from '#actions/catalog/self_preparation'
import { selfPreparationsOf } from '#queries/self_preparations'
import { REGIONS } from '#domain/regions'

/** 允许企业自主编制: the owner's records and the form to record one (item chosen from the guide page). */
export default class SelfPreparationsController {
  async index({ auth, request, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const owner = await Organization.findOrFail(user.organizationId)
    const active = await ServiceItem.query().where('status', 'active').orderBy('code')
    const items = active.filter((item) => item.serviceGuide.provision === 'may_self_prepare')
    return view.render('pages/owner/self_preparations', {
      records: await selfPreparationsOf(owner.id),
      items,
      chosen: String(request.qs().item ?? ''),
      owner,
      regions: REGIONS,
    })
  }

  async store({ auth, request, response, session, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const owner = await Organization.findOrFail(user.organizationId)
    const payload = await request.validateUsing(recordSelfPreparationValidator)
    const record = await recordSelfPreparation(owner, payload, user)
    session.flash(
      'success',
      i18n.t('messages.selfPreparation.recorded', { item: record.serviceItem.name })
    )
    return response.redirect().toRoute('owner.self_preparations.index')
  }

  async withdraw({ auth, params, request, response, bouncer, session, i18n }: HttpContext) {
    const record = await SelfPreparation.findOrFail(params.id)
    await bouncer.with(SelfPreparationPolicy).authorize('withdraw', record)
    const { reason } = await request.validateUsing(withdrawSelfPreparationValidator)
    await withdrawSelfPreparation(record, reason, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.selfPreparation.withdrawn'))
    return response.redirect().toRoute('owner.self_preparations.index')
  }
}
