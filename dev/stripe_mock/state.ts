/*
 * The state of the local Stripe mock: PaymentIntents, their charges, refunds
 * and the events Stripe would send, with Stripe's own JSON shapes, state
 * transitions and error objects — for exactly the endpoints this platform
 * uses. Card test payment methods (pm_card_visa, pm_card_chargeDeclined…)
 * behave as in Stripe's test mode; Alipay and WeChat Pay wait for the payer
 * (requires_action) until the mock is told the payer approved or declined.
 */
import { randomBytes } from 'node:crypto'
import type { FormObject, FormValue } from './form_encoding.js'

export type StripeObject = Record<string, any>

export type StripeEvent = {
  id: string
  object: 'event'
  api_version: string | null
  created: number
  data: { object: StripeObject; previous_attributes?: StripeObject }
  livemode: false
  pending_webhooks: number
  request: { id: string | null; idempotency_key: string | null }
  type: string
}

/** Who asked: events carry the request id and idempotency key that caused them. */
export type RequestContext = {
  requestId: string
  idempotencyKey: string | null
  apiVersion: string | null
}

/** An error as Stripe answers it: `{error:{type, code, message, param?…}}` with an HTTP status. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: StripeObject
  ) {
    super(error.message)
  }
}

const DOCS = 'https://stripe.com/docs/error-codes'

function invalidRequest(message: string, code?: string, param?: string, status = 400) {
  return new StripeApiError(status, {
    type: 'invalid_request_error',
    ...(code ? { code, doc_url: `${DOCS}/${code.replaceAll('_', '-')}` } : {}),
    message,
    ...(param ? { param } : {}),
  })
}

function noSuch(kind: string, id: string, param: string) {
  return invalidRequest(`No such ${kind}: '${id}'`, 'resource_missing', param, 404)
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Stripe-looking ids: a prefix and 24 random base-62 characters (`pi_3Qx…`). */
export function stripeId(prefix: string, length = 24) {
  const bytes = randomBytes(length)
  let id = ''
  for (const byte of bytes) id += BASE62[byte % 62]
  return `${prefix}_${id}`
}

/** Card test payment methods of Stripe's test mode and what confirming with them does. */
type TestCard = {
  brand: string
  last4: string
  country: string
  funding: string
  decline?: { code: string; declineCode?: string; message: string }
}

const VISA: TestCard = { brand: 'visa', last4: '4242', country: 'US', funding: 'credit' }
const DECLINED = (last4: string, code: string, declineCode: string | undefined, message: string) =>
  ({
    brand: 'visa',
    last4,
    country: 'US',
    funding: 'credit',
    decline: { code, declineCode, message },
  }) satisfies TestCard

const TEST_CARDS: Record<string, TestCard> = {
  pm_card_visa: VISA,
  pm_card_visa_debit: { ...VISA, last4: '5556', funding: 'debit' },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444', country: 'US', funding: 'credit' },
  pm_card_amex: { brand: 'amex', last4: '8431', country: 'US', funding: 'credit' },
  pm_card_jcb: { brand: 'jcb', last4: '0000', country: 'JP', funding: 'credit' },
  pm_card_unionpay: { brand: 'unionpay', last4: '0005', country: 'CN', funding: 'credit' },
  pm_card_cn: { ...VISA, last4: '0002', country: 'CN' },
  pm_card_chargeDeclined: DECLINED(
    '0002',
    'card_declined',
    'generic_decline',
    'Your card was declined.'
  ),
  pm_card_visa_chargeDeclined: DECLINED(
    '0002',
    'card_declined',
    'generic_decline',
    'Your card was declined.'
  ),
  pm_card_visa_chargeDeclinedInsufficientFunds: DECLINED(
    '9995',
    'card_declined',
    'insufficient_funds',
    'Your card has insufficient funds.'
  ),
  pm_card_visa_chargeDeclinedLostCard: DECLINED(
    '9987',
    'card_declined',
    'lost_card',
    'Your card was declined.'
  ),
  pm_card_visa_chargeDeclinedStolenCard: DECLINED(
    '9979',
    'card_declined',
    'stolen_card',
    'Your card was declined.'
  ),
  pm_card_chargeDeclinedExpiredCard: DECLINED(
    '0069',
    'expired_card',
    undefined,
    'Your card has expired.'
  ),
  pm_card_chargeDeclinedIncorrectCvc: DECLINED(
    '0127',
    'incorrect_cvc',
    undefined,
    "Your card's security code is incorrect."
  ),
  pm_card_chargeDeclinedProcessingError: DECLINED(
    '0119',
    'processing_error',
    undefined,
    'An error occurred while processing your card. Try again in a little bit.'
  ),
}

