import { AlertSubscriptionSchema } from '#database/schema'
import type { AlertFrequency } from '#domain/alerts'

/** A user's e-mail alert of new announcements (items and regions; at once or daily). */
export default class AlertSubscription extends AlertSubscriptionSchema {
  declare frequency: AlertFrequency

  get itemCodeList(): string[] {
    return JSON.parse(this.itemCodes)
  }

  get regionCodeList(): string[] {
    return JSON.parse(this.regionCodes)
  }
}
