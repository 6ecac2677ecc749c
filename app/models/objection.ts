import { ObjectionSchema } from '#database/schema'

export const OBJECTION_STATUSES = ['pending', 'upheld', 'rejected'] as const
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number]

/** 质疑: a participant objects to a selection result during publicity; a regulator decides. */
export default class Objection extends ObjectionSchema {
  declare status: ObjectionStatus
}
