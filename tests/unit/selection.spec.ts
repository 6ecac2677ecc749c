import { test } from '@japa/runner'
import {
  abnormallyLowQuotes,
  selectAveragePrice,
  selectCreditPreferredShortlist,
  selectLowestPrice,
  selectRandom,
  selectScored,
  newcomerRating,
  type OpenedBid,
} from '#domain/selection'
import { drawAveragePriceBase, drawCandidates, drawSeedOf } from '#domain/verifiable_draw'

const SEED = 'a3f1c09e5b7d2468a3f1c09e5b7d2468a3f1c09e5b7d2468a3f1c09e5b7d2468'
const A = '915100000000000001'
const B = '915100000000000002'
const C = '915100000000000003'
const D = '915100000000000004'
const E = '915100000000000005'
const F = '915100000000000006'

/** Five bids used by every worked example (quotes in fen: ¥1,000.00 = 100000). */
const BIDS: OpenedBid[] = [
  { uscc: A, quoteFen: 100_000, creditScore: 90, meanEvaluation: 4.5, planScore: 8 },
  { uscc: B, quoteFen: 95_000, creditScore: 80, meanEvaluation: null, planScore: 5 },
  { uscc: C, quoteFen: 120_000, creditScore: 70, meanEvaluation: 3, planScore: 10 },
  { uscc: D, quoteFen: 98_000, creditScore: 85, meanEvaluation: 5, planScore: 6 },
  { uscc: E, quoteFen: 110_000, creditScore: 60, meanEvaluation: 4, planScore: 7 },
]
const drawSeed = drawSeedOf(SEED, ['r-a', 'r-b', 'r-c', 'r-d', 'r-e'])

test.group('Selection methods, worked examples', () => {
  test('lowest price: ¥950 wins, then ¥980, ¥1,000, ¥1,100, ¥1,200', ({ assert }) => {
    // No equal quotes: nothing is drawn.
    assert.deepEqual(selectLowestPrice(BIDS, drawSeed, 1), {
      failed: false,
      ranking: [B, D, A, E, C],
      draws: [],
    })
  })

  test('lowest price: two equal lowest quotes are ordered by the draw among those two only', ({
    assert,
  }) => {
    const bids = [...BIDS, { uscc: F, quoteFen: 95_000, creditScore: 75, meanEvaluation: null }]
    const outcome = selectLowestPrice(bids, drawSeed, 1)
    assert.isFalse(outcome.failed)
    if (outcome.failed) return
    assert.deepEqual(outcome.ranking.slice(0, 2), drawCandidates(drawSeed, 'winner', [B, F], 2))
    assert.deepEqual(outcome.ranking.slice(2), [D, A, E, C])
  })

  test('average price: drop ¥950 and ¥1,200, mean of the rest × the drawn base; the closest quote wins', ({
    assert,
  }) => {
    // Kept: 98000, 100000, 110000 → mean 102666.67 fen.
    const expected: Record<number, { winner: string; reference: number }> = {
      95: { winner: D, reference: 97_533 },
      96: { winner: D, reference: 98_560 },
      97: { winner: A, reference: 99_587 },
      98: { winner: A, reference: 100_613 },
    }
    const seen = new Set<number>()
    for (let i = 0; i < 40 && seen.size < 4; i++) {
      const seed = drawSeedOf(SEED, [`receipt-${i}`])
      const base = drawAveragePriceBase(seed)
      seen.add(base)
      const outcome = selectAveragePrice(BIDS, seed, 3)
      assert.isFalse(outcome.failed)
      if (outcome.failed) continue
      assert.equal(outcome.basePercent, base)
      assert.equal(outcome.ranking[0], expected[base].winner, `base ${base}`)
      assert.equal(outcome.referencePriceFen, expected[base].reference, `base ${base}`)
    }
    assert.equal(seen.size, 4)
  })

  test('average price fails (流标) with fewer than three valid quotes', ({ assert }) => {
    assert.deepEqual(selectAveragePrice(BIDS.slice(0, 2), drawSeed, 3), {
      failed: true,
      reason: 'too_few_responses',
      validCount: 2,
      required: 3,
    })
  })

  test('random: every sign-up is ranked by the published draw; fewer than three fail', ({
    assert,
  }) => {
    const outcome = selectRandom(BIDS, drawSeed, 3)
    const ranking = drawCandidates(drawSeed, 'winner', [A, B, C, D, E], 5)
    assert.deepEqual(outcome, {
      failed: false,
      ranking,
      draws: [{ purpose: 'winner', candidates: [A, B, C, D, E], picks: ranking }],
    })
    assert.isTrue(selectRandom(BIDS.slice(0, 2), drawSeed, 3).failed)
  })

  test('credit preferred: the three best scores form the longlist, two are drawn into the shortlist', ({
    assert,
  }) => {
    const outcome = selectCreditPreferredShortlist(BIDS, drawSeed, 3, 3, 2)
    assert.isFalse(outcome.failed)
    if (outcome.failed) return
    assert.deepEqual(outcome.shortlist, drawCandidates(drawSeed, 'shortlist', [A, B, D], 2))
    assert.notInclude(outcome.shortlist!, C)
    assert.notInclude(outcome.shortlist!, E)
  })

  test('scored: price 40 + credit 30 + performance 20 + plan 10 gives A 91, D 90.28, B 81, E 75.55, C 74.67', ({
    assert,
  }) => {
    const outcome = selectScored(
      BIDS,
      { price: 40, credit: 30, performance: 20, plan: 10 },
      drawSeed,
      1
    )
    assert.isFalse(outcome.failed)
    if (outcome.failed) return
    assert.deepEqual(outcome.scores, { [A]: 91, [B]: 81, [C]: 74.67, [D]: 90.28, [E]: 75.55 })
    assert.deepEqual(outcome.ranking, [A, D, B, E, C])
  })

  test('scored: a grade-A agency given the 守信 incentive earns the whole credit weight (A 94 instead of 91)', ({
    assert,
  }) => {
    const withIncentive = BIDS.map((bid) => ({ ...bid, fullCreditPart: bid.uscc === A }))
    const outcome = selectScored(
      withIncentive,
      { price: 40, credit: 30, performance: 20, plan: 10 },
      drawSeed,
      1
    )
    assert.isFalse(outcome.failed)
    if (outcome.failed) return
    assert.deepEqual(outcome.scores, { [A]: 94, [B]: 81, [C]: 74.67, [D]: 90.28, [E]: 75.55 })
  })

  test('scored: an agency nobody has rated is scored with the item’s median rating, not below the market (B 86 instead of 81)', ({
    assert,
  }) => {
    // The rated agencies of the item: 4.5, 3, 5 and 4 → median 4.25; B's performance part 4.25 / 5 × 20 = 17.
    const median = newcomerRating([4.5, 3, 5, 4])
    assert.equal(median, 4.25)
    const outcome = selectScored(
      BIDS,
      { price: 40, credit: 30, performance: 20, plan: 10 },
      drawSeed,
      1,
      median
    )
    assert.isFalse(outcome.failed)
    if (outcome.failed) return
    assert.deepEqual(outcome.scores, { [A]: 91, [B]: 86, [C]: 74.67, [D]: 90.28, [E]: 75.55 })
    assert.deepEqual(outcome.ranking, [A, D, B, E, C])
    // An odd count takes the middle one; nobody rated on the item: the neutral 3.
    assert.equal(newcomerRating([5, 2, 4.33]), 4.33)
    assert.equal(newcomerRating([]), 3)
  })

  test('no valid bid at all fails every method', ({ assert }) => {
    assert.isTrue(selectLowestPrice([], drawSeed, 1).failed)
    assert.isTrue(
      selectScored([], { price: 40, credit: 30, performance: 20, plan: 10 }, drawSeed, 1).failed
    )
  })
})

