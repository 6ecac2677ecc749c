/*
 * Report similarity (中介文本对比分析, SPEC "Regulator console"): near-duplicate
 * deliverable texts are found by shingling, MinHash signatures and LSH
 * banding; the matching passages of two texts are found for highlighting.
 *
 * Tokens: each CJK character is a token; a run of other letters and digits
 * (a Latin word, a number) is a token; spaces and punctuation separate tokens
 * and are otherwise ignored. Tokens are compared after NFKC and lower-casing,
 * so full-width ＡＢＣ１２３ equals abc123. A shingle is 5 consecutive tokens —
 * five Chinese characters, or five words of Latin text.
 */
import { seededRandom } from '#domain/seeded_random'

export const SHINGLE_TOKENS = 5
/** 120 MinHash values in 40 bands of 3: pairs from about 0.3 up are candidates (see lshCandidateChance). */
export const MINHASH_SIZE = 120
export const LSH_BANDS = 40
export const LSH_ROWS = MINHASH_SIZE / LSH_BANDS
/** Texts with fewer shingles than this (about a sentence) are not compared. */
export const MIN_SHINGLES = 20
/** A matching passage is at least this many tokens long (a short sentence). */
export const MIN_PASSAGE_TOKENS = 10
/** Stored next to each signature: other parameters mean another index. */
export const SIMILARITY_ALGORITHM = `minhash-v1:k${SHINGLE_TOKENS}:n${MINHASH_SIZE}:b${LSH_BANDS}`

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}'
const TOKEN_PATTERN = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+`, 'gu')

/** The tokens of a text: normalised form and [start, end) offsets in the original text. */
export type Tokens = { norm: string[]; start: number[]; end: number[] }

export function tokenize(text: string): Tokens {
  const tokens: Tokens = { norm: [], start: [], end: [] }
  const pattern = new RegExp(TOKEN_PATTERN)
  let match: RegExpExecArray | null
  while ((match = pattern.exec(text)) !== null) {
    tokens.norm.push(normaliseToken(match[0]))
    tokens.start.push(match.index)
    tokens.end.push(match.index + match[0].length)
  }
  return tokens
}

function normaliseToken(token: string) {
  // ASCII needs no compatibility mapping (the common case, and much faster).
  return /^[ -~]*$/.test(token) ? token.toLowerCase() : token.normalize('NFKC').toLowerCase()
}

/** MurmurHash3's 32-bit finaliser: every input bit moves every output bit. */
function mix32(value: number) {
  let h = value >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** FNV-1a over the UTF-16 code units, then mixed. */
function tokenHash(token: string) {
  let h = 0x811c9dc5
  for (let i = 0; i < token.length; i++) {
    h ^= token.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return mix32(h)
}

/** The hash of the shingle starting at each token position (order matters inside a shingle). */
export function shingleHashes(norm: string[]): Uint32Array {
  const count = Math.max(0, norm.length - SHINGLE_TOKENS + 1)
  const hashes = new Uint32Array(count)
  const tokenHashes = norm.map(tokenHash)
  for (let i = 0; i < count; i++) {
    let h = 0x9747b28c
    for (let j = 0; j < SHINGLE_TOKENS; j++) {
      h = Math.imul(((h << 5) | (h >>> 27)) ^ tokenHashes[i + j], 0x9e3779b1)
    }
    hashes[i] = mix32(h ^ SHINGLE_TOKENS)
  }
  return hashes
}

/** The set of distinct shingles of a text. */
export function shingleSet(text: string): Set<number> {
  return new Set(shingleHashes(tokenize(text).norm))
}

/** Exact Jaccard similarity |A ∩ B| / |A ∪ B| of two shingle sets (0 for two empty sets). */
export function jaccard(a: Set<number>, b: Set<number>) {
  if (a.size === 0 && b.size === 0) return 0
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let common = 0
  for (const value of small) if (large.has(value)) common += 1
  return common / (a.size + b.size - common)
}

/**
 * The MinHash functions: h_i(x) = mix32(a_i·x + b_i) with a_i odd, drawn once
 * from a fixed seed, so that every signature ever stored stays comparable.
 */
const HASH_PARAMETERS = (() => {
  const random = seededRandom(0x5eed_2026)
  const draw = () => Math.floor(random.next() * 4294967296) >>> 0
  const a = new Uint32Array(MINHASH_SIZE)
  const b = new Uint32Array(MINHASH_SIZE)
  for (let i = 0; i < MINHASH_SIZE; i++) {
    a[i] = (draw() | 1) >>> 0
    b[i] = draw()
  }
  return { a, b }
})()

/** The MinHash signature of a shingle set: per hash function, the least value over the set. */
export function minHashSignature(shingles: Iterable<number>): Uint32Array {
  const signature = new Uint32Array(MINHASH_SIZE).fill(0xffffffff)
  const { a, b } = HASH_PARAMETERS
  for (const shingle of shingles) {
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const value = mix32(Math.imul(a[i], shingle) + b[i])
      if (value < signature[i]) signature[i] = value
    }
  }
  return signature
}

/** A text's signature and the number of distinct shingles it was made of. */
export function signatureOf(text: string) {
  const shingles = shingleSet(text)
  return { signature: minHashSignature(shingles), shingleCount: shingles.size }
}

/** The share of equal positions: an unbiased estimate of the Jaccard similarity (±0.05 typical). */
export function estimateJaccard(a: Uint32Array, b: Uint32Array) {
  let equal = 0
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[i]) equal += 1
  return equal / MINHASH_SIZE
}

export function encodeSignature(signature: Uint32Array) {
  return Array.from(signature, (value) => value.toString(16).padStart(8, '0')).join('')
}

export function decodeSignature(encoded: string): Uint32Array {
  if (encoded.length !== MINHASH_SIZE * 8) throw new Error('Not a signature of this algorithm')
  const signature = new Uint32Array(MINHASH_SIZE)
  for (let i = 0; i < MINHASH_SIZE; i++) {
    signature[i] = Number.parseInt(encoded.slice(i * 8, i * 8 + 8), 16)
  }
  return signature
}

/** The LSH band keys of a signature: band i is rows [3i, 3i+3) written out in hex. */
export function bandKeys(signature: Uint32Array): string[] {
  const encoded = encodeSignature(signature)
  const width = LSH_ROWS * 8
  return Array.from({ length: LSH_BANDS }, (_, band) =>
    encoded.slice(band * width, band * width + width)
  )
}

/**
 * The chance that two texts of Jaccard similarity `s` share at least one band
 * and so become candidates: 1 − (1 − s³)⁴⁰. About 0.67 at 0.3, 0.93 at 0.4,
 * 0.995 at 0.5 and above 0.9999 from 0.6.
 */
export function lshCandidateChance(similarity: number) {
  return 1 - (1 - similarity ** LSH_ROWS) ** LSH_BANDS
}

export type SignedText = { id: number; signature: Uint32Array }

/** Pairs [a, b] (a < b) that share at least one band: the only pairs worth comparing. */
export function candidatePairs(items: SignedText[]): [number, number][] {
  const buckets = new Map<string, number[]>()
  for (const item of items) {
    bandKeys(item.signature).forEach((key, band) => {
      const bucket = `${band}:${key}`
      const ids = buckets.get(bucket)
      if (ids) ids.push(item.id)
      else buckets.set(bucket, [item.id])
    })
  }
  const pairs = new Map<string, [number, number]>()
  for (const ids of buckets.values()) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const pair: [number, number] = ids[i] < ids[j] ? [ids[i], ids[j]] : [ids[j], ids[i]]
        pairs.set(`${pair[0]}|${pair[1]}`, pair)
      }
    }
  }
  return [...pairs.values()].sort((x, y) => x[0] - y[0] || x[1] - y[1])
}

/** Candidate pairs whose estimated similarity reaches the threshold, most similar first. */
export function similarPairs(items: SignedText[], threshold: number) {
  const byId = new Map(items.map((item) => [item.id, item.signature]))
  return candidatePairs(items)
    .map(([a, b]) => ({ a, b, score: estimateJaccard(byId.get(a)!, byId.get(b)!) }))
    .filter((pair) => pair.score >= threshold)
    .sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b)
}

/** A passage found in both texts: [start, end) character offsets in each, and its length in tokens. */
export type Passage = {
  a: { start: number; end: number }
  b: { start: number; end: number }
  tokens: number
}

/** How many places in the second text one shingle is followed up at (bounds repetitive texts). */
const MAX_POSITIONS_PER_SHINGLE = 32

/**
 * The passages two texts have in common, longest-first along the first text:
 * walking through A, a shingle also found in B is extended token by token as
 * far as both texts agree, the longest such run is taken as a passage (when at
 * least `minTokens` long) and the walk resumes after it. Also gives the exact
 * Jaccard similarity of the shingle sets and the share of each text's tokens
 * inside the passages.
 */
export function compareTexts(textA: string, textB: string, minTokens: number = MIN_PASSAGE_TOKENS) {
  const a = tokenize(textA)
  const b = tokenize(textB)
  const hashesA = shingleHashes(a.norm)
  const hashesB = shingleHashes(b.norm)
  const positions = new Map<number, number[]>()
  hashesB.forEach((hash, j) => {
    const list = positions.get(hash)
    if (!list) positions.set(hash, [j])
    else if (list.length < MAX_POSITIONS_PER_SHINGLE) list.push(j)
  })

  const passages: Passage[] = []
  const coveredB = new Uint8Array(b.norm.length)
  let coveredTokensA = 0
  let i = 0
  while (i < hashesA.length) {
    let best = 0
    let bestJ = -1
    for (const j of positions.get(hashesA[i]) ?? []) {
      let length = 0
      while (
        i + length < a.norm.length &&
        j + length < b.norm.length &&
        a.norm[i + length] === b.norm[j + length]
      ) {
        length += 1
      }
      if (length > best) {
        best = length
        bestJ = j
      }
    }
    if (best >= Math.max(minTokens, SHINGLE_TOKENS)) {
      passages.push({
        a: { start: a.start[i], end: a.end[i + best - 1] },
        b: { start: b.start[bestJ], end: b.end[bestJ + best - 1] },
        tokens: best,
      })
      coveredTokensA += best
      coveredB.fill(1, bestJ, bestJ + best)
      i += best
    } else {
      i += 1
    }
  }
  const coveredTokensB = coveredB.reduce((sum, value) => sum + value, 0)
  return {
    jaccard: jaccard(new Set(hashesA), new Set(hashesB)),
    passages,
    coverageA: a.norm.length === 0 ? 0 : coveredTokensA / a.norm.length,
    coverageB: b.norm.length === 0 ? 0 : coveredTokensB / b.norm.length,
  }
}

/** A piece of text to show, marked when inside a matching passage. */
export type Segment = { text: string; marked: boolean }

/**
 * Cuts a text into plain and marked segments along the given ranges (merged
 * when they overlap or touch), so that a template can escape every segment
 * and wrap the marked ones in <mark>. Only the first `limit` characters are
 * shown when a limit is given.
 */
export function highlightSegments(
  text: string,
  ranges: { start: number; end: number }[],
  limit = Number.POSITIVE_INFINITY
): Segment[] {
  const shown = text.length > limit ? text.slice(0, limit) : text
  const merged: { start: number; end: number }[] = []
  for (const range of [...ranges].sort((x, y) => x.start - y.start)) {
    const start = Math.max(0, range.start)
    const end = Math.min(shown.length, range.end)
    if (end <= start) continue
    const last = merged.at(-1)
    if (last && start <= last.end) last.end = Math.max(last.end, end)
    else merged.push({ start, end })
  }
  const segments: Segment[] = []
  let position = 0
  for (const range of merged) {
    if (range.start > position) {
      segments.push({ text: shown.slice(position, range.start), marked: false })
    }
    segments.push({ text: shown.slice(range.start, range.end), marked: true })
    position = range.end
  }
  if (position < shown.length) segments.push({ text: shown.slice(position), marked: false })
  return segments
}
