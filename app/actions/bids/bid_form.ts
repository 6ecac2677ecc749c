import type User from '#models/user'
import RefusalException from '#exceptions/refusal_exception'
import { refuse } from '#actions/projects/project_rules'
import { placeBid, type BidInput } from '#actions/bids/place_bid'
import { isBlankMemberRow, type MemberRow } from '#domain/consortium'
import { agenciesNamed } from '#queries/consortium_members'
import { yuanToFen } from '#services/money'

/*
 * The bid page's form (the quote in yuan, consortium members named by name or
 * USCC) turned into the bid the API takes, and placed by the same action: the
 * same rules, refusals and messages, each at the field the page shows.
 */

export type BidForm = Omit<BidInput, 'quoteFen' | 'consortium'> & {
  quoteYuan: number
  consortium?: MemberRow[]
}

/** Places the bid from the page; a refusal names the form's own row of a member. */
export async function placeBidFromForm(
  projectId: number,
  form: BidForm,
  agencyUser: User,
  context: Parameters<typeof placeBid>[3]
) {
  const { quoteYuan, consortium: sent = [], ...rest } = form
  // The spare (blank) rows are not members; `rows` keeps each member's place in the form.
  const rows = sent.flatMap((row, index) => (isBlankMemberRow(row) ? [] : [index]))
  const members = await membersOf(
    rows.map((index) => sent[index]),
    rows
  )
  try {
    return await placeBid(
      projectId,
      { ...rest, quoteFen: yuanToFen(quoteYuan), consortium: members },
      agencyUser,
      context
    )
  } catch (error) {
    if (error instanceof RefusalException) atFormRows(error, rows)
    throw error
  }
}

/**
 * Each member as the API names it: the one agency its text names (422 at the
 * row with the API's message when none does; when several share the name,
 * the USCC tells them apart).
 */
async function membersOf(entries: MemberRow[], rows: number[]) {
  const named = await agenciesNamed(entries.map((entry) => entry.agency?.trim() ?? ''))
  return entries.map((entry, position) => {
    const matches = named.get(entry.agency?.trim() ?? '') ?? []
    if (matches.length !== 1) {
      refuse([
        {
          field: `consortium.${rows[position]}.agency`,
          rule: matches.length === 0 ? 'consortiumMember' : 'consortiumMemberAmbiguous',
        },
      ])
    }
    return {
      agencyId: matches[0].id,
      itemCode: entry.itemCode ?? '',
      practitionerIds: entry.practitionerIds ?? [],
    }
  })
}

/** The action names a member by its place among the members; the page by its row. */
function atFormRows(error: RefusalException, rows: number[]) {
  for (const reason of error.reasons) {
    reason.field = reason.field?.replace(
      /^consortium\.(\d+)\.agencyId\b|^consortium\.(\d+)\./,
      (_whole, agencyAt?: string, at?: string) =>
        agencyAt === undefined
          ? `consortium.${rows[Number(at)]}.`
          : `consortium.${rows[Number(agencyAt)]}.agency`
    )
  }
}