/** The payment method types the mock accepts in `payment_method_types`. */
export const SUPPORTED_PAYMENT_METHOD_TYPES = ['card', 'alipay', 'wechat_pay'] as const

const CANCELABLE = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
]
const CANCELLATION_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned']
const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer']
// Stripe's largest amount for one payment: eight digits in the smallest unit.
const MAX_AMOUNT = 99_999_999

/** Parameters each endpoint accepts; anything else is refused as Stripe does. */
const ALLOWED = {
  createIntent: [
    'amount',
    'currency',
    'allowed_payment_method_types',
    'payment_method_types',
    'payment_method',
    'payment_method_data',
    'payment_method_options',
    'metadata',
    'description',
    'confirm',
    'receipt_email',
    'statement_descriptor',
    'statement_descriptor_suffix',
    'capture_method',
    'return_url',
    'expand',
  ],
  confirmIntent: [
    'payment_method',
    'payment_method_data',
    'payment_method_options',
    'return_url',
    'receipt_email',
    'expand',
  ],
  cancelIntent: ['cancellation_reason', 'expand'],
  createRefund: [
    'payment_intent',
    'charge',
    'amount',
    'reason',
    'metadata',
    'instructions_email',
    'expand',
  ],
}

function refuseUnknown(params: FormObject, allowed: string[]) {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) {
      throw invalidRequest(`Received unknown parameter: ${key}`, 'parameter_unknown', key)
    }
  }
}

function text(params: FormObject, name: string): string | undefined {
  const value = params[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string') {
    throw invalidRequest(`Invalid string: ${name}`, 'parameter_invalid_string', name)
  }
  return value
}

function integer(params: FormObject, name: string): number | undefined {
  const value = text(params, name)
  if (value === undefined) return undefined
  if (!/^-?\d+$/.test(value)) {
    throw invalidRequest(`Invalid integer: ${value}`, 'parameter_invalid_integer', name)
  }
  return Number(value)
}

function bool(params: FormObject, name: string) {
  const value = text(params, name)
  if (value === undefined) return undefined
  if (value !== 'true' && value !== 'false') {
    throw invalidRequest(`Invalid boolean: ${value}`, 'parameter_invalid_boolean', name)
  }
  return value === 'true'
}

function oneOf(params: FormObject, name: string, allowed: readonly string[]) {
  const value = text(params, name)
  if (value !== undefined && !allowed.includes(value)) {
    throw invalidRequest(
      `Invalid ${name}: must be one of ${allowed.join(', ')}`,
      'parameter_invalid_string',
      name
    )
  }
  return value
}

/** Stripe metadata: string values, at most 50 keys of 40 characters, values of 500. */
function metadataOf(value: FormValue | undefined, previous: Record<string, string> = {}) {
  if (value === undefined || value === '') return value === '' ? {} : previous
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidRequest('Invalid hash', 'parameter_invalid_string', 'metadata')
  }
  const metadata = { ...previous }
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string' || key.length > 40 || item.length > 500) {
      throw invalidRequest(`Invalid metadata[${key}]`, 'parameter_invalid_string', 'metadata')
    }
    if (item === '') delete metadata[key]
    else metadata[key] = item
  }
  if (Object.keys(metadata).length > 50) {
    throw invalidRequest(
      'Metadata can have at most 50 keys',
      'parameter_invalid_string',
      'metadata'
    )
  }
  return metadata
}

