import { test } from '@japa/runner'
import { webcrypto } from 'node:crypto'
import {
  bidReceipt,
  blindPlanOrder,
  commitmentOf,
  drawPendingReasons,
  drawAveragePriceBase,
  drawCandidates,
  drawSeedOf,
  generateNonce,
  generateSeed,
  planLabel,
  verifyDraw,
} from '#domain/verifiable_draw'

/**
 * An independent implementation of API.md "Verifiable draw, version 1" with
 * WebCrypto, written from the published text only — what an outsider would do.
 */
async function outsiderDraw(drawSeed: string, purpose: string, candidates: string[], k: number) {
  const encoder = new TextEncoder()
  const key = await webcrypto.subtle.importKey(
    'raw',
    encoder.encode(drawSeed),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign']
  )
  const left = [...candidates].sort()
  const taken: string[] = []
  for (let c = 0; taken.length < k && left.length > 0; c++) {
    const mac = new Uint8Array(
      await webcrypto.subtle.sign('HMAC', key, encoder.encode(`${purpose}|${c}`))
    )
    let r = 0n
    for (let i = 0; i < 8; i++) r = (r << 8n) | BigInt(mac[i])
    const n = BigInt(left.length)
    const limit = (2n ** 64n / n) * n
    if (r >= limit) continue
    taken.push(left.splice(Number(r % n), 1)[0])
  }
  return taken
}

async function outsiderSha256(text: string) {
  const digest = await webcrypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Buffer.from(digest).toString('hex')
}

const SEED = 'a3f1c09e5b7d2468a3f1c09e5b7d2468a3f1c09e5b7d2468a3f1c09e5b7d2468'

test.group('Verifiable draw, version 1', () => {
  test('seeds and nonces have the published formats', ({ assert }) => {
    assert.match(generateSeed(), /^[0-9a-f]{64}$/)
    assert.match(generateNonce(), /^[0-9a-f]{32}$/)
    assert.notEqual(generateSeed(), generateSeed())
  })

  test('the commitment is SHA-256 of the seed, as an outsider computes it', async ({ assert }) => {
    assert.equal(commitmentOf(SEED), await outsiderSha256(SEED))
  })

  test('a receipt is SHA-256 of "code|uscc|quote|nonce"', async ({ assert }) => {
    const nonce = '0123456789abcdef0123456789abcdef'
    assert.equal(
      bidReceipt('XM-2026-0001', '914403001922038216', 123456, nonce),
      await outsiderSha256(`XM-2026-0001|914403001922038216|123456|${nonce}`)
    )
    assert.throws(() => bidReceipt('XM', '9144', 1.5, nonce))
  })

  test('the draw seed mixes the seed with the sorted receipts ("seed|" when none)', async ({
    assert,
  }) => {
    const receipts = ['ff00', '00aa', '7b7b']
    assert.equal(drawSeedOf(SEED, receipts), await outsiderSha256(`${SEED}|00aa|7b7b|ff00`))
    assert.equal(drawSeedOf(SEED, []), await outsiderSha256(`${SEED}|`))
    assert.equal(drawSeedOf(SEED, ['b', 'a']), drawSeedOf(SEED, ['a', 'b']))
  })

  test('picks match an independent implementation for every k and purpose', async ({ assert }) => {
    const candidates = Array.from(
      { length: 11 },
      (_, i) => `9151000000000000${String(i).padStart(2, '0')}`
    )
    for (const purpose of ['winner', 'shortlist', 'inspection-agencies'] as const) {
      for (const k of [1, 3, 11, 20]) {
        const drawSeed = drawSeedOf(SEED, [`${purpose}${k}`])
        assert.deepEqual(
          drawCandidates(drawSeed, purpose, candidates, k),
          await outsiderDraw(drawSeed, purpose, candidates, k),
          `${purpose} k=${k}`
        )
      }
    }
  })

  test('a ranking takes every candidate once, and the base comes from 95–98', ({ assert }) => {
    const candidates = ['A', 'B', 'C', 'D', 'E']
    const ranking = drawCandidates(drawSeedOf(SEED, ['r1']), 'winner', candidates, 5)
    assert.sameMembers(ranking, candidates)
    assert.include([95, 96, 97, 98], drawAveragePriceBase(drawSeedOf(SEED, ['r1'])))
  })

  test('the draw is close to uniform (no modulo bias visible over 6,000 draws)', ({ assert }) => {
    const counts = [0, 0, 0]
    for (let i = 0; i < 6000; i++) {
      const [pick] = drawCandidates(drawSeedOf(SEED, [String(i)]), 'winner', [0, 1, 2], 1)
      counts[pick] += 1
    }
    for (const count of counts) assert.closeTo(count, 2000, 150)
  })

  test('verification accepts the published draw and refuses a forged seed or pick', ({
    assert,
  }) => {
    const receipts = ['c1', 'c2']
    const candidates = ['915100000000000003', '915100000000000001', '915100000000000002']
    const picks = drawCandidates(drawSeedOf(SEED, receipts), 'winner', [...candidates].sort(), 2)
    const commitment = commitmentOf(SEED)

    assert.isTrue(
      verifyDraw({ commitment, seed: SEED, receipts, candidates, picks, purpose: 'winner' }).valid
    )
    const forgedSeed = SEED.replace('a', 'b')
    assert.isFalse(
      verifyDraw({ commitment, seed: forgedSeed, receipts, candidates, picks, purpose: 'winner' })
        .valid
    )
    assert.isFalse(
      verifyDraw({
        commitment,
        seed: SEED,
        receipts,
        candidates,
        picks: [...picks].reverse(),
        purpose: 'winner',
      }).valid
    )
  })
})

