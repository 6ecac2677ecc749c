import { BidMemberSchema } from '#database/schema'

/** A member agency of a consortium bid (联合中介), responsible for one sub-item. */
export default class BidMember extends BidMemberSchema {}
