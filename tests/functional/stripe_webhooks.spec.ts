// Assertions read best as `(await Milestone.findOrFail(id)).status`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Payment from '#models/payment'
import Milestone from '#models/milestone'
import FeeRecord from '#models/fee_record'
import SuspiciousPaymentEvent from '#models/suspicious_payment_event'
import { createUserWithRole } from '#database/factories/account_factories'
import { stripe, stripeSettings, useLocalStripeMock } from '#services/stripe'
import { stripeSignatureHeader } from '#dev/stripe_mock/webhook_signature'
import { signedContract } from '#tests/payment_fixtures'
import {
  intentOf,
  postStripeEvent,
  refundedChargeOf,
  resetStripeMock,
  stripeEvent,
} from '#tests/stripe'

let intents = 0

/**
 * A contract whose first milestone has a payment in progress (as after POST
 * …/payments), its PaymentIntent real in the Stripe mock: by default the
 * payer has paid there already and the webhook is what the test sends;
 * `stripe: 'unpaid'` leaves the intent waiting for a payment method.
 */
async function paymentInProgress(
  milestoneAmounts = [3_000_000, 2_000_000],
  options: { stripe?: 'paid' | 'unpaid' } = {}
) {
  const fixture = await signedContract({ milestones: milestoneAmounts })
  const milestone = fixture.milestones[0]
  intents += 1
  const intent = await stripe().paymentIntents.create({
    amount: milestone.amountFen,
    currency: 'cny',
    allowed_payment_method_types: ['card'],
    metadata: { contract_id: String(fixture.contract.id), milestone_id: String(milestone.id) },
  })
  if (options.stripe !== 'unpaid') {
    await stripe().paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })
  }
  const payment = await Payment.create({
    milestoneId: milestone.id,
    contractId: fixture.contract.id,
    stripePaymentIntentId: intent.id,
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

const suspiciousEvents = async () =>
  (await SuspiciousPaymentEvent.query().orderBy('id')).map((event) => ({
    reason: event.reason,
    object: event.stripeObjectId,
    paymentId: event.paymentId,
    contractId: event.contractId,
    amountFen: event.amountFen === null ? null : Number(event.amountFen),
    stripeStatus: event.stripeStatus,
    fields: event.mismatchList.map((mismatch) => `${mismatch.source}:${mismatch.field}`),
  }))

/** The signature of `event` made with the webhook secret at `secondsFromNow`. */
const signedAt = (event: object, secondsFromNow: number) =>
  stripeSignatureHeader(
    JSON.stringify(event, null, 2),
    stripeSettings().webhookSecret!,
    Math.floor(Date.now() / 1000) + secondsFromNow
  )

test.group('Stripe webhook', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetStripeMock())

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
          stripeSettings().webhookSecret!,
          Math.floor(Date.now() / 1000) - 600
        ),
      }),
      // A valid signature of another body.
      await postStripeEvent(
        { ...event, data: { object: { ...intentOf(payment, 'succeeded'), amount_received: 1 } } },
        {
          signature: stripeSignatureHeader(payload, stripeSettings().webhookSecret!),
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

  test('events of other kinds are acknowledged once and change nothing', async ({ assert }) => {
    const { contract } = await paymentInProgress()
    const other = stripeEvent('customer.created', { id: 'cus_1', object: 'customer' })
    assert.deepEqual(await postStripeEvent(other), {
      status: 200,
      body: { received: true, outcome: 'ignored' },
    })
    assert.equal((await postStripeEvent(other)).body.outcome, 'duplicate')
    assert.deepEqual(await feeRecordsOf(contract.id), [])
    assert.deepEqual(await suspiciousEvents(), [])
    assert.lengthOf(await db.from('stripe_events'), 1)
  })

  test('the webhook secret is no constant of the code: an event signed with the former built-in secret is refused', async ({
    assert,
  }) => {
    const { payment, milestone, contract } = await paymentInProgress()
    const secret = stripeSettings().webhookSecret
    assert.match(secret ?? '', /^whsec_\S{20,}$/)
    assert.notEqual(secret, 'whsec_market_local_development')
    const forged = await postStripeEvent(
      stripeEvent('payment_intent.succeeded', intentOf(payment, 'succeeded')),
      { secret: 'whsec_market_local_development' }
    )
    assert.equal(forged.status, 400)
    assert.equal(forged.body.errors[0].code, 'E_STRIPE_SIGNATURE')
    assert.equal(await milestoneStatus(milestone.id), 'processing')
    assert.deepEqual(await feeRecordsOf(contract.id), [])
  })

  test('a signature dated more than five minutes ahead or behind is refused; within five minutes either way it is accepted', async ({
    assert,
  }) => {
    const { payment, milestone, contract } = await paymentInProgress()
    for (const seconds of [3600, 301, -301, -3600]) {
      const event = stripeEvent('payment_intent.succeeded', intentOf(payment, 'succeeded'))
      const refused = await postStripeEvent(event, { signature: signedAt(event, seconds) })
      assert.equal(refused.status, 400, `signed ${seconds} s from now`)
      assert.equal(refused.body.errors[0].code, 'E_STRIPE_SIGNATURE')
    }
    assert.lengthOf(await db.from('stripe_events'), 0)
    assert.equal(await milestoneStatus(milestone.id), 'processing')

    const slowClock = stripeEvent(
      'payment_intent.payment_failed',
      intentOf(payment, 'requires_payment_method')
    )
    assert.equal(
      (await postStripeEvent(slowClock, { signature: signedAt(slowClock, -240) })).status,
      200
    )
    const fastClock = stripeEvent('payment_intent.succeeded', intentOf(payment, 'succeeded'))
    const accepted = await postStripeEvent(fastClock, { signature: signedAt(fastClock, 240) })
    assert.deepEqual(accepted.body, { received: true, outcome: 'processed' })
    assert.equal(await milestoneStatus(milestone.id), 'paid')
    assert.deepEqual(await feeRecordsOf(contract.id), [
      ['failure', milestone.amountFen],
      ['payment', milestone.amountFen],
    ])
  })

  test('a correctly signed success that Stripe does not confirm (the intent still awaits a payment method) pays nothing and is kept as suspicious', async ({
    assert,
  }) => {
    const { payment, milestone, contract } = await paymentInProgress(undefined, {
      stripe: 'unpaid',
    })
    const answer = await postStripeEvent(
      stripeEvent('payment_intent.succeeded', intentOf(payment, 'succeeded'))
    )
    assert.deepEqual(answer, { status: 200, body: { received: true, outcome: 'suspicious' } })
    await payment.refresh()
    assert.equal(payment.status, 'requires_payment_method')
    assert.equal(await milestoneStatus(milestone.id), 'processing')
    assert.deepEqual(await feeRecordsOf(contract.id), [])
    assert.deepEqual(await suspiciousEvents(), [
      {
        reason: 'not_confirmed',
        object: payment.stripePaymentIntentId,
        paymentId: payment.id,
        contractId: contract.id,
        amountFen: milestone.amountFen,
        stripeStatus: 'requires_payment_method',
        fields: ['stripe:amount_received'],
      },
    ])
    const audit = await db.from('audit_events').where('action', 'payment.suspicious')
    assert.lengthOf(audit, 1)
  })

  test('a success for an intent the market did not create is kept as suspicious, never a fee record, even when it names a real contract and milestone', async ({
    assert,
  }) => {
    const { contract, milestone, payment } = await paymentInProgress()
    const forged = stripeEvent('payment_intent.succeeded', {
      id: 'pi_not_created_by_the_market',
      object: 'payment_intent',
      amount: 99_900_000,
      amount_received: 99_900_000,
      currency: 'cny',
      status: 'succeeded',
      metadata: { contract_id: String(contract.id), milestone_id: String(milestone.id) },
    })
    assert.deepEqual(await postStripeEvent(forged), {
      status: 200,
      body: { received: true, outcome: 'suspicious' },
    })
    // Delivered again: acknowledged, not kept twice.
    assert.equal((await postStripeEvent(forged)).body.outcome, 'duplicate')
    // One naming nothing the market knows is kept too, with no contract.
    const stranger = stripeEvent('charge.refunded', {
      id: 'ch_not_ours',
      object: 'charge',
      amount: 100,
      amount_refunded: 100,
      currency: 'cny',
      payment_intent: 'pi_not_ours',
    })
    assert.equal((await postStripeEvent(stranger)).body.outcome, 'suspicious')

    assert.deepEqual(await feeRecordsOf(contract.id), [])
    assert.lengthOf(await FeeRecord.all(), 0)
    assert.equal(await milestoneStatus(milestone.id), 'processing')
    await payment.refresh()
    assert.equal(payment.status, 'requires_payment_method')
    assert.deepEqual(await suspiciousEvents(), [
      {
        reason: 'unknown_intent',
        object: 'pi_not_created_by_the_market',
        paymentId: null,
        contractId: contract.id,
        amountFen: 99_900_000,
        // Asked, Stripe does not know the intent: a forgery, not a payment made elsewhere.
        stripeStatus: 'missing',
        fields: [],
      },
      {
        reason: 'unknown_intent',
        object: 'ch_not_ours',
        paymentId: null,
        contractId: null,
        amountFen: 100,
        stripeStatus: null,
        fields: [],
      },
    ])
  })

  test('a payment made at Stripe outside the market that names a contract is evidence for regulators, not a fee record', async ({
    assert,
  }) => {
    const { contract } = await paymentInProgress()
    // Real at Stripe (e.g. made in its dashboard), but not a payment the market asked for.
    const outside = await stripe().paymentIntents.create({
      amount: 777_700,
      currency: 'cny',
      allowed_payment_method_types: ['card'],
      metadata: { contract_id: String(contract.id) },
    })
    const paid = await stripe().paymentIntents.confirm(outside.id, {
      payment_method: 'pm_card_visa',
    })
    const answer = await postStripeEvent(stripeEvent('payment_intent.succeeded', { ...paid }))
    assert.equal(answer.body.outcome, 'suspicious')
    assert.deepEqual(await feeRecordsOf(contract.id), [])
    assert.deepEqual(await suspiciousEvents(), [
      {
        reason: 'unknown_intent',
        object: outside.id,
        paymentId: null,
        contractId: contract.id,
        amountFen: 777_700,
        stripeStatus: 'succeeded',
        fields: [],
      },
    ])
  })

  test('a success whose amount, currency or contract and milestone disagree with the recorded payment is kept as suspicious and changes nothing', async ({
    assert,
  }) => {
    const { payment, milestone, contract, milestones } = await paymentInProgress()
    const paid = intentOf(payment, 'succeeded')
    const events = [
      stripeEvent('payment_intent.succeeded', {
        ...paid,
        amount: 99_900_000,
        amount_received: 99_900_000,
      }),
      stripeEvent('payment_intent.succeeded', { ...paid, currency: 'usd' }),
      stripeEvent('payment_intent.succeeded', {
        ...paid,
        metadata: { contract_id: String(contract.id), milestone_id: String(milestones[1].id) },
      }),
      stripeEvent('payment_intent.succeeded', { ...paid, metadata: {} }),
    ]
    for (const event of events) {
      assert.deepEqual(await postStripeEvent(event), {
        status: 200,
        body: { received: true, outcome: 'suspicious' },
      })
    }
    await payment.refresh()
    assert.equal(payment.status, 'requires_payment_method')
    assert.equal(await milestoneStatus(milestone.id), 'processing')
    assert.equal(await milestoneStatus(milestones[1].id), 'unpaid')
    assert.deepEqual(await feeRecordsOf(contract.id), [])
    assert.deepEqual(
      (await suspiciousEvents()).map(({ reason, paymentId, stripeStatus, fields }) => ({
        reason,
        paymentId,
        stripeStatus,
        fields,
      })),
      [
        {
          reason: 'mismatch',
          paymentId: payment.id,
          stripeStatus: 'succeeded',
          fields: ['event:amount', 'event:amount_received'],
        },
        {
          reason: 'mismatch',
          paymentId: payment.id,
          stripeStatus: 'succeeded',
          fields: ['event:currency'],
        },
        {
          reason: 'mismatch',
          paymentId: payment.id,
          stripeStatus: 'succeeded',
          fields: ['event:metadata.milestone_id'],
        },
        {
          reason: 'mismatch',
          paymentId: payment.id,
          stripeStatus: 'succeeded',
          fields: ['event:metadata.contract_id', 'event:metadata.milestone_id'],
        },
      ]
    )
    // The genuine event still pays the milestone afterwards.
    assert.equal(
      (await postStripeEvent(stripeEvent('payment_intent.succeeded', paid))).body.outcome,
      'processed'
    )
    assert.equal(await milestoneStatus(milestone.id), 'paid')
  })

  test('a failure, a cancellation or a refund that disagrees with the recorded payment is kept as suspicious and changes nothing', async ({
    assert,
  }) => {
    const { payment, milestone, contract } = await paymentInProgress()
    await postStripeEvent(stripeEvent('payment_intent.succeeded', intentOf(payment, 'succeeded')))
    const outcomes = [
      await postStripeEvent(
        stripeEvent('charge.refunded', {
          ...refundedChargeOf(payment, payment.amountFen),
          amount: 99_900_000,
          amount_refunded: 99_900_000,
        })
      ),
      await postStripeEvent(
        stripeEvent('charge.refunded', {
          ...refundedChargeOf(payment, payment.amountFen),
          currency: 'usd',
        })
      ),
      await postStripeEvent(
        stripeEvent('payment_intent.canceled', {
          ...intentOf(payment, 'canceled'),
          metadata: {
            contract_id: String(contract.id + 1000),
            milestone_id: String(milestone.id + 1000),
          },
        })
      ),
      await postStripeEvent(
        stripeEvent('payment_intent.payment_failed', {
          ...intentOf(payment, 'requires_payment_method'),
          amount: 1,
        })
      ),
    ]
    assert.deepEqual(
      outcomes.map((outcome) => outcome.body.outcome),
      ['suspicious', 'suspicious', 'suspicious', 'suspicious']
    )
    await payment.refresh()
    assert.equal(payment.status, 'succeeded')
    assert.equal(payment.refundedFen, 0)
    assert.equal(await milestoneStatus(milestone.id), 'paid')
    assert.deepEqual(await feeRecordsOf(contract.id), [['payment', milestone.amountFen]])
    assert.deepEqual(
      (await suspiciousEvents()).map((event) => event.fields),
      [
        ['event:amount', 'event:amount_refunded'],
        ['event:currency'],
        ['event:metadata.contract_id', 'event:metadata.milestone_id'],
        ['event:amount'],
      ]
    )
  })

  test('when Stripe cannot be asked to confirm a success the event is refused with 503 and nothing is claimed; the redelivery pays the milestone', async ({
    assert,
  }) => {
    const { payment, milestone } = await paymentInProgress()
    const event = stripeEvent('payment_intent.succeeded', intentOf(payment, 'succeeded'))
    const apiBase = stripeSettings().apiBase
    // A port nothing listens on: Stripe unreachable.
    useLocalStripeMock('http://127.0.0.1:9')
    let unreachable
    try {
      unreachable = await postStripeEvent(event)
    } finally {
      if (apiBase) useLocalStripeMock(apiBase)
    }
    assert.equal(unreachable.status, 503)
    assert.equal(unreachable.body.errors[0].code, 'E_PAYMENT_PROVIDER')
    assert.lengthOf(await db.from('stripe_events'), 0)
    assert.equal(await milestoneStatus(milestone.id), 'processing')
    assert.equal((await postStripeEvent(event)).body.outcome, 'processed')
    assert.equal(await milestoneStatus(milestone.id), 'paid')
  })
})

