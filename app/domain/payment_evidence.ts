/*
 * Whether a Stripe event (or Stripe's own answer about an intent) agrees with
 * the payment the market recorded when it created the intent. A valid
 * signature proves who sent an event, not that it describes the payment the
 * market asked for: an event that disagrees changes nothing and is kept for
 * regulators as suspicious (never a fee record).
 */

/** Why an event is suspicious. */
export const SUSPICION_REASONS = [
  // The market did not create this PaymentIntent (or its charge's).
  'unknown_intent',
  // Amount, currency or the contract/milestone it names disagree with the recorded payment.
  'mismatch',
  // A success Stripe does not confirm when asked (the intent is not succeeded, or not there).
  'not_confirmed',
] as const
export type SuspicionReason = (typeof SUSPICION_REASONS)[number]

export type RecordedPayment = {
  amountFen: number
  currency: string
  contractId: number
  milestoneId: number
}

/** What an event (or Stripe) says about the payment's intent or its charge. */
export type ReportedPayment = {
  amount?: number | null
  /** What was received (succeeded intents) or captured (charges); left out where nothing is due. */
  amountReceived?: number | null
  amountRefunded?: number | null
  currency?: string | null
  /** Intents only: a charge carries no metadata this check relies on. */
  metadata?: Record<string, string> | null
}

export type Mismatch = {
  field: string
  expected: string | number
  received: string | number | null
  /** Where the disagreeing value came from: the event's body, or Stripe's answer when asked. */
  source: 'event' | 'stripe'
}

/**
 * The fields in which a reported intent or charge disagrees with the recorded
 * payment: its amount, what was received (where it is given), a refunded
 * total above the amount, the currency (case-insensitive, as Stripe writes it
 * in lower case), and — for intents — the contract and milestone its
 * metadata names, which the market always sets.
 */
export function paymentMismatches(
  recorded: RecordedPayment,
  reported: ReportedPayment,
  source: Mismatch['source'] = 'event'
): Mismatch[] {
  const found: Mismatch[] = []
  const differ = (field: string, expected: string | number, received: unknown) => {
    const value = received === undefined || received === null ? null : (received as string | number)
    if (value !== expected) found.push({ field, expected, received: value, source })
  }
  differ('amount', recorded.amountFen, reported.amount)
  if (reported.amountReceived !== undefined) {
    differ('amount_received', recorded.amountFen, reported.amountReceived)
  }
  if ((reported.amountRefunded ?? 0) > recorded.amountFen) {
    found.push({
      field: 'amount_refunded',
      expected: recorded.amountFen,
      received: reported.amountRefunded!,
      source,
    })
  }
  differ(
    'currency',
    recorded.currency.toLowerCase(),
    typeof reported.currency === 'string' ? reported.currency.toLowerCase() : null
  )
  if (reported.metadata !== undefined) {
    const metadata = reported.metadata ?? {}
    differ('metadata.contract_id', String(recorded.contractId), metadata.contract_id)
    differ('metadata.milestone_id', String(recorded.milestoneId), metadata.milestone_id)
  }
  return found
}
