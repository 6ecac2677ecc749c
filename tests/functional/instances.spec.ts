// Answers are read where they arrive: `(await api(…)).status`.
/* eslint-disable @unicorn/no-await-expression-member */
/*
 * Several instances: two servers of the market on different ports
 * share one MySQL database and one Redis. A session made on one is valid on
 * the other; a bid storm spread over both loses nothing (each agency's last
 * bid is its one active bid, whichever instance took it); ticks run on both at
 * once open each project exactly once and the audit chains still verify; a
 * write on one (or in a `node ace` process) refreshes the cached lists and
 * page parts of the other.
 *
 * Runs in the MySQL pass of `npm test` (it needs a second database and real
 * processes, not the test's transaction); Redis is the machine's
 * (REDIS_TEST_URL, default redis://127.0.0.1:6379/0), under a key prefix of
 * its own.
 */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { DateTime } from 'luxon'
import { marketWorld, WORLD_PASSWORD } from '#tests/worlds'
import { registrationPayload } from '#tests/helpers'

// Overridable so that several runs of the suite can share a machine.
const DATABASE = process.env.INSTANCES_TEST_DATABASE ?? 'market_instances_test'
const PORTS = (process.env.INSTANCES_TEST_PORTS ?? '4791,4792').split(',').map(Number)
const onMysql = process.env.DB_CONNECTION === 'mysql'
// One key space for both instances (they must share it), apart from anything else in Redis.
const REDIS_KEY_PREFIX = `market-instances-${process.pid}-${Date.now()}:`

function childEnv(extra: Record<string, string> = {}) {
  return {
    ...process.env,
    DB_CONNECTION: 'mysql',
    DB_DATABASE: DATABASE,
    REDIS_URL: process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379/0',
    REDIS_KEY_PREFIX,
    // Redis decides the stores: drop the test overrides.
    SESSION_DRIVER: '',
    LIMITER_STORE: '',
    CACHE_STORE: '',
    SCHEDULER_INTERVAL_MS: '0',
    // The pages' assets from Vite's dev server: the suite runs without a production build.
    DEV_MODE: 'true',
    LOG_LEVEL: 'warn',
    // The demo catalog and accounts, without the demo market's projects.
    SEED_DEMO_MARKET: 'false',
    ...extra,
  }
}

/** Runs `node ace …` to the end; fails on a non-zero exit. */
async function ace(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['ace', ...args], { cwd: app.makePath(), env })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const [code] = await once(child, 'exit')
  if (code !== 0)
    throw new Error(`node ace ${args.join(' ')} exited ${code}: ${output.slice(-2000)}`)
  return output
}