export type SerializedState = {
  paymentIntents: StripeObject[]
  charges: StripeObject[]
  refunds: StripeObject[]
  paymentMethods: StripeObject[]
  events: StripeEvent[]
}

export class StripeMockState {
  paymentIntents = new Map<string, StripeObject>()
  charges = new Map<string, StripeObject>()
  refunds = new Map<string, StripeObject>()
  paymentMethods = new Map<string, StripeObject>()
  events: StripeEvent[] = []

  constructor(
    private now: () => Date = () => new Date(),
    /** Called with every event as it happens (the server queues it for webhook delivery). */
    private onEvent: (event: StripeEvent) => void = () => {}
  ) {}

  private unix() {
    return Math.floor(this.now().getTime() / 1000)
  }

  private emit(
    type: string,
    object: StripeObject,
    context: RequestContext,
    previousAttributes?: StripeObject
  ) {
    const event: StripeEvent = {
      id: stripeId('evt'),
      object: 'event',
      api_version: context.apiVersion,
      created: this.unix(),
      data: {
        object: structuredClone(object),
        ...(previousAttributes ? { previous_attributes: previousAttributes } : {}),
      },
      livemode: false,
      pending_webhooks: 1,
      request: { id: context.requestId, idempotency_key: context.idempotencyKey },
      type,
    }
    this.events.push(event)
    this.onEvent(event)
  }

  /** POST /v1/payment_intents */
  createPaymentIntent(params: FormObject, context: RequestContext) {
    refuseUnknown(params, ALLOWED.createIntent)
    const amount = integer(params, 'amount')
    if (amount === undefined) {
      throw invalidRequest('Missing required param: amount.', 'parameter_missing', 'amount')
    }
    if (amount < 1) {
      throw invalidRequest(
        'This value must be greater than or equal to 1.',
        'parameter_invalid_integer',
        'amount'
      )
    }
    if (amount > MAX_AMOUNT) {
      throw invalidRequest(
        `Amount must be no more than ${MAX_AMOUNT}`,
        'amount_too_large',
        'amount'
      )
    }
    const currency = text(params, 'currency')?.toLowerCase()
    if (!currency) {
      throw invalidRequest('Missing required param: currency.', 'parameter_missing', 'currency')
    }
    if (!/^[a-z]{3}$/.test(currency)) {
      throw invalidRequest(`Invalid currency: ${currency}.`, 'parameter_invalid_string', 'currency')
    }
    // API 2026-10-28 names the list allowed_payment_method_types and answers with the compatible
    // ones in payment_method_types; older versions took payment_method_types itself.
    const allowedParam = params.allowed_payment_method_types
      ? 'allowed_payment_method_types'
      : 'payment_method_types'
    const allowed = params[allowedParam] ?? ['card']
    if (!Array.isArray(allowed) || allowed.some((type) => typeof type !== 'string')) {
      throw invalidRequest('Invalid array', 'parameter_invalid_string', allowedParam)
    }
    const types = (allowed as string[]).filter((type) =>
      (SUPPORTED_PAYMENT_METHOD_TYPES as readonly string[]).includes(type)
    )
    if (
      types.length === 0 ||
      (allowedParam === 'payment_method_types' && types.length < allowed.length)
    ) {
      throw invalidRequest(
        `None of the payment method types ${allowed.join(', ')} can be used here: the local Stripe mock supports ${SUPPORTED_PAYMENT_METHOD_TYPES.join(', ')}.`,
        'payment_intent_invalid_parameter',
        allowedParam
      )
    }
    const captureMethod = oneOf(params, 'capture_method', [
      'automatic',
      'automatic_async',
      'manual',
    ])
    if (captureMethod === 'manual') {
      throw invalidRequest(
        'The local Stripe mock captures automatically only.',
        'parameter_invalid_string',
        'capture_method'
      )
    }
    const id = stripeId('pi')
    const intent: StripeObject = {
      id,
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_details: { tip: {} },
      amount_received: 0,
      allowed_payment_method_types:
        allowedParam === 'allowed_payment_method_types' ? allowed : null,
      application: null,
      application_fee_amount: null,
      automatic_payment_methods: null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: captureMethod ?? 'automatic_async',
      client_secret: `${id}_secret_${stripeId('x', 25).slice(2)}`,
      confirmation_method: 'automatic',
      created: this.unix(),
      currency,
      customer: null,
      description: text(params, 'description') ?? null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: metadataOf(params.metadata),
      next_action: null,
      on_behalf_of: null,
      payment_method: null,
      payment_method_options: this.methodOptions(types, params.payment_method_options),
      payment_method_types: types,
      processing: null,
      receipt_email: text(params, 'receipt_email') ?? null,
      review: null,
      setup_future_usage: null,
      shipping: null,
      statement_descriptor: text(params, 'statement_descriptor') ?? null,
      statement_descriptor_suffix: text(params, 'statement_descriptor_suffix') ?? null,
      status: 'requires_payment_method',
      transfer_data: null,
      transfer_group: null,
    }
    const paymentMethod = text(params, 'payment_method')
    if (paymentMethod) {
      intent.payment_method = this.resolvePaymentMethod(paymentMethod, 'payment_method').id
      intent.status = 'requires_confirmation'
    }
    this.paymentIntents.set(id, intent)
    if (bool(params, 'confirm')) {
      return this.confirmPaymentIntent(
        id,
        {
          ...(paymentMethod ? { payment_method: paymentMethod } : {}),
          ...(params.payment_method_data
            ? { payment_method_data: params.payment_method_data }
            : {}),
          ...(params.return_url ? { return_url: params.return_url } : {}),
        },
        context
      )
    }
    return structuredClone(intent)
  }

