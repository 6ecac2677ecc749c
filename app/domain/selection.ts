/*
 * The selection methods (SPEC "Selection methods"), as pure computations over
 * the opened bids: who wins, the ranked alternates (候补), and the figures to
 * publish. Ties and random choices always go through the verifiable draw
 * (app/domain/verifiable_draw.ts), never the database's RAND().
 * Money is integer fen; comparisons are done in integers wherever a ratio is
 * involved, so that anyone recomputing gets exactly the same answer.
 */
import {
  AVERAGE_PRICE_BASES,
  drawAveragePriceBase,
  drawCandidates,
  type DrawPurpose,
} from '#domain/verifiable_draw'

/** The selection methods of the market (SPEC "Selection methods"). */
export const SELECTION_METHODS = [
  'direct',
  'random',
  'lowest_price',
  'average_price',
  'credit_preferred',
  'scored',
] as const
export type SelectionMethod = (typeof SELECTION_METHODS)[number]

export type OpenedBid = {
  uscc: string
  quoteFen: number
  creditScore: number
  /** Mean owner evaluation 1–5, or null when the agency has none yet. */
  meanEvaluation: number | null
  /** 守信激励: a grade-A agency earns the scored method's credit part in full (rule table). */
  fullCreditPart?: boolean
  /** The owner's published score of the service plan (scored method), within its weight. */
  planScore?: number
}

/** A draw performed for a selection, published so anyone can recompute it. */
export type DrawRecord = { purpose: DrawPurpose; candidates: string[]; picks: string[] }

export type SelectionOutcome =
  | { failed: true; reason: 'too_few_responses'; validCount: number; required: number }
  | {
      failed: false
      /** Winner first, then the alternates in order. */
      ranking: string[]
      referencePriceFen?: number
      basePercent?: number
      scores?: Record<string, number>
      shortlist?: string[]
      /** Every draw performed, in order (tie-breaks, the base, the shortlist). */
      draws: DrawRecord[]
    }

/** Fails the selection (流标) when fewer valid bids than the rules require. */
function tooFew(bids: readonly OpenedBid[], required: number): SelectionOutcome | null {
  return bids.length < required
    ? { failed: true, reason: 'too_few_responses', validCount: bids.length, required }
    : null
}

/**
 * Orders bids by a key (smaller first); bids with equal keys are ordered by
 * the verifiable draw among themselves (purpose "winner", candidates by USCC).
 */
function rankWithTieDraw(
  bids: readonly OpenedBid[],
  compare: (a: OpenedBid, b: OpenedBid) => number,
  drawSeed: string,
  draws: DrawRecord[]
): string[] {
  const sorted = [...bids].sort((a, b) => compare(a, b) || a.uscc.localeCompare(b.uscc))
  const ranking: string[] = []
  for (let start = 0; start < sorted.length;) {
    let end = start + 1
    while (end < sorted.length && compare(sorted[start], sorted[end]) === 0) end += 1
    const group = sorted.slice(start, end).map((bid) => bid.uscc)
    if (group.length > 1) {
      const picks = drawCandidates(drawSeed, 'winner', group, group.length)
      draws.push({ purpose: 'winner', candidates: group, picks })
      ranking.push(...picks)
    } else {
      ranking.push(...group)
    }
    start = end
  }
  return ranking
}

/** 随机抽取: every valid sign-up is ranked by the draw. */
export function selectRandom(
  bids: readonly OpenedBid[],
  drawSeed: string,
  minValid: number
): SelectionOutcome {
  const failure = tooFew(bids, minValid)
  if (failure) return failure
  const candidates = bids.map((bid) => bid.uscc).sort()
  const ranking = drawCandidates(drawSeed, 'winner', candidates, candidates.length)
  return {
    failed: false,
    ranking,
    draws: [{ purpose: 'winner', candidates, picks: ranking }],
  }
}

/** 竞价选取 (最低价): the lowest quote wins; equal quotes are ordered by the draw. */
export function selectLowestPrice(
  bids: readonly OpenedBid[],
  drawSeed: string,
  minValid: number
): SelectionOutcome {
  const failure = tooFew(bids, minValid)
  if (failure) return failure
  const draws: DrawRecord[] = []
  const ranking = rankWithTieDraw(bids, (a, b) => a.quoteFen - b.quoteFen, drawSeed, draws)
  return { failed: false, ranking, draws }
}

/**
 * 最优价 (均价比选): drop the highest and the lowest quote, take the mean of
 * the rest times a base drawn from 95–98 %: the quote closest to that
 * reference wins (equal distances: the draw). Distances are compared exactly
 * as |100·m·q − base·S| over the S and m of the kept quotes.
 */
export function selectAveragePrice(
  bids: readonly OpenedBid[],
  drawSeed: string,
  minValid: number
): SelectionOutcome {
  const failure = tooFew(bids, Math.max(minValid, 3))
  if (failure) return failure
  const byQuote = [...bids].sort((a, b) => a.quoteFen - b.quoteFen)
  const kept = byQuote.slice(1, -1)
  const sum = BigInt(kept.reduce((total, bid) => total + bid.quoteFen, 0))
  const count = BigInt(kept.length)
  const basePercent = drawAveragePriceBase(drawSeed)
  const draws: DrawRecord[] = [
    {
      purpose: 'base',
      candidates: AVERAGE_PRICE_BASES.map(String),
      picks: [String(basePercent)],
    },
  ]
  const target = BigInt(basePercent) * sum
  const distance = (bid: OpenedBid) => {
    const scaled = 100n * count * BigInt(bid.quoteFen) - target
    return scaled < 0n ? -scaled : scaled
  }
  const ranking = rankWithTieDraw(
    bids,
    (a, b) => {
      const difference = distance(a) - distance(b)
      return difference < 0n ? -1 : difference > 0n ? 1 : 0
    },
    drawSeed,
    draws
  )
  // Published for information, rounded to the fen; the ranking uses the exact value.
  const referencePriceFen = Number((target + 50n * count) / (100n * count))
  return { failed: false, ranking, referencePriceFen, basePercent, draws }
}

