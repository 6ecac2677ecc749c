import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import Contract from '#models/contract'
import FeeRecord from '#models/fee_record'
import type Milestone from '#models/milestone'
import Payment from '#models/payment'
import SuspiciousPaymentEvent from '#models/suspicious_payment_event'
import { paymentAfter, type PaymentOutcome } from '#domain/payment_state'
import {
  paymentMismatches,
  type Mismatch,
  type ReportedPayment,
  type SuspicionReason,
} from '#domain/payment_evidence'
import { recordAuditEvent } from '#services/audit_log'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'
import { Stripe, stripe } from '#services/stripe'
import { syncMilestone } from '#actions/payments/milestone_payments'

/** The events that change something here; every other event is acknowledged and kept. */
export const HANDLED_STRIPE_EVENTS = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'charge.refunded',
] as const

export type EventOutcome = 'processed' | 'duplicate' | 'ignored' | 'suspicious'

/**
 * Stripe could not be asked about a payment the market is waiting for: the
 * event is refused (and nothing claimed), so that Stripe delivers it again.
 */
export class StripeUnreachableError extends Error {}

/** What Stripe says about an intent when asked: its status (or `missing`) and the intent. */
type StripeAnswer = { status: string; intent: Stripe.PaymentIntent | null }

async function askStripe(intentId: string): Promise<StripeAnswer> {
  try {
    const intent = await stripe().paymentIntents.retrieve(intentId)
    return { status: intent.status, intent }
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) {
      return { status: 'missing', intent: null }
    }
    throw new StripeUnreachableError(error instanceof Error ? error.message : String(error))
  }
}

function metadataOf(object: { metadata?: Stripe.Metadata | null }) {
  return (object.metadata ?? {}) as Record<string, string>
}

/** What an intent says about its payment; `received` for a success (what arrived). */
function intentReport(intent: Stripe.PaymentIntent, received: boolean): ReportedPayment {
  return {
    amount: intent.amount,
    ...(received ? { amountReceived: intent.amount_received } : {}),
    currency: intent.currency,
    metadata: metadataOf(intent),
  }
}

type Suspicion = {
  reason: SuspicionReason
  objectId: string | null
  mismatches?: Mismatch[]
  payment?: Payment | null
  amountFen: number | null
  currency: string | null
  stripeStatus?: string | null
  /** The contract an unknown intent names in its metadata, if there is one. */
  namedContractId?: string | null
}

/**
 * 可疑支付事件: a signed event the market cannot vouch for. Nothing else
 * changes — no payment, milestone or fee record — and it is kept, with the
 * disagreement, for regulators (and in the audit log).
 */
async function suspicious(trx: TransactionClientContract, event: Stripe.Event, found: Suspicion) {
  let contractId = found.payment?.contractId ?? null
  const named = Number(found.namedContractId)
  if (contractId === null && Number.isSafeInteger(named) && named > 0) {
    const contract = await Contract.query({ client: trx }).where('id', named).select('id').first()
    contractId = contract?.id ?? null
  }
  const record = await SuspiciousPaymentEvent.create(
    {
      stripeEventId: event.id,
      eventType: event.type,
      stripeObjectId: found.objectId,
      reason: found.reason,
      mismatches: JSON.stringify(found.mismatches ?? []),
      paymentId: found.payment?.id ?? null,
      contractId,
      amountFen: Number.isSafeInteger(found.amountFen) ? found.amountFen : null,
      currency: typeof found.currency === 'string' ? found.currency.slice(0, 8) : null,
      stripeStatus: found.stripeStatus ?? null,
      eventCreatedAt: DateTime.fromSeconds(Number(event.created) || 0),
      receivedAt: DateTime.fromJSDate(clock.now()),
    },
    { client: trx }
  )
  await recordAuditEvent(trx, {
    actor: null,
    action: 'payment.suspicious',
    subjectType: 'suspicious_payment_event',
    subjectId: record.id,
    payload: {
      stripeEvent: event.id,
      type: event.type,
      object: found.objectId,
      reason: found.reason,
      paymentId: record.paymentId,
      contractId,
      mismatches: found.mismatches ?? [],
      stripeStatus: record.stripeStatus,
    },
  })
  logger.warn(
    { event: event.id, object: found.objectId, reason: found.reason },
    'Suspicious Stripe event kept for regulators; nothing changed'
  )
  return 'suspicious' as const
}

