import { NotificationSchema } from '#database/schema'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { NotificationData, NotificationKind } from '#services/notifications'
import Organization from '#models/organization'
import Project from '#models/project'

/** An in-app notification to an organisation (all its users see it). */
export default class Notification extends NotificationSchema {
  declare kind: NotificationKind

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => Project)
  declare project: BelongsTo<typeof Project>

  /** The placeholders of the kind's title and body. */
  get placeholders(): NotificationData {
    return JSON.parse(this.data)
  }
}