async function waitUntilReady(port: number, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`instance on ${port} exited: ${log()}`)
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`)
      if (response.ok) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`instance on ${port} not ready: ${log()}`)
}

/** A tiny cookie jar: the cookies a browser would send back. */
class Browser {
  cookies = new Map<string, string>()
  async fetch(url: string, init: RequestInit = {}) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      },
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const [name, value] = pair.split('=')
      this.cookies.set(name, value)
    }
    return response
  }
}

test.group('Several instances on MySQL and Redis', (group) => {
  const servers: ChildProcess[] = []
  group.each.timeout(180_000)
  group.teardown(async () => {
    for (const server of servers) server.kill('SIGTERM')
    if (onMysql) await db.rawQuery(`DROP DATABASE IF EXISTS \`${DATABASE}\``)
  })

  test('a session made on one instance is valid on the other; bids spread over both are all kept; ticks on both open each project once', async ({
    assert,
  }) => {
    await db.rawQuery(`DROP DATABASE IF EXISTS \`${DATABASE}\``)
    await db.rawQuery(
      `CREATE DATABASE \`${DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`
    )
    await ace(['market:setup'], childEnv({ SEED_DEMO: 'false' }))
    // The test market, written through a connection of this process to the instances' database.
    const instances = db.manager.has('instances')
      ? db.connection('instances')
      : (db.manager.add('instances', {
          ...db.manager.get('mysql')!.config,
          connection: {
            ...(db.manager.get('mysql')!.config as any).connection,
            database: DATABASE,
          },
        } as any),
        db.connection('instances'))
    await marketWorld({ client: instances })

    for (const port of PORTS) {
      let log = ''
      const server = spawn(process.execPath, ['--import', '@poppinss/ts-exec', 'bin/server.ts'], {
        cwd: app.makePath(),
        env: childEnv({ PORT: String(port), HOST: '127.0.0.1' }),
      })
      server.stdout!.on('data', (chunk) => (log += chunk))
      server.stderr!.on('data', (chunk) => (log += chunk))
      servers.push(server)
      await waitUntilReady(port, server, () => log)
    }
    const [a, b] = PORTS.map((port) => `http://127.0.0.1:${port}`)

    // — A session made on A is valid on B (Redis session store) —
    const browser = new Browser()
    const loginPage = await (await browser.fetch(`${a}/login`)).text()
    const csrf = loginPage.match(/name='_csrf' value='([^']+)'/)![1]
    const login = await browser.fetch(`${a}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrf,
        email: 'owner@demo.example.com',
        password: WORLD_PASSWORD,
      }).toString(),
    })
    assert.equal(login.status, 302)
    assert.notInclude(String(login.headers.get('location')), '/login')
    const onB = await browser.fetch(`${b}/owner/projects`)
    assert.equal(onB.status, 200, 'the session made on A is known to B')

    // — API tokens from either instance —
    const api = async (base: string, path: string, token: string | null, body?: unknown) => {
      const response = await fetch(`${base}/api/v1${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      return { status: response.status, body: (await response.json().catch(() => null)) as any }
    }
    const tokenOf = async (base: string, email: string, password = WORLD_PASSWORD) =>
      (await api(base, '/auth/tokens', null, { email, password })).body.token as string
    const owner = await tokenOf(a, 'owner@demo.example.com')

    // — The list cache: B's cached list sees a publication on A at once (Redis bus) —
    const publishedOnB = async () =>
      (await api(b, '/projects?status=published&perPage=100', null)).body.data.map(
        (project: { id: number }) => project.id
      ) as number[]
    const cachedOnB = await publishedOnB()

    // Ten projects published on A and B in turn, answering in 20 days.
    const deadline = DateTime.now().plus({ days: 20 }).toUTC().toISO()
    const projects: number[] = []
    for (let n = 0; n < 10; n += 1) {
      const base = n % 2 ? b : a
      const draft = await api(base, '/projects', owner, {
        title: `多实例测试项目 ${n + 1}`,
        serviceItemCode: 'ZJ-001',
        fundingSource: 'fiscal',
        description: '编制建设项目环境影响报告表，并配合完成技术评审。',
        ceilingPriceFen: 8_000_000,
        method: 'lowest_price',
        deadline,
      })
      assert.equal(draft.status, 201, JSON.stringify(draft.body))
      assert.equal((await api(base, `/projects/${draft.body.id}/publish`, owner, {})).status, 200)
      projects.push(draft.body.id)
      if (n === 0) {
        assert.notInclude(cachedOnB, draft.body.id)
        assert.include(await publishedOnB(), draft.body.id, 'published on A, listed on B')
      }
    }

    // — A bid storm spread over both: 15 new agencies and the 5 demo ones, all at once —
    const bidders: string[] = []
    for (const n of [1, 5, 6, 7, 8]) bidders.push(await tokenOf(b, `agency${n}@demo.example.com`))
    for (let n = 0; n < 15; n += 1) {
      const base = n % 2 ? a : b
      const registered = await api(base, '/auth/register', null, {
        ...registrationPayload({ role: 'agency', region: '510100' }),
      })
      assert.equal(registered.status, 201, JSON.stringify(registered.body))
      const token = registered.body.token as string
      const profile = await fetch(`${base}/api/v1/agency/profile`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'authorization': `Bearer ${token}` },
        body: JSON.stringify({ items: ['ZJ-001'], region: '510100' }),
      })
      assert.equal(profile.status, 200)
      bidders.push(token)
    }
    // Each agency bids twice in a row, its two bids on different instances, all agencies at
    // once: every bid is accepted and stored, and the second of each agency is its active one.
    const storm = await Promise.all(
      bidders.map(async (token, index) => {
        const answers = []
        for (const round of [0, 1]) {
          answers.push(
            await api((index + round) % 2 ? a : b, `/projects/${projects[0]}/bids`, token, {
              quoteFen: 5_000_000 + index * 1000 + round,
            })
          )
        }
        return answers
      })
    )
    const answers = storm.flat()
    assert.deepEqual(
      answers.map((answer) => answer.status),
      answers.map(() => 201),
      JSON.stringify(answers.filter((answer) => answer.status !== 201))
    )
    // One bid on each of the other projects, so that each opens.
    for (const [index, projectId] of projects.slice(1).entries()) {
      const placed = await api(index % 2 ? a : b, `/projects/${projectId}/bids`, bidders[0], {
        quoteFen: 6_000_000,
      })
      assert.equal(placed.status, 201)
    }

    // — The deadline passes; both instances tick at once —
    // Nothing lost, nothing duplicated: each agency's last receipt is its one active bid, its
    // first one replaced.
    const stored = await instances
      .from('bids')
      .where('project_id', projects[0])
      .select('receipt', 'status')
    const statusOf = new Map(stored.map((row: any) => [row.receipt as string, row.status]))
    assert.lengthOf(stored, 40)
    for (const [first, second] of storm) {
      assert.equal(statusOf.get(first.body.receipt), 'replaced')
      assert.equal(statusOf.get(second.body.receipt), 'active')
    }
    await instances
      .from('projects')
      .whereIn('id', projects)
      .update({
        response_deadline: DateTime.now()
          .minus({ minutes: 1 })
          .toUTC()
          .toFormat('yyyy-MM-dd HH:mm:ss'),
      })
    assert.includeMembers(await publishedOnB(), projects, 'all ten in B’s cached list')
    // The project page's public part, cached on B (read twice) and on A.
    const statusOnPage = async (base: string, id: number) =>
      /class="status status-(\w+)"/.exec(await (await fetch(`${base}/projects/${id}`)).text())?.[1]
    for (const base of [b, b, a]) assert.equal(await statusOnPage(base, projects[1]), 'published')
    await Promise.all([ace(['market:tick'], childEnv()), ace(['market:tick'], childEnv())])

    const opened = await instances
      .from('audit_events')
      .where('action', 'project.opened')
      .whereIn('subject_id', projects.map(String))
      .select('subject_id')
    assert.sameMembers(
      opened.map((row: any) => Number(row.subject_id)),
      projects,
      'each project opened exactly once'
    )
    const states = await instances.from('projects').whereIn('id', projects).select('status')
    assert.isTrue(states.every((row: any) => row.status !== 'published'))
    // The ticks ran in processes of their own: B's cached list knows through Redis.
    const stillListed = await publishedOnB()
    assert.isTrue(
      projects.every((id) => !stillListed.includes(id)),
      'the openings reach B'
    )
    // The cached page parts on both instances are dropped through Redis as well.
    for (const base of [a, b]) {
      assert.notEqual(
        await statusOnPage(base, projects[1]),
        'published',
        'the page knows on every instance'
      )
    }
    const regulator = await tokenOf(b, 'regulator@demo.example.com')
    const audit = await api(a, '/regulator/audit/verify', regulator)
    assert.isTrue(audit.body.valid)
    await db.manager.close('instances')
  }).skip(
    !onMysql,
    'runs in the MySQL pass of npm test (a second database and two server processes)'
  )
})
