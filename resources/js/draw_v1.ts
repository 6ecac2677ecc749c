/*
 * The verifiable draw, version 1 (API.md "Verifiable draw, version 1"),
 * recomputed independently with WebCrypto so that any visitor can check a
 * published draw in their own browser. Written from the published algorithm
 * only: it shares no code with the server (app/domain/verifiable_draw.ts).
 * Uses nothing but globalThis.crypto.subtle and TextEncoder, so it runs in
 * browsers and in Node 24 alike.
 */

export const DRAW_ALGORITHM_V1 = 'market-draw-v1'

/** The candidates of the average_price base draw, in their published order. */
export const BASE_CANDIDATES = ['95', '96', '97', '98'] as const

const TWO_TO_64 = 1n << 64n
const encoder = new TextEncoder()

function subtle() {
  const crypto = globalThis.crypto
  if (!crypto?.subtle) {
    throw new Error('WebCrypto (crypto.subtle) is not available: use HTTPS or a recent browser')
  }
  return crypto.subtle
}

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** Lowercase hex SHA-256 of the UTF-8 bytes of text. */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(await subtle().digest('SHA-256', encoder.encode(text)))
}

/** The receipt of a bid: SHA-256 of "{projectCode}|{agencyUscc}|{quoteFen}|{nonce}". */
export async function bidReceipt(
  projectCode: string,
  agencyUscc: string,
  quoteFen: number,
  nonce: string
): Promise<string> {
  if (!Number.isSafeInteger(quoteFen)) throw new TypeError('quoteFen must be an integer')
  return sha256Hex(`${projectCode}|${agencyUscc}|${quoteFen}|${nonce}`)
}

/** SHA-256 of "{seed}|{r1}|{r2}|…" with the receipts sorted ascending ("{seed}|" when none). */
export async function drawSeedOf(seed: string, receipts: readonly string[]): Promise<string> {
  // Plain code-unit order, as Array.prototype.sort without a comparator.
  const sorted = [...receipts].sort()
  return sha256Hex(sorted.length === 0 ? `${seed}|` : [seed, ...sorted].join('|'))
}

/**
 * Draws min(k, candidates.length) candidates, in order: HMAC-SHA-256 keyed
 * with the UTF-8 bytes of drawSeed over "{purpose}|{counter}", the first 8
 * bytes read as an unsigned big-endian integer r, rejected when
 * r ≥ ⌊2^64 / n⌋·n (no modulo bias), else index r mod n is taken. The
 * candidates must be in their published order; the order taken is the ranking.
 */
export async function drawCandidates<T>(
  drawSeed: string,
  purpose: string,
  candidates: readonly T[],
  k: number
): Promise<T[]> {
  const remaining = [...candidates]
  const picks: T[] = []
  const wanted = Math.max(0, Math.min(Math.floor(k), remaining.length))
  if (wanted === 0) return picks

  const key = await subtle().importKey(
    'raw',
    encoder.encode(drawSeed),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign']
  )
  for (let counter = 0; picks.length < wanted; counter++) {
    const mac = await subtle().sign('HMAC', key, encoder.encode(`${purpose}|${counter}`))
    const r = new DataView(mac).getBigUint64(0, false)
    const n = BigInt(remaining.length)
    if (r >= (TWO_TO_64 / n) * n) continue
    picks.push(remaining.splice(Number(r % n), 1)[0])
  }
  return picks
}

/* ------------------------------------------------------------------ */
/* Proofs                                                              */
/* ------------------------------------------------------------------ */

export type DrawProofBid = {
  agencyUscc: string
  quoteFen: number
  nonce: string
  receipt: string
}

export type DrawProofDraw = {
  purpose: string
  candidates: string[]
  picks: string[]
}

