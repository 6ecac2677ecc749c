import { test } from '@japa/runner'
import {
  flagFeeRecords,
  guideFlags,
  outsideMilestones,
  overpayments,
  priceOutOfBounds,
  repeatedPayments,
  splitSelections,
  type ContractFact,
  type DirectSelection,
  type FeeRecordFact,
} from '#domain/fee_flags'

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000)

let nextId = 0
function record(
  kind: FeeRecordFact['kind'],
  amountFen: number,
  at: number,
  extra: Partial<FeeRecordFact> = {}
): FeeRecordFact {
  nextId += 1
  return {
    id: nextId,
    contractId: 1,
    milestoneId: 10,
    kind,
    amountFen,
    occurredAt: day(at),
    ...extra,
  }
}

function selection(projectId: number, amountFen: number, at: number, extra = {}): DirectSelection {
  return { projectId, ownerOrganizationId: 7, serviceItemId: 3, amountFen, at: day(at), ...extra }
}

test.group('Fee flags: worked examples', () => {
  test('overpaid: a ¥80,000 contract paid ¥50,000 + ¥30,000 is fine; a further ¥30,000 takes it to ¥110,000', ({
    assert,
  }) => {
    const first = record('payment', 5_000_000, 1)
    const second = record('payment', 3_000_000, 2)
    const third = record('payment', 3_000_000, 3)
    const flagged = overpayments([third, first, second], 8_000_000)
    assert.deepEqual([...flagged], [[third.id, 11_000_000]])
  })

  test('overpaid: refunds count against the total, failures do not count at all', ({ assert }) => {
    const records = [
      record('payment', 5_000_000, 1),
      record('failure', 3_000_000, 2),
      record('payment', 3_000_000, 3),
      record('refund', 3_000_000, 4),
      record('payment', 3_000_000, 5),
    ]
    assert.equal(overpayments(records, 8_000_000).size, 0)
  })

  test('outside the milestones: no milestone, another contract’s milestone, or another amount', ({
    assert,
  }) => {
    const payment = { contractId: 1, amountFen: 2_000_000 }
    assert.equal(outsideMilestones(payment, undefined), 'no_milestone')
    assert.equal(
      outsideMilestones(payment, { id: 5, contractId: 2, amountFen: 2_000_000 }),
      'other_contract'
    )
    assert.equal(
      outsideMilestones(payment, { id: 5, contractId: 1, amountFen: 1_500_000 }),
      'amount'
    )
    assert.isNull(outsideMilestones(payment, { id: 5, contractId: 1, amountFen: 2_000_000 }))
  })

  test('price bounds: a guided item of ¥2,000–¥300,000 flags ¥350,000 and ¥1,500; reference and market prices never flag', ({
    assert,
  }) => {
    const guided = {
      feeType: 'government_guided' as const,
      feeMinFen: 200_000,
      feeMaxFen: 30_000_000,
    }
    assert.isTrue(priceOutOfBounds(35_000_000, guided))
    assert.isTrue(priceOutOfBounds(150_000, guided))
    assert.isFalse(priceOutOfBounds(30_000_000, guided))
    assert.isFalse(priceOutOfBounds(200_000, guided))
    const priced = { feeType: 'government_priced' as const, feeMinFen: null, feeMaxFen: 2_000_000 }
    assert.isTrue(priceOutOfBounds(2_000_001, priced))
    assert.isFalse(
      priceOutOfBounds(35_000_000, { feeType: 'reference', feeMinFen: 0, feeMaxFen: 20_000_000 })
    )
    assert.isFalse(
      priceOutOfBounds(35_000_000, { feeType: 'market', feeMinFen: null, feeMaxFen: null })
    )
  })

  test('paid twice: the second ¥20,000 on milestone 10 is flagged; paying again after a full refund is not', ({
    assert,
  }) => {
    const first = record('payment', 2_000_000, 1)
    const second = record('payment', 2_000_000, 2)
    const otherMilestone = record('payment', 2_000_000, 2, { milestoneId: 11 })
    assert.deepEqual([...repeatedPayments([second, first, otherMilestone])], [second.id])

    const refundedThenPaid = [
      record('payment', 2_000_000, 1),
      record('refund', 2_000_000, 2),
      record('payment', 2_000_000, 3),
    ]
    assert.equal(repeatedPayments(refundedThenPaid).size, 0)
  })

  test('split selections: ¥30,000 + ¥25,000 direct selections of one item 60 days apart exceed the ¥50,000 threshold', ({
    assert,
  }) => {
    const caught = splitSelections(
      [selection(1, 3_000_000, 0), selection(2, 2_500_000, 60)],
      5_000_000
    )
    assert.deepEqual([...caught.keys()].sort(), [1, 2])
    assert.deepEqual(caught.get(1), { selectionCount: 2, totalFen: 5_500_000 })
  })

  test('split selections: not when 91 days apart, not for another item or owner, not when the sum stays at the threshold', ({
    assert,
  }) => {
    assert.equal(
      splitSelections([selection(1, 3_000_000, 0), selection(2, 2_500_000, 91)], 5_000_000).size,
      0
    )
    assert.equal(
      splitSelections(
        [selection(1, 3_000_000, 0), selection(2, 2_500_000, 10, { serviceItemId: 4 })],
        5_000_000
      ).size,
      0
    )
    assert.equal(
      splitSelections(
        [selection(1, 3_000_000, 0), selection(2, 2_500_000, 10, { ownerOrganizationId: 8 })],
        5_000_000
      ).size,
      0
    )
    assert.equal(
      splitSelections([selection(1, 3_000_000, 0), selection(2, 2_000_000, 10)], 5_000_000).size,
      0
    )
  })

  test('split selections: a chain of three within a window; the first leaves when it falls out of the window', ({
    assert,
  }) => {
    // Days 0, 80 and 150: 0+80 sum ¥60,000 (caught), 80+150 sum ¥60,000 (caught), 0 and 150 never meet.
    const caught = splitSelections(
      [selection(1, 3_000_000, 0), selection(2, 3_000_000, 80), selection(3, 3_000_000, 150)],
      5_000_000
    )
    assert.deepEqual([...caught.keys()].sort(), [1, 2, 3])
    assert.deepEqual(caught.get(3), { selectionCount: 2, totalFen: 6_000_000 })
  })

  test('all flags together, on payments only, with what regulators need to read them', ({
    assert,
  }) => {
    // A ¥40,000 direct selection (project 100) of a guided item capped at ¥35,000, paid in two
    // milestones of ¥20,000, the second one twice; a ¥20,000 direct selection a month later.
    const contract: ContractFact = {
      id: 1,
      projectId: 100,
      priceFen: 4_000_000,
      fee: { feeType: 'government_guided', feeMinFen: 100_000, feeMaxFen: 3_500_000 },
    }
    const first = record('payment', 2_000_000, 1, { milestoneId: 10 })
    const failure = record('failure', 2_000_000, 2, { milestoneId: 11 })
    const second = record('payment', 2_000_000, 3, { milestoneId: 11 })
    const again = record('payment', 2_000_000, 4, { milestoneId: 11 })
    const flags = flagFeeRecords({
      records: [first, failure, second, again],
      contracts: new Map([[1, contract]]),
      milestones: new Map([
        [10, { id: 10, contractId: 1, amountFen: 2_000_000 }],
        [11, { id: 11, contractId: 1, amountFen: 2_000_000 }],
      ]),
      directSelections: [selection(100, 4_000_000, 0), selection(101, 2_000_000, 30)],
      thresholdFen: 5_000_000,
    })
    const codes = (id: number) => (flags.get(id) ?? []).map((flag) => flag.code)
    assert.deepEqual(codes(first.id), ['price_out_of_bounds', 'split_selection'])
    assert.deepEqual(codes(failure.id), [])
    assert.deepEqual(codes(second.id), ['price_out_of_bounds', 'split_selection'])
    assert.deepEqual(codes(again.id), [
      'overpaid',
      'price_out_of_bounds',
      'paid_twice',
      'split_selection',
    ])
    assert.deepEqual(flags.get(again.id)![0], {
      code: 'overpaid',
      paidFen: 6_000_000,
      priceFen: 4_000_000,
    })
    assert.deepEqual(flags.get(again.id)![3], {
      code: 'split_selection',
      selectionCount: 2,
      totalFen: 6_000_000,
      thresholdFen: 5_000_000,
      windowDays: 90,
    })
  })
})

