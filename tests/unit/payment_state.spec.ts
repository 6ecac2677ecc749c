import { test } from '@japa/runner'
import {
  isOpenPayment,
  milestonePayable,
  milestoneStatusOf,
  paymentAfter,
  type PaymentState,
} from '#domain/payment_state'

const open: PaymentState = { status: 'requires_payment_method', amountFen: 1000, refundedFen: 0 }

test.group('Payment state', () => {
  test('an open intent succeeds, fails or is cancelled', ({ assert }) => {
    assert.isTrue(isOpenPayment('requires_payment_method'))
    assert.isTrue(isOpenPayment('requires_action'))
    assert.isFalse(isOpenPayment('failed'))
    assert.equal(paymentAfter(open, { kind: 'succeeded' }).status, 'succeeded')
    assert.equal(paymentAfter(open, { kind: 'failed' }).status, 'failed')
    assert.equal(paymentAfter(open, { kind: 'canceled' }).status, 'canceled')
  })

  test('late news never moves a payment backwards', ({ assert }) => {
    const paid = paymentAfter(open, { kind: 'succeeded' })
    assert.equal(paymentAfter(paid, { kind: 'failed' }).status, 'succeeded')
    assert.equal(paymentAfter(paid, { kind: 'canceled' }).status, 'succeeded')
    const refunded = paymentAfter(paid, { kind: 'refunded', amountRefundedFen: 1000 })
    assert.equal(paymentAfter(refunded, { kind: 'succeeded' }).status, 'refunded')
    // An older refund total changes nothing.
    const partly = paymentAfter(paid, { kind: 'refunded', amountRefundedFen: 600 })
    assert.deepEqual(paymentAfter(partly, { kind: 'refunded', amountRefundedFen: 200 }), partly)
  })

  test('a failed attempt can still succeed (the payer retried on the same intent)', ({
    assert,
  }) => {
    const failed = paymentAfter(open, { kind: 'failed' })
    assert.equal(paymentAfter(failed, { kind: 'succeeded' }).status, 'succeeded')
  })

  test('a refund proves the payment, even before its success is reported', ({ assert }) => {
    assert.deepEqual(paymentAfter(open, { kind: 'refunded', amountRefundedFen: 400 }), {
      status: 'succeeded',
      amountFen: 1000,
      refundedFen: 400,
    })
  })

  test('a milestone is paid while one payment stands, refunded when all went back', ({
    assert,
  }) => {
    assert.equal(milestoneStatusOf([]), 'unpaid')
    assert.equal(milestoneStatusOf([{ status: 'failed' }]), 'unpaid')
    assert.equal(
      milestoneStatusOf([{ status: 'failed' }, { status: 'requires_payment_method' }]),
      'processing'
    )
    assert.equal(milestoneStatusOf([{ status: 'refunded' }, { status: 'succeeded' }]), 'paid')
    assert.equal(milestoneStatusOf([{ status: 'refunded' }, { status: 'canceled' }]), 'refunded')
  })

  test('only a signed contract’s milestone with nothing paid or under way can be paid', ({
    assert,
  }) => {
    assert.isTrue(milestonePayable('signed', []))
    assert.isTrue(milestonePayable('signed', [{ status: 'failed' }]))
    assert.isFalse(milestonePayable('signing', []))
    assert.isFalse(milestonePayable('signed', [{ status: 'processing' }]))
    assert.isFalse(milestonePayable('signed', [{ status: 'refunded' }]))
  })
})
