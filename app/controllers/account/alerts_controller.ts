import type { HttpContext } from '@adonisjs/core/http'
import AlertSubscription from '#models/alert_subscription'
import { alertSubscriptionFormValidator } from '#validators/alert'
import { removeAlertSubscription, saveAlertSubscription } from '#actions/alerts/alert_subscriptions'
import { ALERT_FREQUENCIES } from '#domain/alerts'
import { REGIONS } from '#domain/regions'
import { searchCatalog } from '#queries/catalog'

/** /account/alerts: any signed-in user chooses the announcements to hear of by e-mail. */
export default class AlertsController {
  async show({ auth, view }: HttpContext) {
    const subscription = await AlertSubscription.findBy('user_id', auth.getUserOrFail().id)
    return view.render('pages/account/alerts', {
      subscription,
      items: await searchCatalog({}),
      regions: REGIONS,
      frequencies: ALERT_FREQUENCIES,
    })
  }

  async update({ auth, request, response, session, i18n }: HttpContext) {
    const input = await request.validateUsing(alertSubscriptionFormValidator)
    await saveAlertSubscription(auth.getUserOrFail(), input)
    session.flash('success', i18n.t('alerts.saved'))
    return response.redirect().toRoute('account.alerts.show')
  }

  async destroy({ auth, response, session, i18n }: HttpContext) {
    await removeAlertSubscription(auth.getUserOrFail())
    session.flash('success', i18n.t('alerts.removed'))
    return response.redirect().toRoute('account.alerts.show')
  }
}