/** The JSON served by GET /api/v1/draws/:projectId/verify. */
export type DrawProofV1 = {
  valid: boolean
  /** Published with the announcement (null only for a project never published). */
  commitment: string | null
  /** null until the opening reveals it. */
  seed: string | null
  drawSeed: string | null
  algorithm: string
  projectCode: string
  /** The main draw. */
  candidates: string[]
  picks: string[]
  /** The valid bids whose receipts enter drawSeed. */
  bids: DrawProofBid[]
  /** Every draw made with drawSeed (purpose "winner", "base" or "shortlist"). */
  /** Every draw performed; absent in proofs made before the list was published. */
  draws?: DrawProofDraw[]
  /**
   * Why the draw is not final yet (the seed stays sealed until the set of
   * valid bids is final): "deadline", "plan_scores", "justification",
   * "owner_decision". Empty or absent once the seed is revealed.
   */
  pending?: string[]
}

export type CommitmentCheck = {
  check: 'commitment'
  ok: boolean
  /** The published commitment. */
  expected: string
  /** SHA-256 of the revealed seed. */
  actual: string
}

export type ReceiptCheck = {
  check: 'receipt'
  agencyUscc: string
  quoteFen: number
  ok: boolean
  /** The published receipt. */
  expected: string
  /** SHA-256 of "{projectCode}|{agencyUscc}|{quoteFen}|{nonce}" ('' when the quote is not an integer). */
  actual: string
}

export type DrawSeedCheck = {
  check: 'drawSeed'
  receiptCount: number
  ok: boolean
  /** The published drawSeed. */
  expected: string
  /** SHA-256 of the seed and the published receipts. */
  actual: string
}

export type DrawCheck = {
  check: 'draw'
  purpose: string
  k: number
  candidates: string[]
  ok: boolean
  /** The published picks. */
  expected: string[]
  /** The picks recomputed from the published drawSeed. */
  actual: string[]
}

export type VerificationCheck = CommitmentCheck | ReceiptCheck | DrawSeedCheck | DrawCheck

export type ProofVerification = {
  /**
   * verified: every check passed; mismatch: at least one failed;
   * not-verifiable-yet: the seed is not revealed yet (the set of valid bids
   * is not final: `pending` says why) or no commitment was published;
   * unsupported-algorithm: not "market-draw-v1".
   */
  status: 'verified' | 'mismatch' | 'not-verifiable-yet' | 'unsupported-algorithm'
  /** True only when status is "verified". */
  valid: boolean
  checks: VerificationCheck[]
}

function sameList(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((value, index) => value === b[index])
}

/**
 * Recomputes every step of a published draw from public data only. Each link
 * is checked on its own published input, so that a failure points at the
 * step that does not hold: the seed against the commitment, each receipt
 * against its bid, the drawSeed against the seed and the published receipts,
 * each draw against the published drawSeed. The proof is valid when all hold.
 * When `draws` is absent, the main draw (candidates sorted ascending,
 * purpose "winner") is checked instead; an empty list means nothing was drawn.
 */
export async function verifyProof(proof: DrawProofV1): Promise<ProofVerification> {
  if (proof.algorithm !== DRAW_ALGORITHM_V1) {
    return { status: 'unsupported-algorithm', valid: false, checks: [] }
  }
  if (!proof.seed || !proof.commitment || (proof.pending ?? []).length > 0) {
    return { status: 'not-verifiable-yet', valid: false, checks: [] }
  }
  const { seed, commitment } = proof
  const checks: VerificationCheck[] = []

  const seedHash = await sha256Hex(seed)
  checks.push({
    check: 'commitment',
    ok: seedHash === commitment,
    expected: commitment,
    actual: seedHash,
  })

  const bids = proof.bids ?? []
  for (const bid of bids) {
    const actual = Number.isSafeInteger(bid.quoteFen)
      ? await bidReceipt(proof.projectCode, bid.agencyUscc, bid.quoteFen, bid.nonce)
      : ''
    checks.push({
      check: 'receipt',
      agencyUscc: bid.agencyUscc,
      quoteFen: bid.quoteFen,
      ok: actual !== '' && actual === bid.receipt,
      expected: bid.receipt,
      actual,
    })
  }

  const drawSeed = await drawSeedOf(
    seed,
    bids.map((bid) => bid.receipt)
  )
  checks.push({
    check: 'drawSeed',
    receiptCount: bids.length,
    ok: drawSeed === proof.drawSeed,
    expected: proof.drawSeed ?? '',
    actual: drawSeed,
  })

  // A published list of draws is authoritative, even when empty (a lowest-price result
  // without ties draws nothing); only a proof without the list falls back to the main draw.
  const draws: DrawProofDraw[] =
    proof.draws ??
    (proof.candidates.length > 0
      ? [{ purpose: 'winner', candidates: [...proof.candidates].sort(), picks: proof.picks }]
      : [])
  for (const draw of draws) {
    const k = draw.picks.length
    const actual = await drawCandidates(proof.drawSeed ?? '', draw.purpose, draw.candidates, k)
    checks.push({
      check: 'draw',
      purpose: draw.purpose,
      k,
      candidates: draw.candidates,
      ok: sameList(actual, draw.picks),
      expected: draw.picks,
      actual,
    })
  }

  const valid = checks.every((check) => check.ok)
  return { status: valid ? 'verified' : 'mismatch', valid, checks }
}

