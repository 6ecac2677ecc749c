// Assertions read best as `(await Milestone.findOrFail(id)).status`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Payment from '#models/payment'
import Milestone from '#models/milestone'
import FeeRecord from '#models/fee_record'
import { stripeSignatureHeader } from '../../app/stripe_mock/webhook_signature.js'
import { signedContract } from '#tests/payment_fixtures'
import { intentOf, postStripeEvent, refundedChargeOf, stripeEvent } from '#tests/stripe'

let intents = 0

/** A contract whose first milestone has a payment in progress (as after POST …/payments). */
async function paymentInProgress(milestoneAmounts = [3_000_000, 2_000_000]) {
  const fixture = await signedContract({ milestones: milestoneAmounts })
  const milestone = fixture.milestones[0]
  intents += 1
  const payment = await Payment.create({
    milestoneId: milestone.id,
    contractId: fixture.contract.id,
    stripePaymentIntentId: `pi_webhook_test_${intents}_${Date.now()}`,
    idempotencyKey: `webhook-test-${intents}-${Date.now()}`,
    amountFen: milestone.amountFen,
    currency: 'cny',
    status: 'requires_payment_method',
    refundedFen: 0,
    createdByUserId: fixture.owner.id,
  })
  milestone.status = 'processing'
  await milestone.save()
  return { ...fixture, milestone, payment }
}

const feeRecordsOf = async (contractId: number) =>
  (await FeeRecord.query().where('contract_id', contractId).orderBy('id')).map((record) => [
    record.kind,
    record.amountFen,
  ])

const milestoneStatus = async (id: number) => (await Milestone.findOrFail(id)).status

