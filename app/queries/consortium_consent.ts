import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { consortiumFault, type ConsortiumFault, type MemberAnswer } from '#domain/consortium'

/**
 * Consortium consent at opening (app/domain/consortium.ts): for each bid of
 * the round whose members did not all confirm, or one of whose members also
 * bid on its own, the fault that makes it invalid. One query for the round.
 */
export async function consortiumFaultsOfRound(
  bids: { id: number; organizationId: number }[],
  trx: TransactionClientContract
) {
  const faults = new Map<number, ConsortiumFault>()
  if (bids.length === 0) return faults
  const members: { bidId: number; organizationId: number; status: MemberAnswer }[] = []
  for (let start = 0; start < bids.length; start += 500) {
    const rows = await trx
      .from('bid_members')
      .whereIn(
        'bid_id',
        bids.slice(start, start + 500).map((bid) => bid.id)
      )
      .select('bid_id', 'organization_id', 'status')
    for (const row of rows) {
      members.push({
        bidId: Number(row.bid_id),
        organizationId: Number(row.organization_id),
        status: row.status,
      })
    }
  }
  const bidders = new Set(bids.map((bid) => bid.organizationId))
  for (const [bidId, ofBid] of Map.groupBy(members, (member) => member.bidId)) {
    const fault = consortiumFault(ofBid, bidders)
    if (fault) faults.set(bidId, fault)
  }
  return faults
}