/* ------------------------------------------------------------------ */
/* Reading untrusted JSON (a pasted proof)                             */
/* ------------------------------------------------------------------ */

export type ParsedProof = { ok: true; proof: DrawProofV1 } | { ok: false; error: string }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

/**
 * Checks that untrusted data has the shape of a proof; the error names the
 * first field that does not (a path such as "bids[2].quoteFen"), never throws.
 */
export function parseProof(data: unknown): ParsedProof {
  const fail = (field: string): ParsedProof => ({ ok: false, error: field })
  if (!isRecord(data)) return fail('(root)')
  for (const field of ['algorithm', 'projectCode'] as const) {
    if (typeof data[field] !== 'string') return fail(field)
  }
  for (const field of ['commitment', 'seed', 'drawSeed'] as const) {
    if (data[field] !== null && data[field] !== undefined && typeof data[field] !== 'string') {
      return fail(field)
    }
  }
  const candidates = data.candidates ?? []
  const picks = data.picks ?? []
  if (!isStringList(candidates)) return fail('candidates')
  if (!isStringList(picks)) return fail('picks')

  const bidsData = data.bids ?? []
  if (!Array.isArray(bidsData)) return fail('bids')
  const bids: DrawProofBid[] = []
  for (const [index, bid] of bidsData.entries()) {
    if (!isRecord(bid)) return fail(`bids[${index}]`)
    for (const field of ['agencyUscc', 'nonce', 'receipt'] as const) {
      if (typeof bid[field] !== 'string') return fail(`bids[${index}].${field}`)
    }
    if (typeof bid.quoteFen !== 'number' || !Number.isSafeInteger(bid.quoteFen)) {
      return fail(`bids[${index}].quoteFen`)
    }
    bids.push({
      agencyUscc: bid.agencyUscc as string,
      quoteFen: bid.quoteFen,
      nonce: bid.nonce as string,
      receipt: bid.receipt as string,
    })
  }

  const pending = data.pending ?? []
  if (!isStringList(pending)) return fail('pending')

  const drawsData = data.draws ?? []
  if (!Array.isArray(drawsData)) return fail('draws')
  const drawsListed = data.draws !== undefined
  const draws: DrawProofDraw[] = []
  for (const [index, draw] of drawsData.entries()) {
    if (!isRecord(draw)) return fail(`draws[${index}]`)
    if (typeof draw.purpose !== 'string') return fail(`draws[${index}].purpose`)
    if (!isStringList(draw.candidates)) return fail(`draws[${index}].candidates`)
    if (!isStringList(draw.picks)) return fail(`draws[${index}].picks`)
    draws.push({ purpose: draw.purpose, candidates: draw.candidates, picks: draw.picks })
  }

  return {
    ok: true,
    proof: {
      valid: data.valid === true,
      commitment: (data.commitment as string | null | undefined) ?? null,
      seed: (data.seed as string | null | undefined) ?? null,
      drawSeed: (data.drawSeed as string | null | undefined) ?? null,
      algorithm: data.algorithm as string,
      projectCode: data.projectCode as string,
      candidates,
      picks,
      bids,
      draws: drawsListed ? draws : undefined,
      ...(data.pending === undefined ? {} : { pending }),
    },
  }
}
