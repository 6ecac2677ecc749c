import { isoInstant } from '#domain/time_zone'
import type AlertSubscription from '#models/alert_subscription'

/** A subscription in API answers. */
export function presentAlertSubscription(subscription: AlertSubscription | null) {
  if (!subscription) return null
  return {
    itemCodes: subscription.itemCodeList,
    regionCodes: subscription.regionCodeList,
    frequency: subscription.frequency,
    lastSentAt: isoInstant(subscription.lastSentAt),
  }
}
