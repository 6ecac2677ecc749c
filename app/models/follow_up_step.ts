import { FollowUpStepSchema } from '#database/schema'

/** One dated step of a follow-up case, with the regulator's note. */
export default class FollowUpStep extends FollowUpStepSchema {}
