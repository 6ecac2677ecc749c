import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import Contract from '#models/contract'
import FeeRecord from '#models/fee_record'
import Milestone from '#models/milestone'
import Payment from '#models/payment'
import { paymentAfter, type PaymentOutcome } from '#domain/payment_state'
import { recordAuditEvent } from '#services/audit_log'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'
import type { Stripe } from '#services/stripe'
import { syncMilestone } from '#actions/payments/milestone_payments'

/** The events that change something here; every other event is acknowledged and kept. */
export const HANDLED_STRIPE_EVENTS = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'charge.refunded',
] as const

export type EventOutcome = 'processed' | 'duplicate' | 'ignored'

function isUniqueViolation(error: any) {
  return ['ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE'].includes(
    error?.code
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

async function succeeded(trx: TransactionClientContract, event: Stripe.Event) {
  const intent = event.data.object as Stripe.PaymentIntent
  const at = DateTime.fromSeconds(event.created)
  const amountFen = intent.amount_received || intent.amount
  const payment = await lockPaymentOfIntent(trx, intent.id)
  if (!payment) return unmatchedPayment(trx, event, intent, amountFen, at)
  await apply(payment, { kind: 'succeeded' })
  await recordPayment(trx, payment, amountFen, at, event.id)
  const milestone = await syncMilestone(trx, payment.milestoneId, at)
  await audit(trx, 'payment.succeeded', payment, milestone, event, { amountFen })
  return 'processed' as const
}

/**
 * A PaymentIntent this platform did not create (e.g. made in Stripe's
 * dashboard) that names one of its contracts: the money is real, so it is a
 * fee record — one regulators see flagged as outside the milestones.
 */
async function unmatchedPayment(
  trx: TransactionClientContract,
  event: Stripe.Event,
  intent: Stripe.PaymentIntent,
  amountFen: number,
  at: DateTime
) {
  const contractId = Number(intent.metadata?.contract_id)
  const contract = Number.isInteger(contractId)
    ? await Contract.query({ client: trx }).where('id', contractId).first()
    : null
  if (!contract) {
    logger.warn({ event: event.id, intent: intent.id }, 'Stripe payment of no known contract')
    return 'ignored' as const
  }
  const milestoneId = Number(intent.metadata?.milestone_id)
  const milestone = Number.isInteger(milestoneId)
    ? await Milestone.query({ client: trx }).where('id', milestoneId).first()
    : null
  const record = await FeeRecord.create(
    {
      contractId: contract.id,
      milestoneId: milestone?.id ?? null,
      paymentId: null,
      kind: 'payment',
      amountFen,
      stripeObjectId: intent.id,
      stripeEventId: event.id,
      occurredAt: at,
    },
    { client: trx }
  )
  await recordAuditEvent(trx, {
    actor: null,
    action: 'payment.unmatched',
    subjectType: 'fee_record',
    subjectId: record.id,
    payload: {
      stripeEvent: event.id,
      paymentIntent: intent.id,
      contractId: contract.id,
      amountFen,
    },
  })
  return 'processed' as const
}

async function failed(trx: TransactionClientContract, event: Stripe.Event) {
  const intent = event.data.object as Stripe.PaymentIntent
  const at = DateTime.fromSeconds(event.created)
  const payment = await lockPaymentOfIntent(trx, intent.id)
  if (!payment) return 'ignored' as const
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
  const intent = event.data.object as Stripe.PaymentIntent
  const payment = await lockPaymentOfIntent(trx, intent.id)
  if (!payment) return 'ignored' as const
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
  if (!payment) return 'ignored' as const
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
 * Processes one verified Stripe event exactly once, in one transaction: the
 * event id is claimed first, then the payment, its fee record, the
 * milestone and the audit event change together (or not at all).
 */
export async function processStripeEvent(event: Stripe.Event): Promise<EventOutcome> {
  return db.transaction(async (trx) => {
    if (!(await claim(trx, event))) return 'duplicate'
    switch (event.type) {
      case 'payment_intent.succeeded':
        return succeeded(trx, event)
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
