import db from '@adonisjs/lucid/services/db'
import type Project from '#models/project'
import type { DrawRecord } from '#domain/selection'
import {
  bidReceipt,
  blindPlanOrder,
  commitmentOf,
  drawCandidates,
  drawPendingReasons,
  drawSeedOf,
  planLabel,
  DRAW_ALGORITHM,
} from '#domain/verifiable_draw'
import { sqlTime } from '#services/sql_time'
import type { SqlBoolean, SqlInteger } from '#services/sql_rows'
import type { MemberAnswer } from '#domain/consortium'

export type ResultBid = {
  id: number
  agencyId: number
  agencyName: string
  agencyUscc: string
  quoteFen: number
  nonce: string
  receipt: string
  inDrawSeed: boolean
  valid: boolean
  invalidReason: string | null
  abnormallyLow: boolean
  justification: string | null
  ownerDecision: string | null
  ownerDecisionReason: string | null
  score: number | null
  planScore: number | null
  planScoreReason: string | null
  servicePlan: string | null
  /** Blind scoring: the letter under which the owner scored this plan (方案 A, B…). */
  planLabel: string | null
  rank: number | null
  /** 联合体成员, each with its answer to the lead's request (a bid counts only when all confirmed). */
  consortium: { agencyId: number; agencyName: string; itemCode: string; status: MemberAnswer }[]
  /** Rotation (轮换): the agency's wins on the same item in the same province in the past year. */
  recentWins: number
}

/** The columns of an opened bid the result reads (`b.*` with its agency's name and USCC). */
type OpenedBidRow = {
  id: SqlInteger
  organization_id: SqlInteger
  agency_name: string
  agency_uscc: string
  quote_fen: SqlInteger
  nonce: string
  receipt: string
  in_draw_seed: SqlBoolean
  valid: SqlBoolean
  invalid_reason: string | null
  abnormally_low: SqlBoolean
  justification: string | null
  owner_decision: string | null
  owner_decision_reason: string | null
  score_centi: SqlInteger | null
  plan_score_centi: SqlInteger | null
  plan_score_reason: string | null
  service_plan: string | null
  rank: SqlInteger | null
}
type MemberRow = {
  bid_id: SqlInteger
  organization_id: SqlInteger
  status: MemberAnswer
  name: string
  code: string
}

/** States in which a project has a winner. */
const WON_STATES = [
  'publicity',
  'awarded',
  'contracted',
  'in_service',
  'delivered',
  'accepted',
  'evaluated',
  'closed',
]

/** The plans of a scored round are being scored blind: no bidder, quote or receipt is shown. */
export function scoringBlind(project: Project) {
  return project.status === 'opened' && project.stage === 'plan_scores'
}

/**
 * The opened bids of a project's current round with their agencies,
 * consortium members and recent wins — three queries. Empty before opening: quotes are
 * sealed until then; empty too while the plans are scored blind.
 */