  private methodOptions(types: string[], given: FormValue | undefined) {
    const options: StripeObject = {}
    const requested = (given && typeof given === 'object' ? given : {}) as StripeObject
    for (const type of types) {
      if (type === 'card') {
        options.card = {
          installments: null,
          mandate_options: null,
          network: null,
          request_three_d_secure: 'automatic',
          ...requested.card,
        }
      }
      if (type === 'alipay') options.alipay = { ...requested.alipay }
      if (type === 'wechat_pay') {
        options.wechat_pay = { app_id: null, client: null, ...requested.wechat_pay }
      }
    }
    return options
  }

  /** GET /v1/payment_intents/:id */
  retrievePaymentIntent(id: string) {
    const intent = this.paymentIntents.get(id)
    if (!intent) throw noSuch('payment_intent', id, 'intent')
    return structuredClone(intent)
  }

  private resolvePaymentMethod(id: string, param: string) {
    const existing = this.paymentMethods.get(id)
    if (existing) return existing
    const card = TEST_CARDS[id]
    if (!card) throw noSuch('PaymentMethod', id, param)
    const method: StripeObject = {
      id: stripeId('pm'),
      object: 'payment_method',
      billing_details: { address: null, email: null, name: null, phone: null },
      card: {
        brand: card.brand,
        country: card.country,
        exp_month: 12,
        exp_year: new Date().getUTCFullYear() + 3,
        funding: card.funding,
        last4: card.last4,
      },
      created: this.unix(),
      customer: null,
      livemode: false,
      metadata: {},
      type: 'card',
      // What confirming with it does; not part of Stripe's shape, stripped on output.
      _testCard: card,
    }
    this.paymentMethods.set(method.id, method)
    return method
  }

