// Assertions read best as `(await Milestone.findOrFail(id)).status`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createUserWithRole } from '#database/factories/account_factories'
import Payment from '#models/payment'
import Milestone from '#models/milestone'
import FeeRecord from '#models/fee_record'
import type User from '#models/user'
import edge from 'edge.js'
import { Bouncer } from '@adonisjs/bouncer'
import { policies } from '#generated/policies'
import * as abilities from '#abilities/main'
import { refundContract } from '#actions/payments/refund_contract'
import { milestonePaymentsOf } from '#queries/milestone_payments'
import type Contract from '#models/contract'
import { signedContract } from '#tests/payment_fixtures'
import {
  deliverStripeWebhooks,
  intentOf,
  localStripeMock,
  refundedChargeOf,
  resetStripeMock,
  stripeEvent,
} from '#tests/stripe'

function pay(client: any, user: User, milestoneId: number) {
  return client.post(`/api/v1/milestones/${milestoneId}/payments`).withGuard('api').loginAs(user)
}

function confirm(client: any, user: User, paymentId: number, paymentMethod: string) {
  return client
    .post(`/api/v1/payments/${paymentId}/confirm`)
    .json({ paymentMethod })
    .withGuard('api')
    .loginAs(user)
}

const auditActions = async (subjectType: string, subjectId: number) =>
  (
    await db
      .from('audit_events')
      .where('subject_type', subjectType)
      .where('subject_id', String(subjectId))
      .orderBy('id')
  ).map((row: { action: string }) => row.action)

