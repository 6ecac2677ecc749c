import { test } from '@japa/runner'
import * as server from '#domain/verifiable_draw'
import * as browser from '../../resources/js/draw_v1.js'
import type { DrawProofV1 } from '../../resources/js/draw_v1.js'

/**
 * The browser's independent recomputation (resources/js/draw_v1.ts, WebCrypto)
 * must agree with the server's implementation (node:crypto) on every step of
 * API.md "Verifiable draw, version 1", and its proof checker must point at
 * the step that a tampered proof breaks.
 */

const SEEDS = [
  'a3f1c09e5b7d2468a3f1c09e5b7d2468a3f1c09e5b7d2468a3f1c09e5b7d2468',
  '0000000000000000000000000000000000000000000000000000000000000000',
  'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  '5e1f0a7c9b3d2e4f6a8b0c1d2e3f405162738495a6b7c8d9eafb0c1d2e3f4051',
  server.generateSeed(),
  server.generateSeed(),
]

const PROJECT_CODE = 'XM-2026-0042'

const uscc = (index: number) => `9151000000000000${String(index).padStart(2, '0')}`
const nonceOf = (label: string) => server.sha256Hex(`nonce:${label}`).slice(0, 32)

/** A proof as GET /api/v1/draws/:projectId/verify would serve it, made with the server module. */
function serverProof(
  seed: string,
  bidCount: number
): DrawProofV1 & { draws: NonNullable<DrawProofV1['draws']> } {
  // Listed out of order on purpose: the published candidates are sorted by USCC.
  const agencies = Array.from({ length: bidCount }, (_, i) => uscc(bidCount - i))
  const bids = agencies.map((agencyUscc, i) => {
    const quoteFen = 1_000_000 + 1_379 * i
    const nonce = nonceOf(`${seed}${agencyUscc}`)
    return {
      agencyUscc,
      quoteFen,
      nonce,
      receipt: server.bidReceipt(PROJECT_CODE, agencyUscc, quoteFen, nonce),
    }
  })
  const receipts = bids.map((bid) => bid.receipt)
  const commitment = server.commitmentOf(seed)
  const main = server.verifyDraw({
    commitment,
    seed,
    receipts,
    candidates: agencies,
    picks: server.drawCandidates(
      server.drawSeedOf(seed, receipts),
      'winner',
      [...agencies].sort(),
      agencies.length
    ),
    purpose: 'winner',
  })
  const base = server.drawAveragePriceBase(main.drawSeed)
  const shortlist = server.drawCandidates(main.drawSeed, 'shortlist', main.candidates, 2)
  return {
    ...main,
    projectCode: PROJECT_CODE,
    bids,
    draws: [
      { purpose: 'winner', candidates: main.candidates, picks: main.picks },
      { purpose: 'base', candidates: [...browser.BASE_CANDIDATES], picks: [String(base)] },
      { purpose: 'shortlist', candidates: main.candidates, picks: shortlist },
    ],
  }
}

const failedChecks = (result: browser.ProofVerification) =>
  result.checks.filter((check) => !check.ok).map((check) => check.check)

