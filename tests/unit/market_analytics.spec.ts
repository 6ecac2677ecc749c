import { test } from '@japa/runner'
import {
  hhi,
  itemFigures,
  median,
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
})
