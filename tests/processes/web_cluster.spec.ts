/*
 * Several server processes on one machine (WEB_CONCURRENCY=2, node:cluster):
 * both workers serve, the scheduler ticks in one of them only, and a write
 * through one worker drops the public lists and page parts the other worker
 * had cached (the process bus, without Redis). The server is started as `npm start`
 * starts it (bin/server.ts), on a database of its own.
 */
import { test } from '@japa/runner'
import { request } from 'node:http'
import { REGION_CODES, regionName } from '#domain/regions'
import { WORLD_PASSWORD } from '#tests/worlds'
import {
  dedicatedMarket,
  startServer,
  waitFor,
  type ChildServer,
  type DedicatedMarket,
} from '#tests/child_processes'

type Answer = { status: number; worker: string; location: string; text: string; cookies: string[] }

/** One request on a connection of its own, so that the cluster may hand it to any worker. */
function send(
  url: string,
  options: { method?: string; cookie?: string; form?: Record<string, string | string[]> } = {}
): Promise<Answer> {
  const body = options.form
    ? new URLSearchParams(
        Object.entries(options.form).flatMap(([name, value]) =>
          Array.isArray(value) ? value.map((one) => [name, one]) : [[name, value]]
        )
      ).toString()
    : undefined
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: options.method ?? 'GET',
        agent: false,
        headers: {
          connection: 'close',
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
      },
      (incoming) => {
        const chunks: Buffer[] = []
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            worker: String(incoming.headers['x-server-process'] ?? ''),
            location: String(incoming.headers.location ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
            cookies: incoming.headers['set-cookie'] ?? [],
          })
        )
      }
    )
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

/** Asks until the given worker answers (the cluster hands connections round in turn). */
async function sendTo(worker: string, url: string) {
  for (let attempt = 0; attempt < 40; attempt++) {
    const answer = await send(url)
    if (answer.worker === worker) return answer
  }
  throw new Error(`worker ${worker} never answered ${url}`)
}