function isUniqueViolation(error: unknown) {
  const code = error instanceof Object && 'code' in error ? error.code : undefined
  return (
    typeof code === 'string' &&
    ['ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE'].includes(code)
  )
}

/**
 * Claims the event: the first delivery inserts its id, every later one (a
 * retry, a replay, a concurrent duplicate) finds it taken and does nothing.
 */
async function claim(trx: TransactionClientContract, event: Stripe.Event) {
  try {
    await trx
      .insertQuery()
      .table('stripe_events')
      .insert({
        id: event.id,
        type: event.type,
        received_at: sqlTime(clock.now()),
      })
    return true
  } catch (error) {
    if (isUniqueViolation(error)) return false
    throw error
  }
}

/**
 * The payment of a PaymentIntent, locked — after its milestone, the order in
 * which starting a payment locks them too, so that the two never deadlock.
 */
async function lockPaymentOfIntent(trx: TransactionClientContract, intentId: string | null) {
  if (!intentId) return null
  const found = await trx
    .from('payments')
    .where('stripe_payment_intent_id', intentId)
    .select('milestone_id')
    .first()
  if (!found) return null
  await trx.from('milestones').where('id', found.milestone_id).forUpdate().select('id').first()
  return Payment.query({ client: trx })
    .where('stripe_payment_intent_id', intentId)
    .forUpdate()
    .first()
}

async function apply(payment: Payment, outcome: PaymentOutcome) {
  const next = paymentAfter(payment, outcome)
  const changed = next.status !== payment.status || next.refundedFen !== payment.refundedFen
  if (changed) {
    payment.merge({ status: next.status, refundedFen: next.refundedFen })
    await payment.save()
  }
  return changed
}

/** The payment's fee record, written once whichever event brings the news first. */
async function recordPayment(
  trx: TransactionClientContract,
  payment: Payment,
  amountFen: number,
  occurredAt: DateTime,
  eventId: string | null
) {
  const existing = await FeeRecord.query({ client: trx })
    .where('payment_id', payment.id)
    .where('kind', 'payment')
    .first()
  if (existing) return existing
  return FeeRecord.create(
    {
      contractId: payment.contractId,
      milestoneId: payment.milestoneId,
      paymentId: payment.id,
      kind: 'payment',
      amountFen,
      stripeObjectId: payment.stripePaymentIntentId,
      stripeEventId: eventId,
      occurredAt,
    },
    { client: trx }
  )
}

async function audit(
  trx: TransactionClientContract,
  action: string,
  payment: Payment,
  milestone: Milestone,
  event: Stripe.Event,
  extra: Record<string, unknown> = {}
) {
  await recordAuditEvent(trx, {
    actor: null,
    action,
    subjectType: 'payment',
    subjectId: payment.id,
    payload: {
      stripeEvent: event.id,
      paymentIntent: payment.stripePaymentIntentId,
      paymentStatus: payment.status,
      milestoneId: milestone.id,
      milestoneStatus: milestone.status,
      ...extra,
    },
  })
}

/**
 * payment_intent.succeeded pays the milestone only when the intent is one
 * the market created, the event agrees with the recorded payment, and Stripe
 * itself, asked before the transaction, confirms the intent succeeded for
 * that amount: a leaked webhook secret alone cannot pay a milestone.
 */