test.group('Suspicious payment events for regulators', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetStripeMock())

  test('regulators see every suspicious event on their page and in the API, newest first, with the reason and the disagreement in words; owners and agencies cannot', async ({
    client,
    assert,
  }) => {
    const { payment, contract, milestone, owner, agency } = await paymentInProgress()
    const project = await contract.related('project').query().firstOrFail()
    await postStripeEvent(
      stripeEvent('payment_intent.succeeded', {
        id: 'pi_forged_for_the_page',
        object: 'payment_intent',
        amount: 99_900_000,
        amount_received: 99_900_000,
        currency: 'cny',
        metadata: { contract_id: String(contract.id), milestone_id: String(milestone.id) },
      })
    )
    await postStripeEvent(
      stripeEvent('payment_intent.succeeded', {
        ...intentOf(payment, 'succeeded'),
        currency: 'usd',
      })
    )
    const regulator = await createUserWithRole('regulator')
    const api = (user: typeof regulator, qs: Record<string, string> = {}) =>
      client.get('/api/v1/regulator/suspicious-payments').qs(qs).withGuard('api').loginAs(user)

    const all = await api(regulator)
    all.assertStatus(200)
    const { data, meta } = all.body()
    assert.deepEqual(meta, { total: 2, page: 1, perPage: 20 })
    assert.deepEqual(
      data.map((event: any) => [event.reason, event.stripeObjectId, event.contractId]),
      [
        ['mismatch', payment.stripePaymentIntentId, contract.id],
        ['unknown_intent', 'pi_forged_for_the_page', contract.id],
      ]
    )
    assert.include(data[1], {
      amountFen: 99_900_000,
      currency: 'cny',
      projectCode: project.code,
      stripeStatus: 'missing',
      reasonText: '非本平台创建的支付',
    })
    assert.deepEqual(
      data[0].mismatches.map((mismatch: any) => mismatch.message),
      ['事件中 currency 为 usd，平台记录为 cny']
    )
    const mismatches = await api(regulator, { reason: 'mismatch' })
    assert.lengthOf(mismatches.body().data, 1)
    ;(await api(regulator, { reason: 'anything' })).assertStatus(422)
    ;(await api(owner)).assertStatus(403)
    ;(await api(agency)).assertStatus(403)

    const page = await client.get('/regulator/suspicious-payments').loginAs(regulator)
    page.assertStatus(200)
    page.assertTextIncludes('可疑支付事件')
    page.assertTextIncludes(project.code)
    page.assertTextIncludes('非本平台创建的支付')
    page.assertTextIncludes('¥999,000.00')
    page.assertTextIncludes('Stripe 中不存在该支付')
    page.assertTextIncludes('事件中 currency 为 usd，平台记录为 cny')
    ;(await client.get('/regulator/suspicious-payments').loginAs(owner)).assertStatus(403)
    // And none of it is among the fee records.
    const fees = await client
      .get('/api/v1/regulator/fee-records')
      .withGuard('api')
      .loginAs(regulator)
    assert.deepEqual(fees.body().data, [])
  })
})
