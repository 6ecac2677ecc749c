/*
 * A local, stateful Stripe-compatible server for development and tests
 * (Stripe's own stripe-mock is stateless and has no webhooks). It speaks the
 * v1 API as the official SDK uses it — form-encoded requests, Bearer test
 * keys, Idempotency-Key, Stripe's JSON and error shapes — for the endpoints
 * this platform calls, and delivers each event to a webhook URL signed with
 * Stripe's scheme. Start it in-process with startStripeMock() or as
 * `node ace stripe:mock`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { AddressInfo } from 'node:net'
import { parseStripeForm, type FormObject } from './form_encoding.js'
import {
  StripeApiError,
  StripeMockState,
  stripeId,
  type RequestContext,
  type StripeEvent,
  type StripeObject,
} from './state.js'
import { stripeSignatureHeader } from './webhook_signature.js'

export type StripeMockOptions = {
  /** 0 picks a free port. */
  port?: number
  host?: string
  /** Where events are POSTed; null keeps them for GET /_mock/events only. */
  webhookUrl?: string | null
  /** The secret events are signed with (default: one generated for this run). */
  webhookSecret?: string
  /**
   * `immediate`: each event is delivered in the background right after the
   * request that caused it (as Stripe does). `manual`: events wait until
   * deliverPending() (or POST /_mock/webhooks/deliver) delivers them and
   * reports each answer — tests use it to decide when delivery happens.
   */
  delivery?: 'immediate' | 'manual'
  /** The clock of `created` fields (tests pass their frozen clock). */
  now?: () => Date
  /** Keeps the state across restarts (development). */
  stateFile?: string | null
  log?: (message: string) => void
}

export type WebhookDelivery = {
  eventId: string
  type: string
  status: number | null
  body: string
  error?: string
}

export type StripeMock = {
  url: string
  port: number
  state: StripeMockState
  pendingEvents(): StripeEvent[]
  /** Delivers every waiting event in order, one at a time, and reports the answers. */
  deliverPending(): Promise<WebhookDelivery[]>
  /** Resolves once background deliveries have finished. */
  idle(): Promise<void>
  /** Forgets every object, event and idempotency key. */
  reset(): void
  close(): Promise<void>
}

// Background delivery retries a refused or failed event after these pauses (Stripe: for days).
const RETRY_DELAYS_MS = [1_000, 5_000, 30_000]

type IdempotentResult = { fingerprint: string; status: number; body: StripeObject }

class HttpAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown
  ) {}
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > 1_000_000) {
        reject(
          new StripeApiError(413, { type: 'invalid_request_error', message: 'Request too large' })
        )
        request.destroy()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function authenticate(request: IncomingMessage) {
  const header = request.headers.authorization ?? ''
  let key = ''
  if (header.startsWith('Bearer ')) key = header.slice(7).trim()
  else if (header.startsWith('Basic ')) {
    key = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')[0]
  }
  if (!key) {
    throw new StripeApiError(401, {
      type: 'invalid_request_error',
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    })
  }
  // A local mock is test mode only: a live key here is a configuration mistake.
  if (!/^(sk|rk)_test_/.test(key)) {
    throw new StripeApiError(401, {
      type: 'invalid_request_error',
      message: `Invalid API Key provided: ${key.slice(0, 8)}****${key.slice(-4)}`,
    })
  }
}

export async function startStripeMock(options: StripeMockOptions = {}): Promise<StripeMock> {
  const host = options.host ?? '127.0.0.1'
  // No secret in the code: without one given, this run signs with one of its own.
  const webhookSecret = options.webhookSecret ?? `whsec_${stripeId('mock', 32)}`
  const mode = options.delivery ?? 'immediate'
  const log = options.log ?? (() => {})
  const pending: StripeEvent[] = []
  const idempotency = new Map<string, IdempotentResult>()
  const timers = new Set<NodeJS.Timeout>()
  let pumping: Promise<void> | null = null
  let closed = false

  const state = new StripeMockState(options.now, (event) => {
    if (options.webhookUrl) pending.push(event)
  })
  if (options.stateFile && existsSync(options.stateFile)) {
    state.restore(JSON.parse(readFileSync(options.stateFile, 'utf8')))
  }
  const persist = () => {
    if (!options.stateFile) return
    mkdirSync(dirname(options.stateFile), { recursive: true })
    writeFileSync(options.stateFile, JSON.stringify(state.serialize()))
  }

  async function deliver(event: StripeEvent): Promise<WebhookDelivery> {
    // Stripe sends the event pretty-printed; the signature covers these exact bytes.
    const payload = JSON.stringify(event, null, 2)
    try {
      const response = await fetch(options.webhookUrl!, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'Stripe-Signature': stripeSignatureHeader(payload, webhookSecret),
        },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      })
      const body = await response.text()
      log(`webhook ${event.type} ${event.id} → ${response.status}`)
      return { eventId: event.id, type: event.type, status: response.status, body }
    } catch (error) {
      log(`webhook ${event.type} ${event.id} failed: ${(error as Error).message}`)
      return {
        eventId: event.id,
        type: event.type,
        status: null,
        body: '',
        error: (error as Error).message,
      }
    }
  }

  const delivered = (result: WebhookDelivery) =>
    result.status !== null && result.status >= 200 && result.status < 300

  /** Background delivery: in order, retrying a failed event a few times later. */
  function retryLater(event: StripeEvent, attempt: number) {
    const delay = RETRY_DELAYS_MS[attempt]
    if (delay === undefined || closed) {
      log(`webhook ${event.type} ${event.id} given up`)
      return
    }
    const timer = setTimeout(async () => {
      timers.delete(timer)
      const result = await deliver(event)
      if (!delivered(result)) retryLater(event, attempt + 1)
    }, delay)
    timer.unref()
    timers.add(timer)
  }

  function pump() {
    if (pumping || mode !== 'immediate' || !options.webhookUrl) return
    pumping = (async () => {
      while (pending.length > 0 && !closed) {
        const event = pending.shift()!
        const result = await deliver(event)
        if (!delivered(result)) retryLater(event, 0)
      }
    })().finally(() => {
      pumping = null
      if (pending.length > 0 && !closed) pump()
    })
  }

  async function deliverPending() {
    if (pumping) await pumping
    const results: WebhookDelivery[] = []
    while (pending.length > 0) results.push(await deliver(pending.shift()!))
    return results
  }

  function route(method: string, path: string, params: FormObject, context: RequestContext) {
    const parts = path.split('/').filter(Boolean)
    const [version, resource, id, action] = parts
    if (version === 'v1' && resource === 'payment_intents') {
      if (method === 'POST' && parts.length === 2) return state.createPaymentIntent(params, context)
      if (method === 'GET' && parts.length === 3) return state.retrievePaymentIntent(id)
      if (method === 'POST' && parts.length === 4 && action === 'confirm') {
        return state.confirmPaymentIntent(id, params, context)
      }
      if (method === 'POST' && parts.length === 4 && action === 'cancel') {
        return state.cancelPaymentIntent(id, params, context)
      }
    }
    if (version === 'v1' && resource === 'refunds') {
      if (method === 'POST' && parts.length === 2) return state.createRefund(params, context)
      if (method === 'GET' && parts.length === 3) return state.retrieveRefund(id)
    }
    if (version === 'v1' && method === 'GET' && parts.length === 3) {
      if (resource === 'charges') return state.retrieveCharge(id)
      if (resource === 'events') return state.retrieveEvent(id)
    }
    throw new StripeApiError(404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    })
  }

  /** Endpoints of the mock itself (no Stripe equivalent), under /_mock. */
  async function control(method: string, path: string, body: string) {
    const parts = path.split('/').filter(Boolean)
    if (method === 'GET' && path === '/_mock/events') {
      return new HttpAnswer(200, { object: 'list', data: state.events })
    }
    if (method === 'POST' && path === '/_mock/webhooks/deliver') {
      return new HttpAnswer(200, { object: 'list', data: await deliverPending() })
    }
    if (method === 'POST' && path === '/_mock/reset') {
      mock.reset()
      return new HttpAnswer(200, { reset: true })
    }
    // POST /_mock/payment_intents/:id/complete  outcome=succeed|fail (Alipay / WeChat Pay payer)
    if (method === 'POST' && parts[1] === 'payment_intents' && parts[3] === 'complete') {
      const outcome = parseStripeForm(body).outcome === 'fail' ? 'fail' : 'succeed'
      const context = { requestId: stripeId('req', 14), idempotencyKey: null, apiVersion: null }
      try {
        return new HttpAnswer(200, state.completeAction(parts[2], outcome, context))
      } finally {
        persist()
        pump()
      }
    }
    throw new StripeApiError(404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${method}: ${path}).`,
    })
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const requestId = stripeId('req', 14)
    const apiVersion = (request.headers['stripe-version'] as string | undefined) ?? null
    const method = request.method ?? 'GET'
    const url = new URL(request.url ?? '/', 'http://stripe.mock')
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Request-Id': requestId,
    }
    if (apiVersion) headers['Stripe-Version'] = apiVersion
    let status = 200
    let body: unknown
    try {
      const raw = method === 'POST' ? await readBody(request) : ''
      if (url.pathname.startsWith('/_mock/')) {
        const answer = await control(method, url.pathname, raw)
        status = answer.status
        body = answer.body
      } else {
        authenticate(request)
        const idempotencyKey = (request.headers['idempotency-key'] as string | undefined) ?? null
        const fingerprint = `${method} ${url.pathname} ${raw}`
        const earlier = idempotencyKey && method === 'POST' ? idempotency.get(idempotencyKey) : null
        if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey
        if (earlier && earlier.fingerprint !== fingerprint) {
          throw new StripeApiError(400, {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          })
        }
        if (earlier) {
          // The same key and parameters: the first answer again, nothing happens twice.
          headers['Idempotent-Replayed'] = 'true'
          status = earlier.status
          body = earlier.body
        } else {
          const params = parseStripeForm(method === 'POST' ? raw : url.search.slice(1))
          const context = { requestId, idempotencyKey, apiVersion }
          try {
            body = route(method, url.pathname, params, context)
          } catch (error) {
            if (!(error instanceof StripeApiError)) throw error
            status = error.status
            body = { error: { ...error.error, request_log_url: null } }
          }
          // Stripe keeps the result of every request that started executing (not of invalid ones).
          const invalidParameters =
            status === 400 && String((body as any).error?.code ?? '').startsWith('parameter_')
          if (idempotencyKey && method === 'POST' && !invalidParameters && status !== 404) {
            idempotency.set(idempotencyKey, { fingerprint, status, body: body as StripeObject })
          }
          if (method === 'POST') persist()
        }
      }
    } catch (error) {
      if (error instanceof StripeApiError) {
        status = error.status
        body = { error: error.error }
      } else {
        status = 500
        body = { error: { type: 'api_error', message: (error as Error).message } }
      }
    }
    // Like Stripe, events go out after the answer that caused them.
    response.on('finish', pump)
    response.writeHead(status, headers)
    response.end(JSON.stringify(body))
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      response.writeHead(500, { 'Content-Type': 'application/json' })
      response.end(JSON.stringify({ error: { type: 'api_error', message: String(error) } }))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 12111, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port

  const mock: StripeMock = {
    url: `http://${host}:${port}`,
    port,
    state,
    pendingEvents: () => [...pending],
    deliverPending,
    async idle() {
      while (pumping) await pumping
    },
    reset() {
      pending.length = 0
      idempotency.clear()
      state.restore({
        paymentIntents: [],
        charges: [],
        refunds: [],
        paymentMethods: [],
        events: [],
      })
      persist()
    },
    async close() {
      closed = true
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      if (pumping) await pumping
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
  return mock
}
