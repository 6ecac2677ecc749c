import { test } from '@japa/runner'
import { randomBytes } from 'node:crypto'
import { stripe, stripeSettings } from '#services/stripe'
import { WORLD_PASSWORD } from '#tests/worlds'
import { registrationPayload } from '#tests/helpers'
import {
  CHILD_LIMIT_MS,
  childEnv,
  dedicatedMarket,
  runAce,
  startServer,
  type ChildServer,
  type DedicatedMarket,
} from '#tests/child_processes'

/*
 * Confidentiality of the logs: a server and the ticks run as child
 * processes logging at `trace`, through registration, logins, named persons,
 * sealed bids, API tokens, signatures and a Stripe payment; then everything
 * they wrote is searched for each secret that went through them.
 */

const BEFORE_DEADLINE = '2026-09-29T02:00:00Z'
const AFTER_DEADLINE = '2026-10-09T04:00:01Z'
// The very instant publicity ends: the award tick must find it due at its first reading of the
// clock (a process's first "now" once fell a millisecond short of MARKET_CLOCK on a busy machine).
const AFTER_PUBLICITY = '2026-10-13T16:00:00Z'
const ID_NUMBER = '11010519491231002X'

type Answer = { status: number; body: any; text: string }

async function call(
  server: ChildServer,
  method: string,
  path: string,
  options: { json?: unknown; token?: string; form?: Record<string, string>; headers?: any } = {}
): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
  let body: string | undefined
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.json)
  }
  if (options.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
    body = new URLSearchParams(options.form).toString()
  }
  if (options.token) headers['Authorization'] = `Bearer ${options.token}`
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body,
    redirect: 'manual',
  })
  const text = await response.text()
  let parsed: any = null
  try {
    parsed = JSON.parse(text)
  } catch {}
  return { status: response.status, body: parsed, text }
}

function expectStatus(answer: Answer, status: number, what: string) {
  if (answer.status !== status) {
    throw new Error(
      `${what}: expected ${status}, got ${answer.status} ${answer.text.slice(0, 500)}`
    )
  }
  return answer.body
}

