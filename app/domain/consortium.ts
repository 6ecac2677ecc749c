/*
 * 联合中介 (SPEC "Selection methods" 7): a lead agency bids with member
 * agencies, each for its own sub-item. A member takes part only with its
 * consent, given in the market before the deadline, and an agency that is a
 * member of one bid has no bid of its own in the same project (联合体成员不得
 * 再单独参加同一项目). Judged again at opening over the whole round. Pure.
 */
import { isValidUscc, normalizeUscc } from '#domain/uscc'

/** The most members one bid may name. */
export const MAX_CONSORTIUM_MEMBERS = 10

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

/**
 * How the bid page names a member agency: by its 统一社会信用代码 when the
 * text is a valid one, else by its registered name (exact, spaces trimmed).
 */
export type MemberReference = { uscc: string } | { name: string }

export function memberReference(text: string): MemberReference {
  const code = normalizeUscc(text)
  return isValidUscc(code) ? { uscc: code } : { name: text.trim() }
}

/**
 * A row of the bid page's consortium part: the member as typed, its sub-item
 * and its persons. A row left blank (no member, no sub-item, nobody named)
 * is the form's spare row, not a member.
 */
export type MemberRow = {
  agency?: string | null
  itemCode?: string | null
  practitionerIds?: number[]
}

export function isBlankMemberRow(row: MemberRow) {
  return !row.agency?.trim() && !row.itemCode?.trim() && (row.practitionerIds ?? []).length === 0
}