test.group('Fee flags against the service guide', () => {
  const guided = {
    feeType: 'government_guided' as const,
    feeMinFen: 300_000,
    feeMaxFen: 30_000_000,
  }

  test('a government-guided fee with no published basis is flagged; a market price is not', ({
    assert,
  }) => {
    const none = { feeBasisPublished: false, inflated: [], reduced: [] }
    assert.deepEqual(guideFlags({ fee: guided, guide: none }), [
      { code: 'fee_basis_missing', feeType: 'government_guided' },
    ])
    assert.deepEqual(
      guideFlags({ fee: { feeType: 'market', feeMinFen: null, feeMaxFen: null }, guide: none }),
      []
    )
    assert.deepEqual(guideFlags({ fee: guided, guide: { ...none, feeBasisPublished: true } }), [])
  })

  test('deliverables outside the guide are charged outside the basis; guide content left out is reduced service', ({
    assert,
  }) => {
    const guide = {
      feeBasisPublished: true,
      inflated: ['社会稳定风险评估报告'],
      reduced: ['环境现状调查与监测'],
    }
    assert.deepEqual(guideFlags({ fee: guided, guide }), [
      { code: 'outside_fee_basis', items: ['社会稳定风险评估报告'] },
      { code: 'service_reduced', items: ['环境现状调查与监测'] },
    ])
  })

  test('every payment of the contract carries the guide flags, refunds none', ({ assert }) => {
    const contract: ContractFact = {
      id: 1,
      projectId: 1,
      priceFen: 1_000_000,
      fee: guided,
      guide: { feeBasisPublished: true, inflated: ['社会稳定风险评估报告'], reduced: [] },
    }
    const payment: FeeRecordFact = {
      id: 901,
      contractId: 1,
      milestoneId: 77,
      kind: 'payment',
      amountFen: 500_000,
      occurredAt: day(1),
    }
    const refund: FeeRecordFact = { ...payment, id: 902, kind: 'refund', occurredAt: day(2) }
    const flags = flagFeeRecords({
      records: [payment, refund],
      contracts: new Map([[1, contract]]),
      milestones: new Map([[77, { id: 77, contractId: 1, amountFen: 500_000 }]]),
      directSelections: [],
      thresholdFen: 10_000_000,
    })
    assert.deepEqual(flags.get(901), [
      { code: 'outside_fee_basis', items: ['社会稳定风险评估报告'] },
    ])
    assert.isUndefined(flags.get(902))
  })
})