test.group('Milestone payments', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetStripeMock())

  test('the owner starts paying a milestone: a CNY PaymentIntent for its amount, the milestone processing, an audit event', async ({
    client,
    assert,
  }) => {
    const { owner, contract, milestones } = await signedContract({
      milestones: [3_000_000, 2_000_000],
    })
    const response = await pay(client, owner, milestones[0].id)
    response.assertStatus(201)
    const body = response.body()
    assert.properties(body, ['paymentId', 'clientSecret', 'status'])
    assert.isString(body.clientSecret)
    assert.equal(body.amountFen, 3_000_000)

    const payment = await Payment.findOrFail(body.paymentId)
    assert.equal(payment.amountFen, 3_000_000)
    assert.equal(payment.currency, 'cny')
    assert.equal(payment.contractId, contract.id)
    assert.equal(payment.status, body.status)
    assert.match(
      payment.idempotencyKey,
      new RegExp(`^market-milestone-${milestones[0].id}-.*-attempt-1$`)
    )
    assert.equal((await Milestone.findOrFail(milestones[0].id)).status, 'processing')
    assert.equal((await Milestone.findOrFail(milestones[1].id)).status, 'unpaid')
    assert.deepEqual(await auditActions('payment', payment.id), ['payment.created'])
  })

  test('asking again while the payment is open returns the same payment, not a second intent', async ({
    client,
    assert,
  }) => {
    const { owner, milestones } = await signedContract()
    const first = await pay(client, owner, milestones[0].id)
    const second = await pay(client, owner, milestones[0].id)
    second.assertStatus(200)
    assert.equal(second.body().paymentId, first.body().paymentId)
    assert.equal(second.body().clientSecret, first.body().clientSecret)
    const rows = await Payment.query().where('milestone_id', milestones[0].id)
    assert.lengthOf(rows, 1)
  })

  test('a request retried after Stripe answered but before the payment was stored gets the same PaymentIntent (idempotency key)', async ({
    client,
    assert,
  }) => {
    const { owner, milestones } = await signedContract()
    const first = await pay(client, owner, milestones[0].id)
    const intentId = (await Payment.findOrFail(first.body().paymentId)).stripePaymentIntentId
    // As if the database write had been lost: Stripe has the intent, the platform does not.
    await db.from('audit_events').where('subject_type', 'payment').delete()
    await db.from('payments').where('id', first.body().paymentId).delete()
    await db.from('milestones').where('id', milestones[0].id).update({ status: 'unpaid' })

    const retried = await pay(client, owner, milestones[0].id)
    retried.assertStatus(201)
    const payment = await Payment.findOrFail(retried.body().paymentId)
    assert.equal(payment.stripePaymentIntentId, intentId)
    assert.match(payment.idempotencyKey, /-attempt-1$/)
  })

  test('only the contract’s owner pays: another owner gets 404, the agency and a regulator 403; nothing is created', async ({
    client,
    assert,
  }) => {
    const { agency, milestones } = await signedContract()
    const stranger = await createUserWithRole('owner')
    const regulator = await createUserWithRole('regulator')
    ;(await pay(client, stranger, milestones[0].id)).assertStatus(404)
    ;(await pay(client, agency, milestones[0].id)).assertStatus(403)
    ;(await pay(client, regulator, milestones[0].id)).assertStatus(403)
    ;(await client.post(`/api/v1/milestones/${milestones[0].id}/payments`)).assertStatus(401)
    assert.lengthOf(await Payment.query().where('milestone_id', milestones[0].id), 0)
    assert.equal((await Milestone.findOrFail(milestones[0].id)).status, 'unpaid')
  })

  test('a contract not signed by both sides, or a milestone already paid, cannot be paid (409)', async ({
    client,
    assert,
  }) => {
    const drafting = await signedContract({ status: 'signing' })
    const refused = await pay(client, drafting.owner, drafting.milestones[0].id)
    refused.assertStatus(409)
    assert.equal(refused.body().errors[0].code, 'E_STATE_CONFLICT')
    assert.include(refused.body().errors[0].message, '合同尚未由双方签订')

    const { owner, milestones } = await signedContract()
    await db.from('milestones').where('id', milestones[1].id).update({ status: 'paid' })
    await db.table('payments').insert({
      milestone_id: milestones[1].id,
      contract_id: milestones[1].contractId,
      stripe_payment_intent_id: 'pi_paid_earlier',
      idempotency_key: 'paid-earlier',
      amount_fen: milestones[1].amountFen,
      currency: 'cny',
      status: 'succeeded',
      refunded_fen: 0,
      created_by_user_id: owner.id,
      created_at: '2026-01-01 00:00:00',
    })
    const paid = await pay(client, owner, milestones[1].id)
    paid.assertStatus(409)
    assert.include(paid.body().errors[0].message, '已付款')
  })

  test('end to end against the Stripe mock: create, confirm with a test card, the webhook arrives, the milestone is paid and one fee record written', async ({
    client,
    assert,
  }) => {
    const { owner, agency, contract, milestones } = await signedContract()
    const created = await pay(client, owner, milestones[0].id)
    const paymentId = created.body().paymentId
    const confirmation = await confirm(client, owner, paymentId, 'pm_card_visa')
    confirmation.assertStatus(200)
    assert.notEqual(confirmation.body().status, 'declined')
    // The platform changes nothing on confirmation: Stripe's webhook is the only source.
    assert.equal((await Milestone.findOrFail(milestones[0].id)).status, 'processing')

    const payment = await Payment.findOrFail(paymentId)
    const deliveries = await deliverStripeWebhooks(() => [
      stripeEvent('payment_intent.succeeded', intentOf(payment, 'succeeded')),
    ])
    assert.deepInclude(deliveries, { type: 'payment_intent.succeeded', status: 200 })
    assert.isTrue(deliveries.every((delivery) => delivery.status === 200))

    const milestone = await Milestone.findOrFail(milestones[0].id)
    assert.equal(milestone.status, 'paid')
    assert.isNotNull(milestone.paidAt)
    await payment.refresh()
    assert.equal(payment.status, 'succeeded')
    const records = await FeeRecord.query().where('contract_id', contract.id)
    assert.lengthOf(records, 1)
    assert.include(records[0].$attributes, {
      kind: 'payment',
      amountFen: milestones[0].amountFen,
      milestoneId: milestones[0].id,
      paymentId,
    })
    assert.deepEqual(await auditActions('payment', paymentId), [
      'payment.created',
      'payment.succeeded',
    ])

    // Both parties see where the payment stands.
    const seen = await client.get(`/api/v1/payments/${paymentId}`).withGuard('api').loginAs(agency)
    seen.assertStatus(200)
    assert.equal(seen.body().status, 'succeeded')
    const stranger = await createUserWithRole('agency')
    ;(
      await client.get(`/api/v1/payments/${paymentId}`).withGuard('api').loginAs(stranger)
    ).assertStatus(403)
    // A paid milestone is not paid again.
    ;(await pay(client, owner, milestones[0].id)).assertStatus(409)
  })

  test('a declined card: the failure is a fee record, the milestone is unpaid again', async ({
    client,
    assert,
  }) => {
    const { owner, contract, milestones } = await signedContract()
    const created = await pay(client, owner, milestones[0].id)
    const paymentId = created.body().paymentId
    const confirmation = await confirm(client, owner, paymentId, 'pm_card_chargeDeclined')
    confirmation.assertStatus(200)
    // Stripe's stripe-mock does not simulate declines; the local mock does, as Stripe's test mode.
    if (localStripeMock()) assert.equal(confirmation.body().status, 'declined')

    const payment = await Payment.findOrFail(paymentId)
    const deliveries = await deliverStripeWebhooks(() => [
      stripeEvent('payment_intent.payment_failed', intentOf(payment, 'requires_payment_method')),
    ])
    assert.deepInclude(deliveries, { type: 'payment_intent.payment_failed', status: 200 })
    await payment.refresh()
    assert.equal(payment.status, 'failed')
    assert.equal((await Milestone.findOrFail(milestones[0].id)).status, 'unpaid')
    const records = await FeeRecord.query().where('contract_id', contract.id)
    assert.deepEqual(
      records.map((record) => [record.kind, record.amountFen]),
      [['failure', milestones[0].amountFen]]
    )
  })

  test('after a failed attempt the next one is a new PaymentIntent under the next attempt’s key', async ({
    client,
    assert,
  }) => {
    const { owner, milestones } = await signedContract()
    await db.table('payments').insert({
      milestone_id: milestones[0].id,
      contract_id: milestones[0].contractId,
      stripe_payment_intent_id: 'pi_failed_first_attempt',
      idempotency_key: 'first-attempt',
      amount_fen: milestones[0].amountFen,
      currency: 'cny',
      status: 'failed',
      refunded_fen: 0,
      created_by_user_id: owner.id,
      created_at: '2026-01-01 00:00:00',
    })
    const retried = await pay(client, owner, milestones[0].id)
    retried.assertStatus(201)
    const payment = await Payment.findOrFail(retried.body().paymentId)
    assert.notEqual(payment.stripePaymentIntentId, 'pi_failed_first_attempt')
    assert.match(payment.idempotencyKey, /-attempt-2$/)
    assert.equal((await Milestone.findOrFail(milestones[0].id)).status, 'processing')
  })

  test('refunds on termination: every paid milestone is refunded once, even when asked twice; the webhook records the refund', async ({
    client,
    assert,
  }) => {
    const { owner, contract, milestones } = await signedContract({
      milestones: [3_000_000, 2_000_000],
    })
    const created = await pay(client, owner, milestones[0].id)
    const paymentId = created.body().paymentId
    await confirm(client, owner, paymentId, 'pm_card_visa')
    const payment = await Payment.findOrFail(paymentId)
    await deliverStripeWebhooks(() => [
      stripeEvent('payment_intent.succeeded', intentOf(payment, 'succeeded')),
    ])

    const first = await refundContract(contract, '双方协商一致解除合同', owner)
    assert.deepEqual(first.errors, [])
    assert.lengthOf(first.refunds, 1)
    assert.include(first.refunds[0], {
      paymentId,
      milestoneId: milestones[0].id,
      amountFen: 3_000_000,
    })
    // Before Stripe's webhook arrives, asking again replays the same refund (same key).
    const again = await refundContract(contract, '双方协商一致解除合同', owner)
    assert.equal(again.refunds[0].refundId, first.refunds[0].refundId)

    const deliveries = await deliverStripeWebhooks(() => [
      stripeEvent('charge.refunded', refundedChargeOf(payment, payment.amountFen)),
    ])
    assert.deepInclude(deliveries, { type: 'charge.refunded', status: 200 })
    assert.isTrue(deliveries.every((delivery) => delivery.status === 200))

    await payment.refresh()
    assert.equal(payment.status, 'refunded')
    assert.equal(payment.refundedFen, 3_000_000)
    assert.equal((await Milestone.findOrFail(milestones[0].id)).status, 'refunded')
    assert.equal((await Milestone.findOrFail(milestones[1].id)).status, 'unpaid')
    const records = await FeeRecord.query().where('contract_id', contract.id).orderBy('id')
    assert.deepEqual(
      records.map((record) => [record.kind, record.amountFen]),
      [
        ['payment', 3_000_000],
        ['refund', 3_000_000],
      ]
    )
    // Nothing is left to refund.
    const after = await refundContract(contract, '双方协商一致解除合同', owner)
    assert.deepEqual(after, { refunds: [], cancelled: [], errors: [] })
    assert.deepEqual(await auditActions('contract', contract.id), [
      'contract.refunds_requested',
      'contract.refunds_requested',
      'contract.refunds_requested',
    ])
  })

  test('on the contract page the owner pays with a CSRF-protected form and confirms with a test card', async ({
    client,
    assert,
  }) => {
    const { owner, milestones } = await signedContract()
    const started = await client
      .post(`/owner/milestones/${milestones[0].id}/payments`)
      .withCsrfToken()
      .loginAs(owner)
      .redirects(0)
    started.assertStatus(302)
    started.assertFlashMessage('success', '已创建支付，请完成付款。')
    const payment = await Payment.query().where('milestone_id', milestones[0].id).firstOrFail()

    const confirmed = await client
      .post(`/owner/payments/${payment.id}/confirm`)
      .form({ paymentMethod: 'pm_card_visa' })
      .withCsrfToken()
      .loginAs(owner)
      .redirects(0)
    confirmed.assertStatus(302)
    assert.include(confirmed.flashMessages().success, '支付已提交')

    const forged = await client
      .post(`/owner/payments/${payment.id}/confirm`)
      .form({ paymentMethod: 'pm_card_visa' })
      .loginAs(owner)
      .redirects(0)
    forged.assertStatus(302)
    forged.assertFlashMessage('errorsBag', { E_BAD_CSRF_TOKEN: '页面已过期，请刷新后重新提交' })
  })

  test('the contract page partial shows the owner a pay button and, for an open payment, the test-mode confirm step; the agency sees the states only', async ({
    client,
    assert,
  }) => {
    const { owner, agency, contract, milestones } = await signedContract()
    await pay(client, owner, milestones[0].id)
    const render = async (user: User, shown: Contract) => {
      const bouncer = new Bouncer(() => user, abilities, policies)
      return edge
        .createRenderer()
        .share({ ...bouncer.edgeHelpers, csrfField: () => '<input type="hidden" name="_csrf">' })
        .render('partials/milestone_payments', {
          contract: shown,
          milestones: await milestonePaymentsOf(shown),
        })
    }
    const ownerView = await render(owner, contract)
    assert.include(ownerView, '支付处理中')
    assert.include(ownerView, '第 1 次支付：待付款')
    assert.include(ownerView, `/owner/payments/`)
    assert.include(ownerView, 'pm_card_chargeDeclined')
    assert.include(ownerView, `/owner/milestones/${milestones[1].id}/payments`)
    assert.include(ownerView, '¥20,000.00')

    const agencyView = await render(agency, contract)
    assert.include(agencyView, '支付处理中')
    assert.notInclude(agencyView, '<form')
  })
})