/**
 * 信用择优: the N best credit scores form the longlist (equal scores at the
 * cut: USCC order), then M are drawn into the shortlist (purpose "shortlist");
 * the owner picks the winner from the shortlist with a published reason.
 */
export function selectCreditPreferredShortlist(
  bids: readonly OpenedBid[],
  drawSeed: string,
  minValid: number,
  longlistSize: number,
  shortlistSize: number
): SelectionOutcome {
  const failure = tooFew(bids, minValid)
  if (failure) return failure
  const longlist = [...bids]
    .sort((a, b) => b.creditScore - a.creditScore || a.uscc.localeCompare(b.uscc))
    .slice(0, longlistSize)
    .map((bid) => bid.uscc)
    .sort()
  const shortlist = drawCandidates(drawSeed, 'shortlist', longlist, shortlistSize)
  return {
    failed: false,
    ranking: shortlist,
    shortlist,
    draws: [{ purpose: 'shortlist', candidates: longlist, picks: shortlist }],
  }
}

export type ScoreWeights = { price: number; credit: number; performance: number; plan: number }

/** The neutral rating (of 5) when nobody on the item has been rated yet. */
export const NEUTRAL_RATING = 3

/**
 * The rating an agency without owners' ratings is scored with: the median of
 * the mean ratings of the item's rated agencies (to 0.01), so a newcomer is
 * neither scored below the market nor above it; the neutral 3 when nobody on
 * the item has been rated. Default ratings (the owner stayed silent) are not
 * counted by the caller.
 */
export function newcomerRating(itemMeans: readonly number[]) {
  if (itemMeans.length === 0) return NEUTRAL_RATING
  const sorted = [...itemMeans].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median =
    sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  return Math.round(median * 100) / 100
}

/**
 * 综合评分: price part (lowest quote / quote × weight) + credit part
 * (score / 100 × weight, or the whole weight for grade A when the credit
 * rules grant it) + performance part (mean evaluation / 5 × weight; an
 * agency without evaluations gets `newcomer`, the item's median) + the
 * owner's plan score. Scores are rounded to 0.01 point; the highest wins,
 * equal scores by the draw.
 */
export function selectScored(
  bids: readonly OpenedBid[],
  weights: ScoreWeights,
  drawSeed: string,
  minValid: number,
  newcomer: number = NEUTRAL_RATING
): SelectionOutcome {
  const failure = tooFew(bids, minValid)
  if (failure) return failure
  const lowest = Math.min(...bids.map((bid) => bid.quoteFen))
  const scores: Record<string, number> = {}
  for (const bid of bids) {
    const pricePart = (lowest / bid.quoteFen) * weights.price
    const creditPart = bid.fullCreditPart
      ? weights.credit
      : (bid.creditScore / 100) * weights.credit
    const performancePart = ((bid.meanEvaluation ?? newcomer) / 5) * weights.performance
    const planPart = Math.min(Math.max(bid.planScore ?? 0, 0), weights.plan)
    scores[bid.uscc] = Math.round((pricePart + creditPart + performancePart + planPart) * 100) / 100
  }
  const draws: DrawRecord[] = []
  const ranking = rankWithTieDraw(
    bids,
    (a, b) => Math.round(scores[b.uscc] * 100) - Math.round(scores[a.uscc] * 100),
    drawSeed,
    draws
  )
  return { failed: false, ranking, scores, draws }
}

/**
 * Abnormally low quotes (after Prozorro): any quote at least X % below the
 * mean of the other valid quotes, and the lowest quote when it is at least
 * Y % below the second lowest (as Prozorro applies its 30 % rule to the best
 * offer only — otherwise a middle quote would be flagged merely for being far
 * below the highest). Exact integer comparisons:
 * 100·q·(n−1) ≤ (100−X)·Σothers and 100·lowest ≤ (100−Y)·secondLowest.
 */
export function abnormallyLowQuotes(
  bids: readonly OpenedBid[],
  belowMeanPercent: number,
  belowNextPercent: number
): string[] {
  if (bids.length < 2) return []
  const total = bids.reduce((sum, bid) => sum + BigInt(bid.quoteFen), 0n)
  const ascending = [...bids].sort((a, b) => a.quoteFen - b.quoteFen)
  const flagged: string[] = []
  for (const bid of bids) {
    const quote = BigInt(bid.quoteFen)
    const others = total - quote
    const belowMean =
      100n * quote * BigInt(bids.length - 1) <= BigInt(100 - belowMeanPercent) * others
    const belowNext =
      bid === ascending[0] &&
      100n * quote <= BigInt(100 - belowNextPercent) * BigInt(ascending[1].quoteFen)
    if (belowMean || belowNext) flagged.push(bid.uscc)
  }
  return flagged.sort()
}
