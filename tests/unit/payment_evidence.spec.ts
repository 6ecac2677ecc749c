import { test } from '@japa/runner'
import { paymentMismatches } from '#domain/payment_evidence'

const recorded = { amountFen: 3_000_000, currency: 'cny', contractId: 7, milestoneId: 21 }
const metadata = { contract_id: '7', milestone_id: '21', project_code: 'ZC-1', attempt: '1' }
const fields = (found: ReturnType<typeof paymentMismatches>) => found.map((item) => item.field)

test.group('Payment evidence', () => {
  test('an intent that agrees with the recorded payment has no mismatch (currency in any case, extra metadata ignored)', ({
    assert,
  }) => {
    assert.deepEqual(
      paymentMismatches(recorded, {
        amount: 3_000_000,
        amountReceived: 3_000_000,
        currency: 'CNY',
        metadata,
      }),
      []
    )
  })

  test('amount, what was received, currency and the contract and milestone named are each compared', ({
    assert,
  }) => {
    assert.deepEqual(
      paymentMismatches(
        recorded,
        { amount: 99_900_000, amountReceived: 0, currency: 'usd', metadata: { contract_id: '8' } },
        'stripe'
      ),
      [
        { field: 'amount', expected: 3_000_000, received: 99_900_000, source: 'stripe' },
        { field: 'amount_received', expected: 3_000_000, received: 0, source: 'stripe' },
        { field: 'currency', expected: 'cny', received: 'usd', source: 'stripe' },
        { field: 'metadata.contract_id', expected: '7', received: '8', source: 'stripe' },
        { field: 'metadata.milestone_id', expected: '21', received: null, source: 'stripe' },
      ]
    )
  })

  test('a charge: a refunded total above the amount disagrees; metadata is not required of it', ({
    assert,
  }) => {
    assert.deepEqual(
      fields(
        paymentMismatches(recorded, {
          amount: 3_000_000,
          amountRefunded: 1_000_000,
          currency: 'cny',
        })
      ),
      []
    )
    assert.deepEqual(
      fields(
        paymentMismatches(recorded, {
          amount: 3_000_000,
          amountRefunded: 3_000_001,
          currency: 'cny',
        })
      ),
      ['amount_refunded']
    )
    assert.deepEqual(fields(paymentMismatches(recorded, { amount: null, currency: null })), [
      'amount',
      'currency',
    ])
  })
})
