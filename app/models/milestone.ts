import { MilestoneSchema } from '#database/schema'

export const MILESTONE_STATUSES = ['unpaid', 'processing', 'paid', 'refunded'] as const
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number]

/** A payment milestone of a contract; the milestones sum exactly to the price. */
export default class Milestone extends MilestoneSchema {
  declare status: MilestoneStatus
}
