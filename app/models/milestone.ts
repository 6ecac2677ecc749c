import { MilestoneSchema } from '#database/schema'

import type { MilestoneStatus } from '#domain/payment_state'
export { MILESTONE_STATUSES, type MilestoneStatus } from '#domain/payment_state'

/** A payment milestone of a contract; the milestones sum exactly to the price. */
export default class Milestone extends MilestoneSchema {
  declare status: MilestoneStatus
}