test.group('Verifiable draw: pending until the set of valid bids is final', () => {
  const flagged = (justification: string | null, ownerDecision: string | null = null) => ({
    abnormallyLow: true,
    valid: true,
    justification,
    ownerDecision,
  })

  test("the seed is sealed before the deadline, during blind plan scoring, a justification window and the owner's decision", ({
    assert,
  }) => {
    const sealed = (status: string, stage: string | null, bids = [flagged(null)]) =>
      drawPendingReasons({ status, stage, seedRevealed: false }, bids)
    assert.deepEqual(sealed('published', null, []), ['deadline'])
    assert.deepEqual(sealed('opened', 'plan_scores', []), ['plan_scores'])
    assert.deepEqual(sealed('opened', 'justification'), ['justification'])
    assert.deepEqual(sealed('opened', 'justification', [flagged(null), flagged('说明')]), [
      'justification',
      'owner_decision',
    ])
    assert.deepEqual(sealed('opened', 'owner_decision', [flagged('说明')]), ['owner_decision'])
  })

  test('nothing is pending once the seed is revealed, nor for a round that will never draw', ({
    assert,
  }) => {
    assert.deepEqual(
      drawPendingReasons({ status: 'opened', stage: 'pick', seedRevealed: true }, []),
      []
    )
    assert.deepEqual(
      drawPendingReasons({ status: 'cancelled', stage: null, seedRevealed: false }, []),
      []
    )
  })

  test('blind plans: letters like spreadsheet columns, in an order drawn from the commitment over the sorted receipts', ({
    assert,
  }) => {
    assert.deepEqual([0, 1, 25, 26, 27, 701, 702].map(planLabel), [
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'ZZ',
      'AAA',
    ])
    const commitment = commitmentOf(SEED)
    const receipts = ['r3', 'r1', 'r2', 'r4']
    const order = blindPlanOrder(commitment, receipts)
    assert.deepEqual(order, drawCandidates(commitment, 'plans', ['r1', 'r2', 'r3', 'r4'], 4))
    // The order does not depend on how the receipts are listed.
    assert.deepEqual(blindPlanOrder(commitment, [...receipts].reverse()), order)
  })
})