test.group('Verifiable draw, version 1, recomputed in the browser', () => {
  test('hashes, receipts and the draw seed equal the server’s on several seeds', async ({
    assert,
  }) => {
    for (const seed of SEEDS) {
      assert.equal(await browser.sha256Hex(seed), server.commitmentOf(seed))
      const receipts: string[] = []
      for (let i = 0; i < 5; i++) {
        const nonce = nonceOf(`${seed}${i}`)
        const quoteFen = i === 0 ? 0 : 987_654_321 * i
        const receipt = await browser.bidReceipt(PROJECT_CODE, uscc(i), quoteFen, nonce)
        assert.equal(receipt, server.bidReceipt(PROJECT_CODE, uscc(i), quoteFen, nonce))
        receipts.push(receipt)
        assert.equal(
          await browser.drawSeedOf(seed, receipts),
          server.drawSeedOf(seed, receipts),
          `${receipts.length} receipts`
        )
      }
      assert.equal(await browser.drawSeedOf(seed, []), server.drawSeedOf(seed, []))
    }
    assert.equal(await browser.sha256Hex('中介超市'), server.sha256Hex('中介超市'))
    await assert.rejects(() => browser.bidReceipt('XM', '9144', 1.5, 'n'), TypeError)
  })

  test('picks equal the server’s for k = all, 1 and 3 over 1 to 7 candidates', async ({
    assert,
  }) => {
    for (const seed of SEEDS) {
      for (let n = 1; n <= 7; n++) {
        const candidates = Array.from({ length: n }, (_, i) => uscc(i))
        const drawSeed = server.drawSeedOf(seed, [`receipt-${n}`])
        for (const purpose of ['winner', 'shortlist'] as const) {
          for (const k of [n, 1, 3]) {
            assert.deepEqual(
              await browser.drawCandidates(drawSeed, purpose, candidates, k),
              server.drawCandidates(drawSeed, purpose, candidates, k),
              `${seed.slice(0, 8)} ${purpose} n=${n} k=${k}`
            )
          }
        }
      }
    }
  })

  test('the average-price base drawn from 95–98 equals the server’s', async ({ assert }) => {
    const bases = new Set<string>()
    for (const seed of SEEDS) {
      for (let i = 0; i < 8; i++) {
        const drawSeed = server.drawSeedOf(seed, [String(i)])
        const [base] = await browser.drawCandidates(drawSeed, 'base', browser.BASE_CANDIDATES, 1)
        assert.equal(base, String(server.drawAveragePriceBase(drawSeed)))
        bases.add(base)
      }
    }
    assert.isAbove(bases.size, 1)
  })

  test('a genuine proof passes every check, with and without bids', async ({ assert }) => {
    for (const seed of SEEDS) {
      for (const bidCount of [0, 1, 4]) {
        const result = await browser.verifyProof(serverProof(seed, bidCount))
        assert.equal(result.status, 'verified')
        assert.isTrue(result.valid)
        assert.deepEqual(failedChecks(result), [])
        assert.deepEqual(
          result.checks.map((check) => check.check),
          ['commitment', ...Array(bidCount).fill('receipt'), 'drawSeed', 'draw', 'draw', 'draw']
        )
      }
    }
  })

  test('a tampered seed fails the commitment check and the draw seed check', async ({ assert }) => {
    const proof = serverProof(SEEDS[0], 3)
    const result = await browser.verifyProof({ ...proof, seed: SEEDS[0].replace('a', 'b') })
    assert.equal(result.status, 'mismatch')
    assert.isFalse(result.valid)
    assert.deepEqual(failedChecks(result), ['commitment', 'drawSeed'])
    const commitment = result.checks[0]
    assert.equal(commitment.expected, proof.commitment)
    assert.notEqual(commitment.actual, proof.commitment)
  })

  test('a tampered quote fails the receipt check of that bid only', async ({ assert }) => {
    const proof = serverProof(SEEDS[3], 4)
    const bids = proof.bids.map((bid, index) =>
      index === 2 ? { ...bid, quoteFen: bid.quoteFen - 100 } : bid
    )
    const result = await browser.verifyProof({ ...proof, bids })
    assert.isFalse(result.valid)
    const failed = result.checks.filter((check) => !check.ok)
    assert.lengthOf(failed, 1)
    assert.equal(failed[0].check, 'receipt')
    assert.equal(failed[0].check === 'receipt' && failed[0].agencyUscc, proof.bids[2].agencyUscc)
  })

  test('a swapped pick fails the draw check of that purpose only', async ({ assert }) => {
    const proof = serverProof(SEEDS[1], 5)
    const draws = proof.draws.map((draw) =>
      draw.purpose === 'winner'
        ? { ...draw, picks: [draw.picks[1], draw.picks[0], ...draw.picks.slice(2)] }
        : draw
    )
    const result = await browser.verifyProof({ ...proof, draws })
    assert.isFalse(result.valid)
    const failed = result.checks.filter((check) => !check.ok)
    assert.lengthOf(failed, 1)
    assert.equal(failed[0].check, 'draw')
    assert.equal(failed[0].check === 'draw' && failed[0].purpose, 'winner')
    assert.deepEqual(failed[0].actual, proof.draws[0].picks)

    const otherBase = String(95 + ((Number(proof.draws[1].picks[0]) - 94) % 4))
    const baseDraws = proof.draws.map((draw) =>
      draw.purpose === 'base' ? { ...draw, picks: [otherBase] } : draw
    )
    const baseResult = await browser.verifyProof({ ...proof, draws: baseDraws })
    const baseFailed = baseResult.checks.filter((check) => !check.ok)
    assert.lengthOf(baseFailed, 1)
    assert.equal(baseFailed[0].check === 'draw' && baseFailed[0].purpose, 'base')
  })

  test('without a draws list the main draw is checked as the server does', async ({ assert }) => {
    const proof = serverProof(SEEDS[2], 4)
    const result = await browser.verifyProof({ ...proof, draws: undefined })
    assert.isTrue(result.valid)
    assert.equal(result.checks.at(-1)?.check, 'draw')
    const forged = await browser.verifyProof({
      ...proof,
      draws: undefined,
      picks: [...proof.picks].reverse(),
    })
    assert.deepEqual(failedChecks(forged), ['draw'])
  })

  test('an empty draws list means nothing was drawn (lowest price without ties): no draw is checked', async ({
    assert,
  }) => {
    const proof = serverProof(SEEDS[2], 4)
    const result = await browser.verifyProof({ ...proof, draws: [], candidates: [], picks: [] })
    assert.isTrue(result.valid)
    assert.notInclude(
      result.checks.map((check) => check.check),
      'draw'
    )
  })

  test('a null seed says the draw is not verifiable yet instead of failing', async ({ assert }) => {
    const proof = serverProof(SEEDS[0], 2)
    const result = await browser.verifyProof({ ...proof, seed: null, drawSeed: null, picks: [] })
    assert.equal(result.status, 'not-verifiable-yet')
    assert.isFalse(result.valid)
    assert.deepEqual(result.checks, [])

    const unpublished = await browser.verifyProof({ ...proof, commitment: null })
    assert.equal(unpublished.status, 'not-verifiable-yet')

    const parsed = browser.parseProof(JSON.parse(JSON.stringify({ ...proof, seed: null })))
    if (!parsed.ok) return assert.fail(parsed.error)
    const pasted = await browser.verifyProof(parsed.proof)
    assert.equal(pasted.status, 'not-verifiable-yet')
  })

  test('pasted data that is not a proof is refused with the field at fault', ({ assert }) => {
    const proof = serverProof(SEEDS[0], 2)
    assert.deepEqual(browser.parseProof(JSON.parse(JSON.stringify(proof))), { ok: true, proof })
    assert.deepEqual(browser.parseProof(null), { ok: false, error: '(root)' })
    assert.deepEqual(browser.parseProof([1, 2]), { ok: false, error: '(root)' })
    assert.deepEqual(browser.parseProof({ ...proof, commitment: 7 }), {
      ok: false,
      error: 'commitment',
    })
    assert.deepEqual(browser.parseProof({ ...proof, algorithm: undefined }), {
      ok: false,
      error: 'algorithm',
    })
    assert.deepEqual(
      browser.parseProof({ ...proof, bids: [proof.bids[0], { ...proof.bids[1], quoteFen: 1.5 }] }),
      { ok: false, error: 'bids[1].quoteFen' }
    )
    assert.deepEqual(
      browser.parseProof({ ...proof, draws: [{ purpose: 'base', candidates: [95], picks: [] }] }),
      { ok: false, error: 'draws[0].candidates' }
    )
  })

  test('an unknown algorithm is not judged', async ({ assert }) => {
    const proof = serverProof(SEEDS[0], 1)
    const result = await browser.verifyProof({ ...proof, algorithm: 'market-draw-v2' })
    assert.equal(result.status, 'unsupported-algorithm')
    assert.isFalse(result.valid)
  })
})
