/*
 * The verifiable draw, version 1 (API.md "Verifiable draw, version 1"): a
 * commitment to a secret seed is published with the announcement; at opening
 * the seed is revealed and mixed with the receipts of all valid bids, so that
 * neither the platform nor a single bidder controls the outcome, and anyone
 * can recompute every pick with a few lines of code. Pure functions only.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto'

export const DRAW_ALGORITHM = 'market-draw-v1'
export const AVERAGE_PRICE_BASES = [95, 96, 97, 98] as const
export type DrawPurpose =
  | 'winner'
  | 'base'
  | 'shortlist'
  | 'plans'
  | 'inspection-agencies'
  | 'inspection-agencies-high'
  | 'inspection-agencies-medium'
  | 'inspection-agencies-low'
  | 'inspection-inspectors'

const TWO_TO_64 = 1n << 64n

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** A fresh secret seed: 64 lowercase hex characters. */
export function generateSeed(): string {
  return randomBytes(32).toString('hex')
}

/** A fresh bid nonce: 32 lowercase hex characters. */
export function generateNonce(): string {
  return randomBytes(16).toString('hex')
}

/** Published at publication: SHA-256 of the seed. */
export function commitmentOf(seed: string): string {
  return sha256Hex(seed)
}

/** The receipt of a bid: SHA-256 of "{projectCode}|{agencyUscc}|{quoteFen}|{nonce}". */
export function bidReceipt(
  projectCode: string,
  agencyUscc: string,
  quoteFen: number,
  nonce: string
) {
  if (!Number.isSafeInteger(quoteFen)) throw new TypeError('quoteFen must be an integer')
  return sha256Hex(`${projectCode}|${agencyUscc}|${quoteFen}|${nonce}`)
}

/** SHA-256 of "{seed}|{r1}|{r2}|…" over the sorted receipts of the valid bids ("{seed}|" when none). */
export function drawSeedOf(seed: string, receipts: readonly string[]): string {
  const sorted = [...receipts].sort()
  return sha256Hex(sorted.length === 0 ? `${seed}|` : [seed, ...sorted].join('|'))
}

/**
 * Draws k candidates, in order, with HMAC-SHA-256 in counter mode and
 * rejection sampling (no modulo bias). The candidates must already be in their
 * published order (USCC ascending for agencies). The order taken is the ranking.
 */
export function drawCandidates<T>(
  drawSeed: string,
  purpose: DrawPurpose,
  candidates: readonly T[],
  k: number
): T[] {
  const remaining = [...candidates]
  const picks: T[] = []
  let counter = 0
  const wanted = Math.min(k, remaining.length)
  while (picks.length < wanted) {
    const digest = createHmac('sha256', Buffer.from(drawSeed, 'utf8'))
      .update(`${purpose}|${counter}`, 'utf8')
      .digest()
    counter += 1
    const r = digest.readBigUInt64BE(0)
    const n = BigInt(remaining.length)
    if (r >= (TWO_TO_64 / n) * n) continue
    const [picked] = remaining.splice(Number(r % n), 1)
    picks.push(picked)
  }
  return picks
}

/** average_price: the base percentage drawn from [95, 96, 97, 98] with purpose "base". */
export function drawAveragePriceBase(drawSeed: string): number {
  return drawCandidates(drawSeed, 'base', AVERAGE_PRICE_BASES, 1)[0]
}

/**
 * Blind scoring (scored method): the order in which the service plans are
 * shown to the owner as 方案 A, B, C… — drawn with the published commitment
 * as the key (purpose "plans") over the receipts of the valid bids sorted
 * ascending. Nobody chooses it, no single bidder can predict its own letter
 * (it does not know the other receipts), and anyone checks it once the
 * receipts are published.
 */
export function blindPlanOrder(commitment: string, receipts: readonly string[]): string[] {
  const sorted = [...receipts].sort()
  return drawCandidates(commitment, 'plans', sorted, sorted.length)
}

/** The letter of the n-th plan (0 → A, 25 → Z, 26 → AA…), like spreadsheet columns. */
export function planLabel(index: number): string {
  let label = ''
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    label = String.fromCharCode(65 + ((rest - 1) % 26)) + label
  }
  return label
}

/**
 * Why a draw is not final yet (API.md "Verifiable draw, version 1"): the
 * seed stays sealed and no ranking exists while a decision can still change
 * the set of valid bids. `deadline`: responses are still open (or the named
 * agency has not answered); `plan_scores`: the owner scores the plans blind;
 * `justification`: an abnormally low quote awaits its agency's justification;
 * `owner_decision`: a justified quote awaits the owner's keep/reject.
 * Empty when the seed is revealed or no draw will ever be made.
 */
export const DRAW_PENDING_REASONS = [
  'deadline',
  'plan_scores',
  'justification',
  'owner_decision',
] as const
export type DrawPendingReason = (typeof DRAW_PENDING_REASONS)[number]

export function drawPendingReasons(
  project: { status: string; stage: string | null; seedRevealed: boolean },
  bids: readonly {
    abnormallyLow: boolean
    valid: boolean | null
    justification: string | null
    ownerDecision: string | null
  }[]
): DrawPendingReason[] {
  if (project.seedRevealed) return []
  if (project.status === 'published') return ['deadline']
  if (project.status !== 'opened') return []
  const awaiting = bids.filter(
    (bid) => bid.abnormallyLow && bid.valid !== false && bid.ownerDecision === null
  )
  const reasons: DrawPendingReason[] = []
  if (project.stage === 'plan_scores') reasons.push('plan_scores')
  if (project.stage === 'justification') reasons.push('justification')
  if (
    project.stage === 'owner_decision' ||
    (project.stage === 'justification' && awaiting.some((bid) => bid.justification !== null))
  ) {
    reasons.push('owner_decision')
  }
  return reasons
}

export type DrawProof = {
  valid: boolean
  commitment: string
  seed: string
  drawSeed: string
  algorithm: typeof DRAW_ALGORITHM
  candidates: string[]
  picks: string[]
}

/**
 * Recomputes a published draw from public data only and says whether it
 * matches: the seed matches the commitment, and the picks follow from the
 * receipts and the candidates.
 */
export function verifyDraw(input: {
  commitment: string
  seed: string
  receipts: string[]
  candidates: string[]
  picks: string[]
  purpose: DrawPurpose
}): DrawProof {
  const drawSeed = drawSeedOf(input.seed, input.receipts)
  const candidates = [...input.candidates].sort()
  const recomputed = drawCandidates(drawSeed, input.purpose, candidates, input.picks.length)
  const valid =
    commitmentOf(input.seed) === input.commitment &&
    recomputed.length === input.picks.length &&
    recomputed.every((pick, index) => pick === input.picks[index])
  return {
    valid,
    commitment: input.commitment,
    seed: input.seed,
    drawSeed,
    algorithm: DRAW_ALGORITHM,
    candidates,
    picks: recomputed,
  }
}