async function succeeded(
  trx: TransactionClientContract,
  event: Stripe.Event,
  answer: StripeAnswer | null
) {
  const intent = event.data.object as Stripe.PaymentIntent
  const at = DateTime.fromSeconds(event.created)
  const payment = await lockPaymentOfIntent(trx, intent.id)
  const claimed = {
    objectId: intent.id ?? null,
    amountFen: intent.amount_received || intent.amount,
    currency: intent.currency,
    stripeStatus: answer?.status ?? null,
  }
  if (!payment) {
    // A payment outside the market's milestones (or a forgery): evidence, never a fee record.
    return suspicious(trx, event, {
      ...claimed,
      reason: 'unknown_intent',
      namedContractId: metadataOf(intent).contract_id,
    })
  }
  // The payment appeared after Stripe was asked (it was not there then): ask again on redelivery.
  if (!answer) throw new StripeUnreachableError(`Stripe was not asked about ${intent.id}`)
  const mismatches = [
    ...paymentMismatches(payment, intentReport(intent, true)),
    ...(answer.intent
      ? paymentMismatches(payment, intentReport(answer.intent, true), 'stripe')
      : []),
  ]
  if (answer.status !== 'succeeded') {
    return suspicious(trx, event, { ...claimed, reason: 'not_confirmed', payment, mismatches })
  }
  if (mismatches.length > 0) {
    return suspicious(trx, event, { ...claimed, reason: 'mismatch', payment, mismatches })
  }
  const amountFen = answer.intent!.amount_received
  await apply(payment, { kind: 'succeeded' })
  await recordPayment(trx, payment, amountFen, at, event.id)
  const milestone = await syncMilestone(trx, payment.milestoneId, at)
  await audit(trx, 'payment.succeeded', payment, milestone, event, { amountFen })
  return 'processed' as const
}

/**
 * The payment an intent event is about, when the event agrees with it; the
 * suspicious-event outcome otherwise (an unknown intent, a disagreement).
 */
async function paymentOfIntentEvent(trx: TransactionClientContract, event: Stripe.Event) {
  const intent = event.data.object as Stripe.PaymentIntent
  const payment = await lockPaymentOfIntent(trx, intent.id)
  const claimed = {
    objectId: intent.id ?? null,
    amountFen: intent.amount,
    currency: intent.currency,
  }
  if (!payment) {
    return {
      outcome: await suspicious(trx, event, {
        ...claimed,
        reason: 'unknown_intent',
        namedContractId: metadataOf(intent).contract_id,
      }),
    }
  }
  const mismatches = paymentMismatches(payment, intentReport(intent, false))
  if (mismatches.length > 0) {
    return {
      outcome: await suspicious(trx, event, {
        ...claimed,
        reason: 'mismatch',
        payment,
        mismatches,
      }),
    }
  }
  return { payment, intent }
}

async function failed(trx: TransactionClientContract, event: Stripe.Event) {
  const checked = await paymentOfIntentEvent(trx, event)
  if (checked.outcome) return checked.outcome
  const { payment, intent } = checked
  const at = DateTime.fromSeconds(event.created)
  // The attempt failed (a decline is a fee event too); a failure reported after the
  // success changes nothing else.
  const applied = await apply(payment, { kind: 'failed' })
  const chargeId = intent.last_payment_error?.charge ?? intent.latest_charge
  await FeeRecord.create(
    {
      contractId: payment.contractId,
      milestoneId: payment.milestoneId,
      paymentId: payment.id,
      kind: 'failure',
      amountFen: intent.amount,
      stripeObjectId: (typeof chargeId === 'string' ? chargeId : chargeId?.id) ?? intent.id,
      stripeEventId: event.id,
      occurredAt: at,
    },
    { client: trx }
  )
  const milestone = await syncMilestone(trx, payment.milestoneId, at)
  await audit(trx, 'payment.failed', payment, milestone, event, {
    applied,
    code: intent.last_payment_error?.code ?? null,
    declineCode: intent.last_payment_error?.decline_code ?? null,
  })
  return 'processed' as const
}

async function canceled(trx: TransactionClientContract, event: Stripe.Event) {
  const checked = await paymentOfIntentEvent(trx, event)
  if (checked.outcome) return checked.outcome
  const { payment, intent } = checked
  const applied = await apply(payment, { kind: 'canceled' })
  const milestone = await syncMilestone(
    trx,
    payment.milestoneId,
    DateTime.fromSeconds(event.created)
  )
  await audit(trx, 'payment.canceled', payment, milestone, event, {
    applied,
    reason: intent.cancellation_reason ?? null,
  })
  return 'processed' as const
}

/**
 * charge.refunded carries the charge with its cumulative amount_refunded: the
 * refund fee record is what was not yet recorded, so repeated or older
 * totals add nothing and partial refunds add up.
 */