test.group('Stripe webhook', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a bad, missing, foreign or stale signature is refused with 400 and changes nothing', async ({
    assert,
  }) => {
    const { payment, contract, milestone } = await paymentInProgress()
    const event = stripeEvent('payment_intent.succeeded', intentOf(payment, 'succeeded'))
    const payload = JSON.stringify(event, null, 2)

    const attempts = [
      await postStripeEvent(event, { signature: null }),
      await postStripeEvent(event, { signature: 't=1,v1=deadbeef' }),
      await postStripeEvent(event, { secret: 'whsec_someone_else' }),
      // Signed correctly, but more than five minutes ago (a replayed capture).
      await postStripeEvent(event, {
        signature: stripeSignatureHeader(
          payload,
          (await import('#services/stripe')).stripeSettings().webhookSecret,
          Math.floor(Date.now() / 1000) - 600
        ),
      }),
      // A valid signature of another body.
      await postStripeEvent(
        { ...event, data: { object: { ...intentOf(payment, 'succeeded'), amount_received: 1 } } },
        {
          signature: stripeSignatureHeader(
            payload,
            (await import('#services/stripe')).stripeSettings().webhookSecret
          ),
        }
      ),
    ]
    for (const attempt of attempts) {
      assert.equal(attempt.status, 400)
      assert.equal(attempt.body.errors[0].code, 'E_STRIPE_SIGNATURE')
    }
    assert.lengthOf(await db.from('stripe_events'), 0)
    assert.deepEqual(await feeRecordsOf(contract.id), [])
    assert.equal(await milestoneStatus(milestone.id), 'processing')
    await payment.refresh()
    assert.equal(payment.status, 'requires_payment_method')
  })

  test('the same event delivered twice makes one fee record; the second delivery is acknowledged and ignored', async ({
    assert,
  }) => {
    const { payment, contract, milestone } = await paymentInProgress()
    const event = stripeEvent('payment_intent.succeeded', intentOf(payment, 'succeeded'))
    const first = await postStripeEvent(event)
    const second = await postStripeEvent(event)
    assert.deepEqual(first, { status: 200, body: { received: true, outcome: 'processed' } })
    assert.deepEqual(second, { status: 200, body: { received: true, outcome: 'duplicate' } })
    assert.deepEqual(await feeRecordsOf(contract.id), [['payment', milestone.amountFen]])
    assert.lengthOf(await db.from('stripe_events').where('id', event.id), 1)
    const succeeded = await db
      .from('audit_events')
      .where('action', 'payment.succeeded')
      .where('subject_id', String(payment.id))
    assert.lengthOf(succeeded, 1)
  })

  test('a failure reported after the success does not un-pay the milestone', async ({ assert }) => {
    const { payment, contract, milestone } = await paymentInProgress()
    await postStripeEvent(stripeEvent('payment_intent.succeeded', intentOf(payment, 'succeeded')))
    const late = await postStripeEvent(
      stripeEvent('payment_intent.payment_failed', intentOf(payment, 'requires_payment_method'))
    )
    assert.equal(late.status, 200)
    await postStripeEvent(stripeEvent('payment_intent.canceled', intentOf(payment, 'canceled')))
    await payment.refresh()
    assert.equal(payment.status, 'succeeded')
    assert.equal(await milestoneStatus(milestone.id), 'paid')
    // The decline did happen before the success: it stays on the record, moving no money.
    assert.deepEqual(await feeRecordsOf(contract.id), [
      ['payment', milestone.amountFen],
      ['failure', milestone.amountFen],
    ])
  })

  test('a success reported after a failure (the payer retried on the same intent) pays the milestone', async ({
    assert,
  }) => {
    const { payment, milestone } = await paymentInProgress()
    await postStripeEvent(
      stripeEvent('payment_intent.payment_failed', intentOf(payment, 'requires_payment_method'))
    )
    assert.equal(await milestoneStatus(milestone.id), 'unpaid')
    await postStripeEvent(stripeEvent('payment_intent.succeeded', intentOf(payment, 'succeeded')))
    assert.equal(await milestoneStatus(milestone.id), 'paid')
  })

  test('a refund reported before the success records the payment and the refund once; the late success adds nothing', async ({
    assert,
  }) => {
    const { payment, contract, milestone } = await paymentInProgress()
    await postStripeEvent(
      stripeEvent('charge.refunded', refundedChargeOf(payment, payment.amountFen))
    )
    await postStripeEvent(stripeEvent('payment_intent.succeeded', intentOf(payment, 'succeeded')))
    await payment.refresh()
    assert.equal(payment.status, 'refunded')
    assert.equal(await milestoneStatus(milestone.id), 'refunded')
    assert.deepEqual(await feeRecordsOf(contract.id), [
      ['payment', milestone.amountFen],
      ['refund', milestone.amountFen],
    ])
  })

  test('partial refunds add up from the charge’s running total; an older total changes nothing', async ({
    assert,
  }) => {
    const { payment, contract, milestone } = await paymentInProgress([3_000_000])
    await postStripeEvent(stripeEvent('payment_intent.succeeded', intentOf(payment, 'succeeded')))
    await postStripeEvent(stripeEvent('charge.refunded', refundedChargeOf(payment, 1_000_000)))
    assert.equal(await milestoneStatus(milestone.id), 'paid')
    await postStripeEvent(stripeEvent('charge.refunded', refundedChargeOf(payment, 2_500_000)))
    // Delivered late: the total it carries is already recorded.
    await postStripeEvent(stripeEvent('charge.refunded', refundedChargeOf(payment, 1_000_000)))
    await payment.refresh()
    assert.equal(payment.refundedFen, 2_500_000)
    assert.equal(payment.status, 'succeeded')
    await postStripeEvent(stripeEvent('charge.refunded', refundedChargeOf(payment, 3_000_000)))
    await payment.refresh()
    assert.equal(payment.status, 'refunded')
    assert.equal(await milestoneStatus(milestone.id), 'refunded')
    assert.deepEqual(await feeRecordsOf(contract.id), [
      ['payment', 3_000_000],
      ['refund', 1_000_000],
      ['refund', 1_500_000],
      ['refund', 500_000],
    ])
  })

  test('refunding a duplicate payment leaves the milestone paid by the other one', async ({
    assert,
  }) => {
    const { payment, milestone, owner, contract } = await paymentInProgress()
    await postStripeEvent(stripeEvent('payment_intent.succeeded', intentOf(payment, 'succeeded')))
    const duplicate = await Payment.create({
      milestoneId: milestone.id,
      contractId: contract.id,
      stripePaymentIntentId: `${payment.stripePaymentIntentId}_again`,
      idempotencyKey: `${payment.idempotencyKey}-again`,
      amountFen: milestone.amountFen,
      currency: 'cny',
      status: 'requires_payment_method',
      refundedFen: 0,
      createdByUserId: owner.id,
    })
    await postStripeEvent(stripeEvent('payment_intent.succeeded', intentOf(duplicate, 'succeeded')))
    await postStripeEvent(
      stripeEvent('charge.refunded', refundedChargeOf(duplicate, duplicate.amountFen))
    )
    assert.equal(await milestoneStatus(milestone.id), 'paid')
  })

  test('events of other kinds, and intents this platform does not know, are acknowledged once and change nothing', async ({
    assert,
  }) => {
    const { contract } = await paymentInProgress()
    const other = stripeEvent('customer.created', { id: 'cus_1', object: 'customer' })
    assert.deepEqual(await postStripeEvent(other), {
      status: 200,
      body: { received: true, outcome: 'ignored' },
    })
    const stranger = stripeEvent('payment_intent.succeeded', {
      id: 'pi_not_ours',
      object: 'payment_intent',
      amount: 100,
      amount_received: 100,
      metadata: {},
    })
    assert.equal((await postStripeEvent(stranger)).body.outcome, 'ignored')
    assert.deepEqual(await feeRecordsOf(contract.id), [])
    assert.lengthOf(await db.from('stripe_events'), 2)
  })

  test('a payment made outside the platform that names a contract is a fee record', async ({
    assert,
  }) => {
    const { contract } = await paymentInProgress()
    const outside = stripeEvent('payment_intent.succeeded', {
      id: 'pi_from_the_dashboard',
      object: 'payment_intent',
      amount: 777_700,
      amount_received: 777_700,
      metadata: { contract_id: String(contract.id) },
    })
    assert.equal((await postStripeEvent(outside)).body.outcome, 'processed')
    const records = await FeeRecord.query().where('contract_id', contract.id)
    assert.lengthOf(records, 1)
    assert.include(records[0].$attributes, {
      kind: 'payment',
      amountFen: 777_700,
      milestoneId: null,
      paymentId: null,
    })
  })
})