test.group('Confidentiality: what the processes log', (group) => {
  let market: DedicatedMarket
  group.setup(async () => {
    market = await dedicatedMarket('logs')
    return () => market.drop()
  })

  test('passwords, ID-card numbers, sealed quotes and nonces, tokens and Stripe secrets never reach the logs', async ({
    assert,
  }) => {
    const secrets: Record<string, string> = {}
    // Public once the project is opened: searched in what was logged before.
    const sealed: Record<string, string> = {}
    const logs: string[] = []
    const stripeEnv = {
      // Distinctive secrets, so that a search for them means something.
      STRIPE_SECRET_KEY: `sk_test_logcheck_${randomBytes(8).toString('hex')}`,
      STRIPE_WEBHOOK_SECRET: `whsec_logcheck_${randomBytes(8).toString('hex')}`,
      STRIPE_API_BASE: stripeSettings().apiBase ?? 'http://127.0.0.1:12111',
      LOG_LEVEL: 'trace',
    }
    secrets.stripeSecretKey = stripeEnv.STRIPE_SECRET_KEY
    secrets.stripeWebhookSecret = stripeEnv.STRIPE_WEBHOOK_SECRET
    secrets.worldPassword = WORLD_PASSWORD

    // Before the deadline: accounts, logins, tokens, a named person, a project and sealed bids.
    const before = await startServer(market, { ...stripeEnv, MARKET_CLOCK: BEFORE_DEADLINE })
    let projectId: number
    try {
      const registration = registrationPayload({
        role: 'agency',
        password: `pw-${randomBytes(6).toString('hex')}`,
      })
      secrets.registrationPassword = registration.password
      const registered = expectStatus(
        await call(before, 'POST', '/api/v1/auth/register', { json: registration }),
        201,
        'registration'
      )
      secrets.registrationToken = registered.token

      const wrongPassword = `wrong-${randomBytes(6).toString('hex')}`
      secrets.wrongPassword = wrongPassword
      expectStatus(
        await call(before, 'POST', '/api/v1/auth/tokens', {
          json: { email: registration.email, password: wrongPassword },
        }),
        401,
        'wrong password'
      )
      // A page login without its CSRF token is refused, with the password in the body.
      await call(before, 'POST', '/login', {
        form: { email: registration.email, password: registration.password },
      })
      const login = expectStatus(
        await call(before, 'POST', '/api/v1/auth/tokens', {
          json: { email: registration.email, password: registration.password },
        }),
        200,
        'login'
      )
      secrets.loginToken = login.token
      const named = expectStatus(
        await call(before, 'POST', '/api/v1/tokens', {
          token: login.token,
          json: { name: '日志检查', abilities: ['read'] },
        }),
        201,
        'named token'
      )
      secrets.namedToken = named.token
      secrets.idNumber = ID_NUMBER
      expectStatus(
        await call(before, 'POST', '/api/v1/agency/practitioners', {
          token: login.token,
          json: { name: '周工程师', idNumber: ID_NUMBER, role: 'practitioner' },
        }),
        201,
        'practitioner'
      )

      const tokenOf = async (email: string) => {
        const answer = await call(before, 'POST', '/api/v1/auth/tokens', {
          json: { email, password: WORLD_PASSWORD },
        })
        return expectStatus(answer, 200, `login of ${email}`).token as string
      }
      const ownerToken = await tokenOf('owner@demo.example.com')
      secrets.ownerToken = ownerToken
      const draft = expectStatus(
        await call(before, 'POST', '/api/v1/projects', {
          token: ownerToken,
          json: {
            title: '日志保密检查项目',
            serviceItemCode: 'ZJ-001',
            fundingSource: 'fiscal',
            description: '检查日志中不出现报价、随机数、密码与令牌。',
            ceilingPriceFen: 8_000_000,
            method: 'lowest_price',
            deadline: '2026-10-09T04:00:00Z',
          },
        }),
        201,
        'draft'
      )
      projectId = draft.id
      expectStatus(
        await call(before, 'POST', `/api/v1/projects/${projectId}/publish`, { token: ownerToken }),
        200,
        'publication'
      )
      for (const [n, quoteFen] of [
        [5, 6_123_457],
        [6, 6_987_653],
      ]) {
        const agencyToken = await tokenOf(`agency${n}@demo.example.com`)
        secrets[`agency${n}Token`] = agencyToken
        sealed[`quote${n}`] = String(quoteFen)
        const bid = expectStatus(
          await call(before, 'POST', `/api/v1/projects/${projectId}/bids`, {
            token: agencyToken,
            json: { quoteFen },
          }),
          201,
          'bid'
        )
        sealed[`receipt${n}`] = bid.receipt
        const mine = expectStatus(
          await call(before, 'GET', `/api/v1/projects/${projectId}/bids/mine`, {
            token: agencyToken,
          }),
          200,
          'own bid'
        )
        sealed[`nonce${n}`] = mine.nonce
      }
    } finally {
      const stopped = await before.kill()
      logs.push(stopped.output)
    }
    assert.isString(sealed.nonce5)
    for (const [name, value] of Object.entries(sealed)) {
      assert.notInclude(logs[0], value, `${name} appears in the logs before opening`)
    }

    // Opening and award by the tick, then both signatures and a Stripe payment.
    for (const at of [AFTER_DEADLINE, AFTER_PUBLICITY]) {
      const tick = await runAce(
        ['market:tick'],
        childEnv(market, { ...stripeEnv, MARKET_CLOCK: at })
      )
      assert.equal(tick.code, 0, tick.output)
      logs.push(tick.output)
    }
    const after = await startServer(market, { ...stripeEnv, MARKET_CLOCK: AFTER_PUBLICITY })
    try {
      const tokenOf = async (email: string) => {
        const answer = await call(after, 'POST', '/api/v1/auth/tokens', {
          json: { email, password: WORLD_PASSWORD },
        })
        return expectStatus(answer, 200, `login of ${email}`).token as string
      }
      const ownerToken = await tokenOf('owner@demo.example.com')
      const winnerToken = await tokenOf('agency5@demo.example.com')
      secrets.ownerToken2 = ownerToken
      secrets.winnerToken = winnerToken
      const project = await market.client
        .from('projects')
        .where('id', projectId!)
        .select('status', 'opened_at', 'publicity_ends_at', 'awarded_at')
        .first()
      const contract = expectStatus(
        await call(after, 'GET', `/api/v1/projects/${projectId!}/contract`, { token: ownerToken }),
        200,
        `contract of ${JSON.stringify(project)} after the ticks:\n${logs.slice(1).join('\n')}`
      )
      for (const token of [ownerToken, winnerToken]) {
        expectStatus(
          await call(after, 'POST', `/api/v1/contracts/${contract.id}/sign`, {
            token,
            json: {
              password: WORLD_PASSWORD,
              revision: contract.revision,
              textSha256: contract.textSha256,
            },
          }),
          200,
          'signature'
        )
      }
      const payment = expectStatus(
        await call(after, 'POST', `/api/v1/milestones/${contract.milestones[0].id}/payments`, {
          token: ownerToken,
        }),
        201,
        'payment'
      )
      secrets.clientSecret = payment.clientSecret
      const paymentIntent = payment.clientSecret.split('_secret_')[0]
      // The owner pays at Stripe (test card): the server confirms the success with Stripe.
      await stripe().paymentIntents.confirm(paymentIntent, { payment_method: 'pm_card_visa' })

      const event = JSON.stringify({
        id: `evt_logcheck_${randomBytes(4).toString('hex')}`,
        object: 'event',
        api_version: stripe().getApiField('version'),
        created: Math.floor(Date.parse(AFTER_PUBLICITY) / 1000),
        data: {
          object: {
            id: paymentIntent,
            object: 'payment_intent',
            amount: contract.milestones[0].amountFen,
            amount_received: contract.milestones[0].amountFen,
            currency: 'cny',
            status: 'succeeded',
            metadata: {
              contract_id: String(contract.id),
              milestone_id: String(contract.milestones[0].id),
            },
          },
        },
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type: 'payment_intent.succeeded',
      })
      const signature = stripe().webhooks.generateTestHeaderString({
        payload: event,
        secret: stripeEnv.STRIPE_WEBHOOK_SECRET,
      })
      secrets.stripeSignature = signature.split('v1=')[1]
      const webhook = await fetch(`${after.url}/api/v1/webhooks/stripe`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature },
        body: event,
      })
      assert.equal(webhook.status, 200)
      assert.equal(((await webhook.json()) as any).outcome, 'processed')
      // A forged delivery (wrong secret) is refused and logged no better.
      const forged = await fetch(`${after.url}/api/v1/webhooks/stripe`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Stripe-Signature': stripe().webhooks.generateTestHeaderString({
            payload: event,
            secret: 'whsec_forged',
          }),
        },
        body: event,
      })
      assert.equal(forged.status, 400)
    } finally {
      const stopped = await after.kill()
      logs.push(stopped.output)
    }

    const text = logs.join('\n')
    // The processes did log (trace level: connections, the HTTP server, e-mails of the log transport).
    assert.include(text, 'started HTTP server')
    assert.include(text, 'e-mail not sent (log transport)')
    for (const [name, value] of Object.entries(secrets)) {
      assert.isString(value, name)
      assert.isAbove(value.length, 5, name)
      assert.notInclude(text, value, `${name} appears in the logs`)
    }
  })
    // Two server boots and two ticks, each bounded by CHILD_LIMIT_MS: a guard against a hang,
    // not a performance budget (on a loaded shared machine one boot alone took over 30 s).
    .timeout(2 * CHILD_LIMIT_MS)
})