export async function openedBidsOf(project: Project): Promise<ResultBid[]> {
  if (!project.openedAt || scoringBlind(project)) return []
  const rows: OpenedBidRow[] = await db
    .from('bids as b')
    .join('organizations as o', 'o.id', 'b.organization_id')
    .where('b.project_id', project.id)
    .where('b.round', project.round)
    .where('b.status', 'active')
    .select('b.*', 'o.name as agency_name', 'o.uscc as agency_uscc')
  const members: MemberRow[] =
    rows.length === 0
      ? []
      : await db
          .from('bid_members as m')
          .join('organizations as o', 'o.id', 'm.organization_id')
          .join('service_items as i', 'i.id', 'm.service_item_id')
          .whereIn(
            'm.bid_id',
            rows.map((row) => Number(row.id))
          )
          .select('m.bid_id', 'm.organization_id', 'm.status', 'o.name', 'i.code')
  const wins: { winner_organization_id: SqlInteger; total: SqlInteger }[] =
    rows.length === 0
      ? []
      : await db
          .from('projects')
          .whereIn(
            'winner_organization_id',
            rows.map((row) => Number(row.organization_id))
          )
          .whereNot('id', project.id)
          .where('service_item_id', project.serviceItemId)
          .where('region_code', 'like', `${project.regionCode.slice(0, 2)}%`)
          .whereIn('status', WON_STATES)
          .where('published_at', '>=', sqlTime(project.openedAt.minus({ years: 1 })))
          .select('winner_organization_id')
          .count('* as total')
          .groupBy('winner_organization_id')
  const winsOf = new Map(wins.map((row) => [Number(row.winner_organization_id), Number(row.total)]))
  const membersOf = Map.groupBy(members, (member) => Number(member.bid_id))
  const bids: ResultBid[] = rows.map((row) => ({
    id: Number(row.id),
    agencyId: Number(row.organization_id),
    agencyName: row.agency_name,
    agencyUscc: row.agency_uscc,
    quoteFen: Number(row.quote_fen),
    nonce: row.nonce,
    receipt: row.receipt,
    inDrawSeed: Boolean(row.in_draw_seed),
    valid: Boolean(row.valid),
    invalidReason: row.invalid_reason,
    abnormallyLow: Boolean(row.abnormally_low),
    justification: row.justification,
    ownerDecision: row.owner_decision,
    ownerDecisionReason: row.owner_decision_reason,
    score: row.score_centi === null ? null : Number(row.score_centi) / 100,
    planScore: row.plan_score_centi === null ? null : Number(row.plan_score_centi) / 100,
    planScoreReason: row.plan_score_reason,
    servicePlan: row.service_plan,
    planLabel: null,
    rank: row.rank === null ? null : Number(row.rank),
    consortium: (membersOf.get(Number(row.id)) ?? []).map((member) => ({
      agencyId: Number(member.organization_id),
      agencyName: member.name,
      itemCode: member.code,
      status: member.status,
    })),
    recentWins: winsOf.get(Number(row.organization_id)) ?? 0,
  }))
  const labels = planLabels(
    project,
    bids.filter((bid) => bid.planScore !== null)
  )
  for (const bid of bids) bid.planLabel = labels.get(bid.id) ?? null
  // Ranked first (winner, alternates), then the others by quote.
  return bids.sort(
    (a, b) =>
      (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
      a.quoteFen - b.quoteFen ||
      a.agencyUscc.localeCompare(b.agencyUscc)
  )
}

/** Bid id → 方案 letter, in the order drawn from the commitment over the receipts. */
function planLabels(project: Project, bids: { id: number; receipt: string }[]) {
  const order = blindPlanOrder(
    project.drawCommitment ?? '',
    bids.map((bid) => bid.receipt)
  )
  const idOf = new Map(bids.map((bid) => [bid.receipt, bid.id]))
  return new Map(order.map((receipt, index) => [idOf.get(receipt)!, planLabel(index)]))
}

/**
 * What the owner sees to score the plans blind: each valid bid's plan under
 * its letter, in letter order — no agency, quote, nonce or receipt.
 */
export async function blindPlansOf(project: Project) {
  if (!scoringBlind(project)) return []
  const rows: { id: SqlInteger; receipt: string; service_plan: string | null }[] = await db
    .from('bids')
    .where('project_id', project.id)
    .where('round', project.round)
    .where('status', 'active')
    .where('valid', true)
    .select('id', 'receipt', 'service_plan')
  const labels = planLabels(
    project,
    rows.map((row) => ({ id: Number(row.id), receipt: row.receipt }))
  )
  return rows
    .map((row) => ({
      bidId: Number(row.id),
      label: labels.get(Number(row.id))!,
      servicePlan: row.service_plan ?? '',
    }))
    .sort((a, b) => a.label.length - b.label.length || a.label.localeCompare(b.label))
}

/** Why the project's draw is not final yet (empty once the seed is revealed). */
export function pendingOf(project: Project, bids: ResultBid[]) {
  return drawPendingReasons(
    { status: project.status, stage: project.stage, seedRevealed: Boolean(project.drawSeed) },
    bids
  )
}

/** The draws a project published (empty before its result). */
export function drawsOf(project: Project): DrawRecord[] {
  return project.draws ? (JSON.parse(project.draws) as DrawRecord[]) : []
}

/**
 * The draw proof of API.md, recomputed from public data only: the seed
 * against the commitment, every receipt, the draw seed, and every draw.
 */
export async function drawProofOf(project: Project) {
  const opened = await openedBidsOf(project)
  const pending = pendingOf(project, opened)
  // While the draw is pending nothing of it is published: no draw seed, no receipts list.
  const bids = pending.length > 0 ? [] : opened.filter((bid) => bid.inDrawSeed)
  const draws = drawsOf(project)
  const main =
    draws.find((draw) => draw.purpose === 'winner' || draw.purpose === 'shortlist') ?? null
  const seed = project.drawSeed
  const publicBids = bids
    .map((bid) => ({
      agencyUscc: bid.agencyUscc,
      quoteFen: bid.quoteFen,
      nonce: bid.nonce,
      receipt: bid.receipt,
    }))
    .sort((a, b) => a.agencyUscc.localeCompare(b.agencyUscc))
  const base = {
    commitment: project.drawCommitment,
    seed,
    drawSeed: project.drawSeedMixed,
    algorithm: DRAW_ALGORITHM,
    projectCode: project.code,
    candidates: main?.candidates ?? [],
    picks: main?.picks ?? [],
    bids: publicBids,
    draws,
    pending,
  }
  if (!seed || !project.drawCommitment || pending.length > 0) {
    return { valid: false, opened: false, checks: [], ...base }
  }
  const recomputedSeed = drawSeedOf(
    seed,
    publicBids.map((bid) => bid.receipt)
  )
  const checks = [
    { check: 'commitment', ok: commitmentOf(seed) === project.drawCommitment },
    ...publicBids.map((bid) => ({
      check: 'receipt',
      uscc: bid.agencyUscc,
      ok: bidReceipt(project.code, bid.agencyUscc, bid.quoteFen, bid.nonce) === bid.receipt,
    })),
    { check: 'drawSeed', ok: recomputedSeed === project.drawSeedMixed },
    ...draws.map((draw) => {
      const picks = drawCandidates(recomputedSeed, draw.purpose, draw.candidates, draw.picks.length)
      return {
        check: 'draw',
        purpose: draw.purpose,
        ok: picks.length === draw.picks.length && picks.every((pick, i) => pick === draw.picks[i]),
      }
    }),
  ]
  return { valid: checks.every((check) => check.ok), opened: true, checks, ...base }
}
