import { test } from '@japa/runner'
import {
  addSums,
  hhi,
  itemFigures,
  median,
  medianOfCounts,
  monthlyFiguresOfSums,
  sumsOfFact,
  sumsOfFacts,
  monthlyFigures,
  repeatedPairs,
  topShare,
  totals,
  type ContractFact,
} from '#domain/market_analytics'

let next = 0
function fact(overrides: Partial<ContractFact>): ContractFact {
  next += 1
  return {
    contractId: next,
    projectId: next,
    projectCode: `ZC-${next}`,
    itemCode: 'ZJ-001',
    itemName: '环评',
    method: 'lowest_price',
    ownerId: 1,
    ownerName: '业主甲',
    agencyId: 10,
    agencyName: '机构甲',
    ceilingFen: 100_000,
    priceFen: 80_000,
    month: '2026-10',
    daysToAward: 14,
    workingDaysToDelivery: null,
    timeLimitWorkingDays: 20,
    overdue: false,
    rating: null,
    badRating: false,
    ...overrides,
  }
}

test.group('Market figures', () => {
  test('HHI is the sum of squared shares: one firm 10,000, four equal firms 2,500, and top-3 share', ({
    assert,
  }) => {
    assert.equal(hhi([500]), 10_000)
    assert.equal(hhi([1, 1, 1, 1]), 2500)
    assert.equal(hhi([60, 30, 10]), 3600 + 900 + 100)
    assert.equal(hhi([]), 0)
    assert.equal(topShare([50, 20, 20, 10]), 90)
    assert.equal(median([3, 1, 2]), 2)
    assert.equal(median([1, 2, 3, 4]), 3)
  })

  test('by month: volume, savings against the ceilings, speed as a share of the limit, overdue and bad-rating rates', ({
    assert,
  }) => {
    const [october, november] = monthlyFigures([
      fact({ month: '2026-11', priceFen: 90_000, overdue: true }),
      fact({ workingDaysToDelivery: 14, rating: 4.5 }),
      fact({ workingDaysToDelivery: 10, rating: 1.75, badRating: true, priceFen: 60_000 }),
    ])
    assert.deepInclude(october, {
      month: '2026-10',
      contracts: 2,
      valueFen: 140_000,
      savingsFen: 60_000,
      savingsPercent: 30,
      meanWorkingDaysToDelivery: 12,
      deliveryPercentOfLimit: 60,
      overduePercent: 0,
      badRatingPercent: 50,
    })
    assert.deepInclude(november, { month: '2026-11', contracts: 1, overduePercent: 100 })
  })

  test('by item: median price, price per working day and dispersion; no concentration verdict on three contracts', ({
    assert,
  }) => {
    const [item] = itemFigures([
      fact({ agencyId: 10, priceFen: 100_000 }),
      fact({ agencyId: 10, priceFen: 100_000 }),
      fact({ agencyId: 11, priceFen: 50_000 }),
    ])
    assert.deepInclude(item, {
      contracts: 3,
      agencies: 2,
      valueFen: 250_000,
      medianPriceFen: 100_000,
      pricePerWorkingDayFen: 5000,
      // 200,000 and 50,000: shares 80 % and 20 % → 6,400 + 400.
      hhi: 6800,
      top3SharePercent: 100,
      // Three contracts: too few to judge the market, whatever the index says.
      concentrationJudged: false,
      concentrated: false,
    })
    assert.equal(item.priceDispersionPercent, 28.3)
  })

  test('repeated pairs need 3 contracts; direct selections are counted apart; totals add up', ({
    assert,
  }) => {
    const facts = [
      fact({ method: 'direct' }),
      fact({ method: 'direct' }),
      fact({}),
      fact({ agencyId: 11 }),
      fact({ agencyId: 11 }),
    ]
    const pairs = repeatedPairs(facts)
    assert.lengthOf(pairs, 1)
    assert.deepInclude(pairs[0], { ownerId: 1, agencyId: 10, contracts: 3, direct: 2 })
    assert.deepInclude(totals(facts), { contracts: 5, valueFen: 400_000, savingsPercent: 20 })
  })

  test('from five contracts an item above HHI 2,500 is flagged as concentrated; one below is not', ({
    assert,
  }) => {
    const [dominated] = itemFigures([
      ...Array.from({ length: 4 }, () => fact({ agencyId: 10, priceFen: 100_000 })),
      fact({ agencyId: 11, priceFen: 100_000 }),
    ])
    // Shares 80 % and 20 %: 6,400 + 400.
    assert.deepInclude(dominated, {
      contracts: 5,
      hhi: 6800,
      concentrationJudged: true,
      concentrated: true,
    })
    const [spread] = itemFigures(
      Array.from({ length: 5 }, (_, index) => fact({ agencyId: 20 + index, priceFen: 100_000 }))
    )
    assert.deepInclude(spread, { hhi: 2000, concentrationJudged: true, concentrated: false })
  })

  test('a median from values with their counts is the median of the values written out', ({
    assert,
  }) => {
    assert.equal(
      medianOfCounts([
        [3, 1],
        [1, 1],
        [2, 1],
      ]),
      median([3, 1, 2])
    )
    assert.equal(
      medianOfCounts([
        [4, 1],
        [1, 1],
        [2, 1],
        [3, 1],
      ]),
      3
    )
    // 5, 5, 5, 9: the middle two are 5 and 5.
    assert.equal(
      medianOfCounts([
        [9, 1],
        [5, 3],
      ]),
      5
    )
    // 1, 1, 8, 8: (1 + 8) / 2 rounded.
    assert.equal(
      medianOfCounts([
        [8, 2],
        [1, 2],
      ]),
      5
    )
    assert.equal(
      medianOfCounts([
        [7, 0],
        [2, 1],
      ]),
      2
    )
    assert.isNull(medianOfCounts([]))
  })

  test('sums add up and take away: a month of sums gives the figures of its contracts, means from integers', ({
    assert,
  }) => {
    const facts = [
      // 0.1 and 0.2 days to award: the mean 0.15 is rounded up, not lost in 0.30000000000000004.
      fact({ daysToAward: 0.1, workingDaysToDelivery: 5, timeLimitWorkingDays: 20 }),
      fact({
        daysToAward: 0.2,
        workingDaysToDelivery: 7,
        timeLimitWorkingDays: 15,
        rating: 1.75,
        badRating: true,
      }),
      fact({ daysToAward: 3, overdue: true, rating: 4.5 }),
    ]
    const [month] = monthlyFigures(facts)
    assert.deepInclude(month, {
      contracts: 3,
      meanDaysToAward: 1.1,
      meanWorkingDaysToDelivery: 6,
      // (25 % + 46.67 %) / 2
      deliveryPercentOfLimit: 35.8,
      overduePercent: 33.3,
      badRatingPercent: 50,
    })
    assert.equal(monthlyFigures(facts.slice(0, 2))[0].meanDaysToAward, 0.2)
    assert.deepInclude(sumsOfFact(facts[1]), {
      daysToAwardTenths: 2,
      deliveryMillionths: 466_667,
      ratingQuads: 7,
      badRatings: 1,
    })
    // Adding a contract and taking it away again leaves the sums as they were.
    const two = sumsOfFacts(facts.slice(0, 2))
    assert.deepEqual(addSums(addSums(two, sumsOfFact(facts[2])), sumsOfFact(facts[2]), -1), two)
    assert.deepEqual(monthlyFiguresOfSums([{ month: '2026-10', ...sumsOfFacts(facts) }]), [month])
  })
})
