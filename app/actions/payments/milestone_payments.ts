import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DateTime } from 'luxon'
import Contract from '#models/contract'
import Milestone from '#models/milestone'
import Payment from '#models/payment'
import type User from '#models/user'
import StateConflictException from '#exceptions/state_conflict_exception'
import RefusalException from '#exceptions/refusal_exception'
import { isOpenPayment, milestonePayable, milestoneStatusOf } from '#domain/payment_state'
import { recordAuditEvent } from '#services/audit_log'
import {
  Stripe,
  stripe,
  stripeSettings,
  testConfirmationAvailable,
  type TestPaymentMethod,
} from '#services/stripe'
import { contractInForce } from '#domain/contract_lifecycle'
import type { StartedPayment } from '#presenters/payment'

/** Stripe's largest amount for one payment: eight digits in the smallest unit (¥999,999.99). */
export const STRIPE_MAX_AMOUNT_FEN = 99_999_999

/** A failure of Stripe itself (unreachable, refused the request): 502, nothing changed here. */
function providerError(error: unknown): never {
  if (error instanceof StateConflictException) throw error
  throw new RefusalException(
    502,
    'E_PAYMENT_PROVIDER',
    {
      identifier: 'payments.errors.provider',
      data: { reason: error instanceof Error ? error.message : String(error) },
    },
    'The payment provider refused or did not answer'
  )
}

/**
 * The idempotency key of a payment attempt: the same milestone and attempt
 * always give the same key, so a retried request (a timeout, a double click,
 * two instances) gets the same PaymentIntent back from Stripe instead of a
 * second one. The contract's creation time keeps keys of a reset database
 * from meeting an earlier database's intents.
 */
export function paymentIdempotencyKey(contract: Contract, milestone: Milestone, attempt: number) {
  return `market-milestone-${milestone.id}-c${contract.id}.${contract.createdAt.toUnixInteger()}-attempt-${attempt}`
}

function refuseUnlessPayable(contract: Contract, milestone: Milestone, payments: Payment[]) {
  if (!contractInForce(contract.status)) {
    throw new StateConflictException({
      identifier: 'payments.errors.contractNotSigned',
      data: { status: contract.status },
    })
  }
  if (!milestonePayable(contract.status, payments)) {
    throw new StateConflictException({
      identifier: 'payments.errors.milestoneNotPayable',
      data: { status: milestoneStatusOf(payments) },
    })
  }
  if (milestone.amountFen > STRIPE_MAX_AMOUNT_FEN) {
    throw new StateConflictException({ identifier: 'payments.errors.amountTooLarge' })
  }
}

async function clientSecretOf(payment: Payment) {
  try {
    const intent = await stripe().paymentIntents.retrieve(payment.stripePaymentIntentId)
    return intent.client_secret
  } catch (error) {
    providerError(error)
  }
}

/** Earlier attempts are cancelled (best effort), so that only one intent can take the money. */
async function cancelEarlierAttempts(payments: Payment[]) {
  for (const payment of payments) {
    if (!isOpenPayment(payment.status) && payment.status !== 'failed') continue
    await stripe()
      .paymentIntents.cancel(payment.stripePaymentIntentId, { cancellation_reason: 'abandoned' })
      .catch(() => {})
  }
}

/**
 * 支付: the contract's owner starts paying a milestone. A PaymentIntent in
 * CNY for the milestone's amount is created (with the attempt's idempotency
 * key), stored as a payment, and the milestone waits in `processing` until
 * Stripe reports the outcome by webhook. While an attempt is open, asking
 * again returns it rather than a new intent.
 */