async function refunded(trx: TransactionClientContract, event: Stripe.Event) {
  const charge = event.data.object as Stripe.Charge
  const intentId =
    typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id
  const payment = await lockPaymentOfIntent(trx, intentId ?? null)
  const claimed = {
    objectId: charge.id ?? null,
    amountFen: charge.amount_refunded,
    currency: charge.currency,
  }
  if (!payment) {
    return suspicious(trx, event, {
      ...claimed,
      reason: 'unknown_intent',
      namedContractId: metadataOf(charge).contract_id,
    })
  }
  const mismatches = paymentMismatches(payment, {
    amount: charge.amount,
    amountRefunded: charge.amount_refunded,
    currency: charge.currency,
  })
  if (mismatches.length > 0) {
    return suspicious(trx, event, { ...claimed, reason: 'mismatch', payment, mismatches })
  }
  const at = DateTime.fromSeconds(event.created)
  // A refund proves the payment: record it if its own event has not arrived yet.
  await recordPayment(trx, payment, charge.amount_captured || charge.amount, at, null)
  const before = payment.refundedFen
  await apply(payment, { kind: 'refunded', amountRefundedFen: charge.amount_refunded })
  const refundFen = payment.refundedFen - before
  if (refundFen > 0) {
    await FeeRecord.create(
      {
        contractId: payment.contractId,
        milestoneId: payment.milestoneId,
        paymentId: payment.id,
        kind: 'refund',
        amountFen: refundFen,
        stripeObjectId: charge.id,
        stripeEventId: event.id,
        occurredAt: at,
      },
      { client: trx }
    )
  }
  const milestone = await syncMilestone(trx, payment.milestoneId, at)
  await audit(trx, 'payment.refunded', payment, milestone, event, {
    refundFen,
    refundedFen: payment.refundedFen,
  })
  return 'processed' as const
}

/**
 * On MySQL the event's transaction reads committed data: two events of one
 * payment (its success and its refund, delivered at once) queue on the
 * payment's row lock, and the second must then see the fee record the first
 * committed. Under InnoDB's default repeatable read its reads would answer
 * from the snapshot taken before it waited, and record the payment twice
 * (found by the crash-safety burst); a locking read instead would take gap
 * locks that deadlock two payments inserting their records. SQLite
 * serialises every transaction anyway.
 */
function eventIsolation() {
  const client = db.connection()
  // Inside an open transaction (the test suite's global one) this one is a savepoint: no level.
  if (client.dialect.name !== 'mysql' || client.isTransaction) return undefined
  return { isolationLevel: 'read committed' as const }
}

/**
 * Before a success is applied, Stripe is asked about the intent (outside the
 * transaction: no lock is held during a network call). An intent of the
 * market's must be answered — otherwise the event is refused and Stripe
 * retries it; for an unknown one the answer only informs regulators.
 */
async function stripeAnswerFor(event: Stripe.Event): Promise<StripeAnswer | null> {
  if (event.type !== 'payment_intent.succeeded') return null
  const intentId = (event.data.object as Stripe.PaymentIntent).id
  if (typeof intentId !== 'string' || intentId === '') return null
  const seen = await db.from('stripe_events').where('id', event.id).select('id').first()
  if (seen) return null
  const ours = await db
    .from('payments')
    .where('stripe_payment_intent_id', intentId)
    .select('id')
    .first()
  if (ours) return askStripe(intentId)
  return askStripe(intentId).catch(() => null)
}

/**
 * Processes one verified Stripe event exactly once, in one transaction: the
 * event id is claimed first, then the payment, its fee record, the
 * milestone and the audit event change together (or not at all) — or, for
 * an event the market cannot vouch for, only the suspicious event is kept.
 */
export async function processStripeEvent(event: Stripe.Event): Promise<EventOutcome> {
  const answer = await stripeAnswerFor(event)
  return db.transaction(async (trx) => {
    if (!(await claim(trx, event))) return 'duplicate'
    switch (event.type) {
      case 'payment_intent.succeeded':
        return succeeded(trx, event, answer)
      case 'payment_intent.payment_failed':
        return failed(trx, event)
      case 'payment_intent.canceled':
        return canceled(trx, event)
      case 'charge.refunded':
        return refunded(trx, event)
      default:
        return 'ignored'
    }
  }, eventIsolation())
}