test.group('Several server processes on one machine (WEB_CONCURRENCY=2)', (group) => {
  let market: DedicatedMarket
  let server: ChildServer
  group.setup(async () => {
    market = await dedicatedMarket('cluster')
    server = await startServer(market, {
      WEB_CONCURRENCY: '2',
      // Stores as an operator without Redis has them: sessions and rate limits in the database.
      SESSION_DRIVER: '',
      LIMITER_STORE: 'database',
      REDIS_URL: '',
      CACHE_STORE: 'memory',
      DEV_MODE: 'true',
      SCHEDULER_INTERVAL_MS: '250',
      LOG_LEVEL: 'debug',
    })
    return async () => {
      await server.kill()
      await market.drop()
    }
  })
  group.each.timeout(120_000)

  test('both workers answer, each naming itself in X-Server-Process', async ({ assert }) => {
    const workers = new Set<string>()
    for (let index = 0; index < 8; index++) {
      const answer = await send(`${server.url}/health/live`)
      assert.equal(answer.status, 200)
      workers.add(answer.worker)
    }
    assert.deepEqual([...workers].sort(), ['1', '2'])
  })

  test('the scheduler ticks in one worker only, again and again', async ({ assert }) => {
    const tickers = () => {
      const pids = [...server.output().matchAll(/"pid":(\d+)[^\n]*market tick: nothing due/g)]
      return pids.length >= 4 ? pids.map((match) => match[1]) : null
    }
    const pids = await waitFor('four ticks', async () => tickers(), 60_000, 100)
    assert.lengthOf(new Set(pids), 1, server.output().slice(-2000))
    assert.lengthOf(
      [...server.output().matchAll(/the scheduler ticks in this process/g)],
      1,
      'one worker ticks'
    )
  })

  test("a write through one worker drops the directory and the agency page the other worker had cached, and not before its commit's invalidation", async ({
    assert,
  }) => {
    const organization = await market.client
      .from('users')
      .join('organizations', 'organizations.id', 'users.organization_id')
      .where('users.email', 'agency1@demo.example.com')
      .select('organizations.id', 'organizations.name', 'organizations.region_code')
      .firstOrFail()
    const region = REGION_CODES.find(
      (code) => code !== organization.region_code && code.endsWith('0000')
    )!
    const directory = `${server.url}/agencies?region=${region}`
    const lists = async (worker: string) => {
      const answer = await sendTo(worker, directory)
      return answer.text.includes(organization.name)
    }

    // Both workers cache the directory of that province: the agency is not in it.
    assert.isFalse(await lists('1'))
    assert.isFalse(await lists('2'))
    // …and the agency's page, which names its region.
    const agencyPage = `${server.url}/agencies/${organization.id}`
    const shows = async (worker: string, code: string) => {
      const answer = await sendTo(worker, agencyPage)
      return answer.text.includes(`<dd>${regionName(code, 'zh-CN')}</dd>`)
    }
    assert.isTrue(await shows('1', organization.region_code))
    assert.isTrue(await shows('2', organization.region_code))

    // Moved behind the application's back (no invalidation): both still serve their cached copy.
    const moved = { region_code: region, province_code: region.slice(0, 2) }
    await market.client
      .from('organizations')
      .where('id', organization.id)
      .update({ region_code: region })
    await market.client
      .from('agency_profiles')
      .where('organization_id', organization.id)
      .update(moved)
    await market.client
      .from('agency_service_items')
      .where('organization_id', organization.id)
      .update(moved)
    assert.isFalse(await lists('1'), 'worker 1 serves its cached list')
    assert.isFalse(await lists('2'), 'worker 2 serves its cached list')
    assert.isTrue(await shows('1', organization.region_code), 'worker 1 serves its cached page')
    assert.isTrue(await shows('2', organization.region_code), 'worker 2 serves its cached page')

    // The agency saves its profile through whichever worker takes the request.
    const login = await send(`${server.url}/login`)
    let cookie = login.cookies.map((entry) => entry.split(';')[0]).join('; ')
    const csrf = (page: string) => page.match(/name='_csrf' value='([^']+)'/)![1]
    const signedIn = await send(`${server.url}/login`, {
      method: 'POST',
      cookie,
      form: {
        _csrf: csrf(login.text),
        email: 'agency1@demo.example.com',
        password: WORLD_PASSWORD,
      },
    })
    assert.equal(signedIn.status, 302)
    assert.equal(signedIn.location, '/dashboard')
    const jar = new Map(cookie.split('; ').map((pair) => pair.split('=') as [string, string]))
    for (const entry of signedIn.cookies) {
      const [pair] = entry.split(';')
      const at = pair.indexOf('=')
      jar.set(pair.slice(0, at), pair.slice(at + 1))
    }
    cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
    const form = await send(`${server.url}/agency/profile`, { cookie })
    assert.equal(form.status, 200)
    const items = await market.client
      .from('agency_service_items')
      .join('service_items', 'service_items.id', 'agency_service_items.service_item_id')
      .where('agency_service_items.organization_id', organization.id)
      .select('service_items.code')
    const saved = await send(`${server.url}/agency/profile`, {
      method: 'POST',
      cookie,
      form: {
        '_csrf': csrf(form.text),
        'region': region,
        'items[]': items.map((item) => String(item.code)),
      },
    })
    assert.equal(saved.status, 302, saved.text.slice(0, 500))
    const writer = saved.worker
    const other = writer === '1' ? '2' : '1'

    // The writer dropped its copy at once; the other worker within moments (the bus is asynchronous).
    assert.isTrue(await lists(writer), `worker ${writer} (the writer) lists the agency`)
    await waitFor(`worker ${other} to list the agency`, async () => lists(other), 10_000, 50)
    assert.isTrue(await shows(writer, region), `worker ${writer} (the writer) shows the new region`)
    await waitFor(
      `worker ${other} to show the agency's new region`,
      async () => shows(other, region),
      10_000,
      50
    )
  })
})
