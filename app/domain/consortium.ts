/*
 * 联合中介 (SPEC "Selection methods" 7): a lead agency bids with member
 * agencies, each for its own sub-item. A member takes part only with its
 * consent, given in the market before the deadline, and an agency that is a
 * member of one bid has no bid of its own in the same project (联合体成员不得
 * 再单独参加同一项目). Judged again at opening over the whole round. Pure.
 */

/** A member's answer to the lead's request. */
export const MEMBER_ANSWERS = ['pending', 'confirmed', 'declined'] as const
export type MemberAnswer = (typeof MEMBER_ANSWERS)[number]

/** Why a consortium bid does not count at opening, as published with the result. */
export type ConsortiumFault = 'member_declined' | 'member_unconfirmed' | 'member_bids_alone'

/**
 * The first fault of a consortium bid at opening, or null: a member declined,
 * a member never confirmed, or a member also has a bid of its own in the
 * round (`bidders`: the agencies with an active bid of their own).
 */
export function consortiumFault(
  members: { organizationId: number; status: MemberAnswer }[],
  bidders: ReadonlySet<number>
): ConsortiumFault | null {
  if (members.some((member) => member.status === 'declined')) return 'member_declined'
  if (members.some((member) => member.status !== 'confirmed')) return 'member_unconfirmed'
  if (members.some((member) => bidders.has(member.organizationId))) return 'member_bids_alone'
  return null
}
