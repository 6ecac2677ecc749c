import { JointPunishmentEntrySchema } from '#database/schema'
import type { JointPunishmentMeasure } from '#domain/joint_punishment'

/** A subject (by USCC) on an imported joint punishment list (联合惩戒), until lifted. */
export default class JointPunishmentEntry extends JointPunishmentEntrySchema {
  declare measure: JointPunishmentMeasure
}