export async function payMilestone(
  milestone: Milestone,
  contract: Contract,
  actor: User
): Promise<StartedPayment> {
  const payments = await Payment.query().where('milestone_id', milestone.id).orderBy('id')
  const open = payments.find((payment) => isOpenPayment(payment.status))
  if (open && contractInForce(contract.status)) {
    return { payment: open, clientSecret: await clientSecretOf(open), created: false }
  }
  refuseUnlessPayable(contract, milestone, payments)

  const attempt = payments.length + 1
  const idempotencyKey = paymentIdempotencyKey(contract, milestone, attempt)
  await cancelEarlierAttempts(payments)
  const project = await db.from('projects').where('id', contract.projectId).select('code').first()
  const types = stripeSettings().paymentMethodTypes
  let intent: Stripe.PaymentIntent
  try {
    intent = await stripe().paymentIntents.create(
      {
        amount: milestone.amountFen,
        currency: 'cny',
        // Stripe keeps those the account and the currency allow (card, Alipay, WeChat Pay).
        allowed_payment_method_types:
          types as Stripe.PaymentIntentCreateParams.AllowedPaymentMethodType[],
        // WeChat Pay needs to know where the payer is: a web page shows a QR code.
        ...(types.includes('wechat_pay')
          ? { payment_method_options: { wechat_pay: { client: 'web' } } }
          : {}),
        description: `${project?.code ?? contract.projectId} · ${milestone.title}`.slice(0, 1000),
        metadata: {
          contract_id: String(contract.id),
          milestone_id: String(milestone.id),
          project_code: project?.code ?? '',
          attempt: String(attempt),
        },
      },
      { idempotencyKey }
    )
  } catch (error) {
    providerError(error)
  }

  return db.transaction(async (trx) => {
    const locked = await Milestone.query({ client: trx })
      .where('id', milestone.id)
      .forUpdate()
      .firstOrFail()
    const same = await Payment.query({ client: trx })
      .where('idempotency_key', idempotencyKey)
      .first()
    if (same) {
      // A concurrent request with the same key got there first: it is the same intent.
      return { payment: same, clientSecret: intent.client_secret, created: false }
    }
    const current = await Contract.query({ client: trx }).where('id', contract.id).firstOrFail()
    const now = await Payment.query({ client: trx }).where('milestone_id', milestone.id).forUpdate()
    refuseUnlessPayable(current, locked, now)

    const payment = await Payment.create(
      {
        milestoneId: locked.id,
        contractId: current.id,
        stripePaymentIntentId: intent.id,
        idempotencyKey,
        amountFen: locked.amountFen,
        currency: 'cny',
        status: intent.status,
        refundedFen: 0,
        createdByUserId: actor.id,
      },
      { client: trx }
    )
    locked.status = milestoneStatusOf([...now, payment])
    await locked.save()
    await recordAuditEvent(trx, {
      actor,
      action: 'payment.created',
      subjectType: 'payment',
      subjectId: payment.id,
      payload: {
        contractId: current.id,
        milestoneId: locked.id,
        amountFen: payment.amountFen,
        paymentIntent: intent.id,
        attempt,
      },
    })
    return { payment, clientSecret: intent.client_secret, created: true }
  })
}

/**
 * 测试模式确认: there is no Stripe.js on these pages, so in test mode the
 * server confirms the owner's open PaymentIntent with a test card. Nothing
 * changes here: the outcome arrives by webhook like any payment's. Returns
 * the intent's status, or `declined` with Stripe's message.
 */
export async function confirmTestPayment(payment: Payment, paymentMethod: TestPaymentMethod) {
  if (!testConfirmationAvailable()) {
    throw new StateConflictException({ identifier: 'payments.errors.testModeOnly' })
  }
  if (!isOpenPayment(payment.status)) {
    throw new StateConflictException({
      identifier: 'payments.errors.paymentClosed',
      data: { status: payment.status },
    })
  }
  try {
    const intent = await stripe().paymentIntents.confirm(payment.stripePaymentIntentId, {
      payment_method: paymentMethod,
    })
    return { status: intent.status, message: null }
  } catch (error) {
    if (error instanceof Stripe.errors.StripeCardError) {
      return { status: 'declined', message: error.message }
    }
    // Confirmed already (a double click, a retry) while its webhook has not arrived yet:
    // the intent's state refuses it, which is a conflict, not a provider failure.
    if (
      error instanceof Stripe.errors.StripeInvalidRequestError &&
      error.code === 'payment_intent_unexpected_state'
    ) {
      throw new StateConflictException({ identifier: 'payments.errors.alreadyConfirmed' })
    }
    providerError(error)
  }
}

/**
 * Re-reads a milestone's payments under lock and sets the milestone's status
 * from them (see milestoneStatusOf); the time it was first paid is kept.
 */
export async function syncMilestone(
  trx: TransactionClientContract,
  milestoneId: number,
  at: DateTime
) {
  const milestone = await Milestone.query({ client: trx })
    .where('id', milestoneId)
    .forUpdate()
    .firstOrFail()
  const payments = await Payment.query({ client: trx })
    .where('milestone_id', milestoneId)
    .forUpdate()
  const status = milestoneStatusOf(payments)
  if (status !== milestone.status) {
    milestone.status = status
    if (status === 'paid' && !milestone.paidAt) milestone.paidAt = at
    await milestone.save()
  }
  return milestone
}