test.group('Abnormally low quotes', () => {
  const bid = (uscc: string, quoteFen: number): OpenedBid => ({
    uscc,
    quoteFen,
    creditScore: 80,
    meanEvaluation: null,
  })

  test('a quote far below the others is flagged by both rules', ({ assert }) => {
    assert.deepEqual(
      abnormallyLowQuotes([bid(A, 100_000), bid(B, 98_000), bid(C, 50_000)], 40, 30),
      [C]
    )
  })

  test('exactly 40 % below the mean of the others is flagged; one fen more is not', ({
    assert,
  }) => {
    // Others' mean 110000 → 40 % below is 66000; the next quote (80000) is not 30 % above.
    assert.deepEqual(
      abnormallyLowQuotes([bid(A, 66_000), bid(B, 80_000), bid(C, 140_000)], 40, 30),
      [A]
    )
    assert.deepEqual(
      abnormallyLowQuotes([bid(A, 66_001), bid(B, 80_000), bid(C, 140_000)], 40, 30),
      []
    )
  })

  test('the lowest quote exactly 30 % below the second lowest is flagged; one fen more is not', ({
    assert,
  }) => {
    const others = [bid(B, 100_000), bid(C, 100_000), bid(D, 100_000)]
    assert.deepEqual(abnormallyLowQuotes([bid(A, 70_000), ...others], 40, 30), [A])
    assert.deepEqual(abnormallyLowQuotes([bid(A, 70_001), ...others], 40, 30), [])
  })

  test('a middle quote is not flagged for being far below the highest', ({ assert }) => {
    // 100000 is 50 % below 200000, but it is not the lowest and not 40 % below the others' mean.
    assert.deepEqual(
      abnormallyLowQuotes([bid(A, 95_000), bid(B, 100_000), bid(C, 200_000)], 40, 30),
      []
    )
  })

  test('two equal lowest quotes are not 30 % below each other', ({ assert }) => {
    assert.deepEqual(
      abnormallyLowQuotes([bid(A, 70_000), bid(B, 70_000), bid(C, 100_000)], 40, 30),
      []
    )
  })

  test('a single quote is never abnormally low', ({ assert }) => {
    assert.deepEqual(abnormallyLowQuotes([bid(A, 1)], 40, 30), [])
  })
})
