import type { HttpContext } from '@adonisjs/core/http'
import AlertSubscription from '#models/alert_subscription'
import { alertSubscriptionValidator } from '#validators/alert'
import { removeAlertSubscription, saveAlertSubscription } from '#actions/alerts/alert_subscriptions'
import { presentAlertSubscription } from '#presenters/alert'

/** The caller's own announcement alert (API twin of /account/alerts). */
export default class AlertsController {
  /** GET /api/v1/alerts → the subscription, or null */
  async show({ auth }: HttpContext) {
    const subscription = await AlertSubscription.findBy('user_id', auth.getUserOrFail().id)
    return { data: presentAlertSubscription(subscription) }
  }

  /** PUT /api/v1/alerts {itemCodes?, regionCodes?, frequency} */
  async update({ auth, request }: HttpContext) {
    const input = await request.validateUsing(alertSubscriptionValidator)
    const subscription = await saveAlertSubscription(auth.getUserOrFail(), input)
    return { data: presentAlertSubscription(subscription) }
  }

  /** DELETE /api/v1/alerts */
  async destroy({ auth, response }: HttpContext) {
    await removeAlertSubscription(auth.getUserOrFail())
    return response.noContent()
  }
}