  private walletMethod(type: string) {
    const method: StripeObject = {
      id: stripeId('pm'),
      object: 'payment_method',
      billing_details: { address: null, email: null, name: null, phone: null },
      created: this.unix(),
      customer: null,
      livemode: false,
      metadata: {},
      type,
      [type]: {},
    }
    this.paymentMethods.set(method.id, method)
    return method
  }

  private publicMethod(method: StripeObject) {
    const copy = structuredClone(method)
    delete copy._testCard
    return copy
  }

  /** POST /v1/payment_intents/:id/confirm */
  confirmPaymentIntent(id: string, params: FormObject, context: RequestContext) {
    refuseUnknown(params, ALLOWED.confirmIntent)
    const intent = this.paymentIntents.get(id)
    if (!intent) throw noSuch('payment_intent', id, 'intent')
    if (
      !['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(
        intent.status
      )
    ) {
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        doc_url: `${DOCS}/payment-intent-unexpected-state`,
        message:
          intent.status === 'succeeded'
            ? 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.'
            : `You cannot confirm this PaymentIntent because it has a status of ${intent.status}.`,
        payment_intent: structuredClone(intent),
      })
    }

    let method: StripeObject | undefined
    const given = text(params, 'payment_method')
    const data = params.payment_method_data as StripeObject | undefined
    if (given) method = this.resolvePaymentMethod(given, 'payment_method')
    else if (data && typeof data === 'object' && typeof data.type === 'string') {
      if (!['alipay', 'wechat_pay'].includes(data.type)) {
        throw invalidRequest(
          'The local Stripe mock takes card test payment methods (pm_card_visa…) or payment_method_data[type]=alipay|wechat_pay.',
          'parameter_invalid_string',
          'payment_method_data[type]'
        )
      }
      method = this.walletMethod(data.type)
    } else if (intent.payment_method) {
      method = this.paymentMethods.get(intent.payment_method)
    }
    if (!method) {
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        doc_url: `${DOCS}/payment-intent-unexpected-state`,
        message:
          "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method or ConfirmationToken.",
        payment_intent: structuredClone(intent),
      })
    }
    if (!intent.payment_method_types.includes(method.type)) {
      throw invalidRequest(
        `The PaymentMethod provided (${method.type}) is not allowed for this PaymentIntent. Please attach a PaymentMethod of one of the following types: ${intent.payment_method_types.join(', ')}. Alternatively, update the allowed payment_method_types for this PaymentIntent to include "${method.type}".`,
        'payment_intent_incompatible_payment_method',
        'payment_method'
      )
    }
    intent.payment_method = method.id
    intent.last_payment_error = null

    if (method.type !== 'card') {
      // Alipay redirects the payer, WeChat Pay shows a QR code: the intent waits for them.
      intent.status = 'requires_action'
      intent.next_action =
        method.type === 'alipay'
          ? {
              type: 'alipay_handle_redirect',
              alipay_handle_redirect: {
                native_data: null,
                native_url: null,
                return_url: text(params, 'return_url') ?? null,
                url: `https://stripe.example/mock/alipay/${id}`,
              },
            }
          : {
              type: 'wechat_pay_display_qr_code',
              wechat_pay_display_qr_code: {
                data: `weixin://wxpay/bizpayurl?pr=${id}`,
                hosted_instructions_url: `https://stripe.example/mock/wechat_pay/${id}`,
                image_data_url: null,
              },
            }
      return structuredClone(intent)
    }
    return this.settle(intent, method, method._testCard.decline, context)
  }

  /**
   * The payer approved or declined an Alipay/WeChat Pay intent waiting in
   * requires_action (what Stripe's test-mode redirect page does). Mock only.
   */
  completeAction(id: string, outcome: 'succeed' | 'fail', context: RequestContext) {
    const intent = this.paymentIntents.get(id)
    if (!intent) throw noSuch('payment_intent', id, 'intent')
    if (intent.status !== 'requires_action') {
      throw invalidRequest(
        `The PaymentIntent has a status of ${intent.status}, not requires_action.`,
        'payment_intent_unexpected_state'
      )
    }
    const method = this.paymentMethods.get(intent.payment_method)!
    const decline =
      outcome === 'fail'
        ? {
            code: 'payment_intent_payment_attempt_failed',
            message: 'The payment failed.',
          }
        : undefined
    return this.settle(intent, method, decline, context)
  }

  /** One attempt: a charge that succeeds or fails, the intent's new state and the events. */
  private settle(
    intent: StripeObject,
    method: StripeObject,
    decline: TestCard['decline'],
    context: RequestContext
  ) {
    const charge = this.charge(intent, method, decline)
    intent.latest_charge = charge.id
    intent.next_action = null
    if (decline) {
      const error: StripeObject = {
        type: method.type === 'card' ? 'card_error' : 'invalid_request_error',
        code: decline.code,
        ...(decline.declineCode ? { decline_code: decline.declineCode } : {}),
        doc_url: `${DOCS}/${decline.code.replaceAll('_', '-')}`,
        message: decline.message,
        charge: charge.id,
        payment_method: this.publicMethod(method),
        payment_method_type: method.type,
      }
      intent.status = 'requires_payment_method'
      intent.last_payment_error = error
      intent.payment_method = null
      this.emit('payment_intent.payment_failed', intent, context)
      throw new StripeApiError(402, { ...error, payment_intent: structuredClone(intent) })
    }
    intent.status = 'succeeded'
    intent.amount_received = intent.amount
    this.emit('payment_intent.succeeded', intent, context)
    return structuredClone(intent)
  }

  private charge(intent: StripeObject, method: StripeObject, decline: TestCard['decline']) {
    const charge: StripeObject = {
      id: stripeId('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: decline ? 0 : intent.amount,
      amount_refunded: 0,
      balance_transaction: decline ? null : stripeId('txn'),
      billing_details: method.billing_details,
      captured: !decline,
      created: this.unix(),
      currency: intent.currency,
      customer: null,
      description: intent.description,
      disputed: false,
      failure_code: decline?.code ?? null,
      failure_message: decline?.message ?? null,
      livemode: false,
      metadata: structuredClone(intent.metadata),
      outcome: decline
        ? {
            network_status: 'declined_by_network',
            reason: decline.declineCode ?? decline.code,
            risk_level: 'normal',
            seller_message: 'The bank did not return any further details with this decline.',
            type: 'issuer_declined',
          }
        : {
            network_status: 'approved_by_network',
            reason: null,
            risk_level: 'normal',
            seller_message: 'Payment complete.',
            type: 'authorized',
          },
      paid: !decline,
      payment_intent: intent.id,
      payment_method: method.id,
      payment_method_details:
        method.type === 'card'
          ? { type: 'card', card: { ...method.card } }
          : { type: method.type, [method.type]: {} },
      refunded: false,
      status: decline ? 'failed' : 'succeeded',
    }
    this.charges.set(charge.id, charge)
    return charge
  }

  /** POST /v1/payment_intents/:id/cancel */
  cancelPaymentIntent(id: string, params: FormObject, context: RequestContext) {
    refuseUnknown(params, ALLOWED.cancelIntent)
    const intent = this.paymentIntents.get(id)
    if (!intent) throw noSuch('payment_intent', id, 'intent')
    const reason = oneOf(params, 'cancellation_reason', CANCELLATION_REASONS)
    if (!CANCELABLE.includes(intent.status)) {
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        doc_url: `${DOCS}/payment-intent-unexpected-state`,
        message: `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
        payment_intent: structuredClone(intent),
      })
    }
    intent.status = 'canceled'
    intent.canceled_at = this.unix()
    intent.cancellation_reason = reason ?? null
    intent.next_action = null
    this.emit('payment_intent.canceled', intent, context)
    return structuredClone(intent)
  }

  /** POST /v1/refunds: full or partial, of a succeeded PaymentIntent (or its charge). */
  createRefund(params: FormObject, context: RequestContext) {
    refuseUnknown(params, ALLOWED.createRefund)
    const intentId = text(params, 'payment_intent')
    const chargeId = text(params, 'charge')
    if (!intentId && !chargeId) {
      throw invalidRequest(
        'One of the following params should be provided for this request: payment_intent or charge.',
        'parameter_missing'
      )
    }
    let charge: StripeObject | undefined
    if (intentId) {
      const intent = this.paymentIntents.get(intentId)
      if (!intent) throw noSuch('payment_intent', intentId, 'payment_intent')
      if (intent.status !== 'succeeded') {
        throw invalidRequest(
          `This PaymentIntent (${intentId}) does not have a successful charge to refund.`,
          'charge_not_refundable',
          'payment_intent'
        )
      }
      charge = this.charges.get(intent.latest_charge)
    } else {
      charge = this.charges.get(chargeId!)
      if (!charge) throw noSuch('charge', chargeId!, 'charge')
    }
    if (!charge || charge.status !== 'succeeded') {
      throw invalidRequest(
        'This charge cannot be refunded because it did not succeed.',
        'charge_not_refundable'
      )
    }
    const remaining = charge.amount - charge.amount_refunded
    if (remaining === 0) {
      throw invalidRequest(
        `Charge ${charge.id} has already been refunded.`,
        'charge_already_refunded'
      )
    }
    const amount = integer(params, 'amount') ?? remaining
    if (amount < 1) {
      throw invalidRequest(
        'This value must be greater than or equal to 1.',
        'parameter_invalid_integer',
        'amount'
      )
    }
    if (amount > remaining) {
      throw invalidRequest(
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
        'amount_too_large',
        'amount'
      )
    }
    const refund: StripeObject = {
      id: stripeId('re'),
      object: 'refund',
      amount,
      balance_transaction: stripeId('txn'),
      charge: charge.id,
      created: this.unix(),
      currency: charge.currency,
      destination_details: { type: 'card', card: { type: 'refund' } },
      metadata: metadataOf(params.metadata),
      payment_intent: charge.payment_intent,
      reason: oneOf(params, 'reason', REFUND_REASONS) ?? null,
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'succeeded',
      transfer_reversal: null,
    }
    this.refunds.set(refund.id, refund)
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded }
    charge.amount_refunded += amount
    charge.refunded = charge.amount_refunded === charge.amount
    // What Stripe sends for a refund: the charge (cumulative amount_refunded) and the refund.
    this.emit('charge.refunded', charge, context, previous)
    this.emit('refund.created', refund, context)
    return structuredClone(refund)
  }

  /** GET /v1/refunds/:id */
  retrieveRefund(id: string) {
    const refund = this.refunds.get(id)
    if (!refund) throw noSuch('refund', id, 'id')
    return structuredClone(refund)
  }

  /** GET /v1/charges/:id */
  retrieveCharge(id: string) {
    const charge = this.charges.get(id)
    if (!charge) throw noSuch('charge', id, 'charge')
    return structuredClone(charge)
  }

  /** GET /v1/events/:id */
  retrieveEvent(id: string) {
    const event = this.events.find((candidate) => candidate.id === id)
    if (!event) throw noSuch('event', id, 'id')
    return structuredClone(event)
  }

  serialize(): SerializedState {
    return {
      paymentIntents: [...this.paymentIntents.values()],
      charges: [...this.charges.values()],
      refunds: [...this.refunds.values()],
      paymentMethods: [...this.paymentMethods.values()],
      events: this.events,
    }
  }

  restore(state: SerializedState) {
    this.paymentIntents = new Map(state.paymentIntents.map((item) => [item.id, item]))
    this.charges = new Map(state.charges.map((item) => [item.id, item]))
    this.refunds = new Map(state.refunds.map((item) => [item.id, item]))
    this.paymentMethods = new Map(state.paymentMethods.map((item) => [item.id, item]))
    this.events = state.events
  }
}
