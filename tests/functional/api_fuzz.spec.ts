/*
 * Every API write route (POST/PUT/PATCH/DELETE under /api/v1, read from the
 * router at run time) receives ~20 hostile requests from an actor allowed to
 * call it — an access token with the `write` scope — on a real record of the
 * authorisation world. Bodies come from tests/fuzz.ts, shaped after the
 * route's validator (its OpenAPI entry): valid-looking payloads with fields
 * spoiled, wholly hostile ones, non-objects and malformed JSON. Multipart
 * routes get every other case as multipart form data (fields flattened the
 * way HTML forms send them, plus a file with a hostile name), the others as
 * JSON.
 *
 * Each answer must be below 500; a refusal (4xx) must carry the API.md error
 * shape and leave the database exactly as it was: a digest (row count and a
 * checksum over all rows) of every table the request wrote to, as Lucid's
 * query events name them, against the digest taken before — a statement
 * whose table cannot be read from its SQL makes it every table. Each case
 * runs in a savepoint that is rolled back, so an accepted request never
 * changes the next one.
 */
/* eslint-disable @unicorn/no-await-expression-member */
import { createHash } from 'node:crypto'
import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import env from '#start/env'
import User from '#models/user'
import { marketWorld } from '#tests/worlds'
import { clock } from '#services/clock'
import { createRegulatorOf } from '#database/factories/account_factories'
import { API_OPERATIONS } from '#open_api/document'
import { ALLOWED, MATRIX } from '#tests/authorization_matrix'
import { buildWorld, type World } from '#tests/authorization_world'
import { TARGETS, type FuzzActor } from '#tests/api_fuzz_targets'
import { isolated, registrationPayload } from '#tests/helpers'
import { signedContract } from '#tests/payment_fixtures'
import { resetStripeMock } from '#tests/stripe'
import { DEADLINE, demoAgency, demoOwner, publishedProject } from '#tests/selection_fixtures'
import { fc, fuzzParameters, hostilePayload } from '#tests/fuzz'

const CASES = Number(process.env.FUZZ_API_CASES ?? 20)
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE']

/** Columns every authenticated request touches by design (the token's last use). */
const IGNORED_COLUMNS: Record<string, string[]> = {
  auth_access_tokens: ['last_used_at', 'updated_at'],
}

/** Every API write route of the router, as `METHOD pattern`. */
function apiWriteRoutes() {
  return Object.values(router.toJSON())
    .flat()
    .flatMap((route) =>
      route.methods
        .filter((method) => WRITE_METHODS.includes(method))
        .map((method) => ({ key: `${method} ${route.pattern}`, method, pattern: route.pattern }))
    )
    .filter(({ pattern }) => pattern.startsWith('/api/v1/'))
}

// — The database digest: per table, row count and a checksum over all rows —

async function tableNames(): Promise<string[]> {
  const rows: { name: string }[] =
    db.connection().dialect.name === 'mysql'
      ? await db
          .from('information_schema.tables')
          .select('table_name as name')
          .whereRaw('table_schema = database()')
          .where('table_type', 'BASE TABLE')
      : await db
          .from('sqlite_master')
          .select('name')
          .where('type', 'table')
          .whereNot('name', 'like', 'sqlite_%')
  return rows.map((row) => row.name).sort()
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (Buffer.isBuffer(value)) return value.toString('hex')
  if (typeof value === 'bigint') return value.toString()
  return value
}

async function digest(tables: string[]) {
  const result: Record<string, string> = {}
  for (const table of tables) {
    const rows: Record<string, unknown>[] = await db.from(table).select('*')
    const ignored = IGNORED_COLUMNS[table] ?? []
    const lines = rows
      .map((row) =>
        JSON.stringify(
          Object.keys(row)
            .filter((column) => !ignored.includes(column))
            .sort()
            .map((column) => [column, normalise(row[column])])
        )
      )
      .sort()
    result[table] = `${rows.length}:${createHash('sha1').update(lines.join('\n')).digest('hex')}`
  }
  return result
}

function changedTables(before: Record<string, string>, after: Record<string, string>) {
  return Object.keys(after).filter((table) => before[table] !== after[table])
}

/** A statement that writes, and the table it writes to (null: a write whose table is not read). */
const WRITE = /^\s*(?:insert|replace|update|delete|merge|alter|drop|truncate|create)\b/i
const WRITTEN_TABLE =
  /^\s*(?:(?:insert|replace)(?:\s+(?:ignore|or\s+\w+))?\s+into|update(?:\s+ignore)?|delete\s+from)\s+[`"]?(\w+)[`"]?/i

/**
 * The tables written to while the work runs, by the statements Lucid reports
 * (debug is on in tests): every table when a write names none we can read.
 */
async function tablesWrittenBy<T>(tables: string[], work: () => Promise<T>) {
  const written = new Set<string>()
  const listener = ({ sql }: { sql: string }) => {
    if (!WRITE.test(sql)) return
    const table = WRITTEN_TABLE.exec(sql)?.[1]
    for (const name of table && tables.includes(table) ? [table] : tables) written.add(name)
  }
  emitter.on('db:query', listener)
  try {
    const result = await work()
    return { result, written: [...written].sort() }
  } finally {
    emitter.off('db:query', listener)
  }
}

// — Requests —

type Case = { payload: unknown; multipart: boolean; malformed: boolean; withFile: boolean }

function baseUrl() {
  const host = env.get('HOST')
  return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${env.get('PORT')}`
}

/** A value as an HTML form sends it: text, `name[]` lists and `name[key]` maps. */
function appendField(form: FormData, name: string, value: unknown, depth = 0) {
  if (value === undefined) return
  if (value === null) return form.append(name, '')
  if (Array.isArray(value) && depth < 2) {
    return value.forEach((item) => appendField(form, `${name}[]`, item, depth + 1))
  }
  if (typeof value === 'object' && depth < 2) {
    return Object.entries(value as Record<string, unknown>).forEach(([key, item]) =>
      appendField(form, `${name}[${key}]`, item, depth + 1)
    )
  }
  form.append(name, typeof value === 'string' ? value : JSON.stringify(value))
}

function multipartBody(payload: unknown, withFile: boolean, fileField: string) {
  const form = new FormData()
  if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
    for (const [name, value] of Object.entries(payload)) appendField(form, name, value)
  } else {
    appendField(form, 'value', payload)
  }
  if (withFile) {
    const name = `<img src=x onerror=alert(1)>\u202Etxt.pdf`
    form.append(
      fileField,
      new Blob(['%PDF-1.4 not really\u0000'], { type: 'application/pdf' }),
      name
    )
  }
  return form
}

async function send(
  method: string,
  url: string,
  token: string | null,
  fuzzCase: Case,
  fileField: string
) {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (token) headers.authorization = `Bearer ${token}`
  let body: string | FormData
  if (fuzzCase.multipart) {
    body = multipartBody(fuzzCase.payload, fuzzCase.withFile, fileField)
  } else {
    headers['content-type'] = 'application/json'
    const text = JSON.stringify(fuzzCase.payload) ?? 'null'
    body = fuzzCase.malformed ? text.slice(0, Math.max(1, text.length - 1)) + '\u0000{' : text
  }
  const response = await fetch(baseUrl() + url, { method, headers, body })
  const text = await response.text()
  let json: any = null
  try {
    json = JSON.parse(text)
  } catch {}
  return { status: response.status, text, json }
}

/** What is wrong with the error body, or null: `{errors:[{message, code?|field?…}]}`. */
function shapeProblem(json: any) {
  const errors = json?.errors
  if (!Array.isArray(errors) || errors.length === 0) return 'no `errors` list'
  for (const error of errors) {
    if (!error || typeof error.message !== 'string' || error.message === '') {
      return 'an error without a message'
    }
    if (typeof error.code !== 'string' && typeof error.rule !== 'string') {
      return 'an error with neither code nor rule'
    }
  }
  return null
}

function addressOf(pattern: string, key: string, world: World) {
  const params = TARGETS[key].params ?? MATRIX[key]?.params ?? {}
  return pattern.replace(/:(\w+)/g, (_, name: string) => {
    const record = params[name]
    if (!record) throw new Error(`${key}: no record named for :${name}`)
    return encodeURIComponent(String(world[record]))
  })
}

/** The validator's JSON Schema of a route, from its OpenAPI entry (minus path fields). */
function bodySchemaOf(method: string, pattern: string) {
  const operation = API_OPERATIONS.find(
    (candidate) => candidate.method.toUpperCase() === method && candidate.path === pattern
  )
  const source = operation?.body as any
  const raw = typeof source?.toJSONSchema === 'function' ? source.toJSONSchema() : source
  const schema = raw ? structuredClone(raw) : undefined
  for (const name of operation?.bodyOmit ?? []) delete schema?.properties?.[name]
  return { schema, multipart: operation?.bodyType === 'multipart' }
}

/** The file field of a multipart route: a property described as binary, else `file`. */
function fileFieldOf(schema: any) {
  for (const [name, property] of Object.entries<any>(schema?.properties ?? {})) {
    if (property?.format === 'binary' || property?.items?.format === 'binary') {
      return property.type === 'array' ? `${name}[]` : name
    }
    if (/^files?$/.test(name)) return name === 'files' ? 'files[]' : name
  }
  return 'file'
}

function casesFor(schema: any, multipart: boolean, world: World, key: string) {
  const fixed = TARGETS[key].body?.(world) ?? MATRIX[key]?.body?.(world) ?? {}
  const payloads = hostilePayload(schema).map((payload) =>
    payload && typeof payload === 'object' && !Array.isArray(payload)
      ? { ...fixed, ...(payload as object) }
      : payload
  )
  return fc.record({
    payload: payloads,
    multipart: multipart ? fc.boolean() : fc.constant(false),
    malformed: fc.nat(9).map((value) => value === 0),
    withFile: fc.boolean(),
  })
}

test.group('API write routes under hostile input', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  test('every API write route has an entry in the fuzz route map, and every entry is a route', ({
    assert,
  }) => {
    const routes = apiWriteRoutes().map(({ key }) => key)
    assert.isAbove(routes.length, 0)
    assert.deepEqual(
      routes.filter((key) => !(key in TARGETS)),
      [],
      'API write routes without an entry in tests/api_fuzz_targets.ts'
    )
    assert.deepEqual(
      Object.keys(TARGETS).filter((key) => !routes.includes(key)),
      [],
      'entries of tests/api_fuzz_targets.ts without a route'
    )
  })

  test('each API write route answers ~20 hostile requests below 500; every refusal is in the error shape and leaves the database unchanged', async ({
    client,
    assert,
  }) => {
    const world = await buildWorld(client)
    const approver = await createRegulatorOf('市生态环境局')
    const users: Record<Exclude<FuzzActor, 'public'>, User> = { ...world.users, approver }
    const tokens = new Map<FuzzActor, string>()
    for (const [actor, user] of Object.entries(users)) {
      const token = await User.accessTokens.create(user, ['write'])
      tokens.set(actor as FuzzActor, token.value!.release())
    }

    const tables = await tableNames()
    const baseline = await digest(tables)
    // The digest sees a single changed value.
    const probe = await isolated(async () => {
      const { written } = await tablesWrittenBy(tables, () =>
        db.from('users').where('id', users.ownerA.id).update({ email: 'probe@test.example.com' })
      )
      return { written, changed: changedTables(baseline, await digest(written)) }
    })
    assert.deepEqual(
      probe,
      { written: ['users'], changed: ['users'] },
      'the digest must see a changed row'
    )
    const routes = apiWriteRoutes().filter(({ key }) => key in TARGETS)
    const problems: string[] = []
    const tally = { accepted: 0, refused: 0 }
    const started = Date.now()

    for (const { key, method, pattern } of routes) {
      const target = TARGETS[key]
      const url = addressOf(pattern, key, world)
      const { schema, multipart } = bodySchemaOf(method, pattern)
      const fileField = fileFieldOf(schema)
      const token = target.actor === 'public' ? null : tokens.get(target.actor)!
      const result = await fc.check(
        fc.asyncProperty(casesFor(schema, multipart, world, key), async (fuzzCase) => {
          const problem = await isolated(async () => {
            const { result: response, written } = await tablesWrittenBy(tables, () =>
              send(method, url, token, fuzzCase, fileField)
            )
            if (
              response.status >= 500 ||
              response.status < 200 ||
              (response.status >= 300 && response.status < 400)
            ) {
              return `answered ${response.status}: ${response.text.slice(0, 200)}`
            }
            if (response.status < 300) {
              tally.accepted += 1
              return null
            }
            tally.refused += 1
            const shape = shapeProblem(response.json)
            if (shape)
              return `refused with ${response.status} but ${shape}: ${response.text.slice(0, 200)}`
            const changed = changedTables(baseline, await digest(written))
            if (changed.length > 0) {
              return `refused with ${response.status} but changed ${changed.join(', ')}`
            }
            return null
          })
          if (problem) throw new Error(problem)
        }),
        { ...fuzzParameters(CASES), endOnFailure: true }
      )
      if (result.failed) {
        problems.push(
          `${key} as ${target.actor}: ${String((result.errorInstance as Error)?.message ?? result.errorInstance).slice(0, 300)} — ` +
            `FUZZ_SEED=${result.seed} (${fc.stringify(result.counterexample).slice(0, 300)})`
        )
      }
    }
    const cases = tally.accepted + tally.refused
    console.log(
      `API fuzz: ${routes.length} write routes × ${CASES} cases = ${routes.length * CASES} ` +
        `(${tally.refused} refused, ${tally.accepted} accepted) in ${Date.now() - started} ms`
    )
    assert.deepEqual(problems, [])
    assert.isAtLeast(cases, routes.length * CASES)
  }).timeout(300_000)
})

/** Route parameters that hold record ids, and ids that are not whole numbers. */
const ID_PARAMS = ['id', 'attachmentId', 'projectId', 'a', 'b']
const BAD_IDS = [
  'abc',
  '1e3',
  '-1',
  '1.5',
  '0x10',
  '%F0%9F%98%80',
  "1'%20OR%20'1'='1",
  '9'.repeat(24),
]

test.group('Route parameters', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  test('an id that is not a whole number answers 404 on every route with a record id (pages and API), even to an actor allowed there', async ({
    client,
    assert,
  }) => {
    const world = await buildWorld(client)
    const routes = Object.values(router.toJSON())
      .flat()
      .flatMap((route) =>
        route.methods
          .filter((method) => method !== 'HEAD')
          .map((method) => ({ key: `${method} ${route.pattern}`, method, pattern: route.pattern }))
      )
      .filter(({ pattern }) => ID_PARAMS.some((name) => pattern.includes(`:${name}`)))
    assert.isAbove(routes.length, 50)
    const problems: string[] = []
    let index = 0
    for (const { key, method, pattern } of routes) {
      const entry = MATRIX[key]
      const actor = ALLOWED[entry.rule][0] ?? 'regulator'
      const bad = BAD_IDS[index++ % BAD_IDS.length]
      const url = pattern.replace(/:(\w+)/g, (_, name: string) =>
        ID_PARAMS.includes(name) ? bad : encodeURIComponent(String(world[entry.params![name]]))
      )
      const response: any = await isolated(async () => {
        const isApi = url.startsWith('/api/')
        let request = (client as any)[method.toLowerCase()](url).redirects(0)
        if (actor !== 'public') {
          const user = world.users[actor]
          request = isApi ? request.withGuard('api').loginAs(user) : request.loginAs(user)
        }
        if (method !== 'GET') request = isApi ? request.json({}) : request.form({}).withCsrfToken()
        return request
      })
      const status = response.status()
      if (status !== 404) problems.push(`${key} with :id=${bad} as ${actor}: ${status}`)
      else if (url.startsWith('/api/') && shapeProblem(response.body())) {
        problems.push(`${key} with :id=${bad}: 404 without the error shape`)
      }
    }
    assert.deepEqual(problems, [])
  }).timeout(120_000)
})

test.group('What the fuzz found', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an object or a list where a number is expected is refused with 422 (an object crashed Number() with a 500, a list [5] passed as 5)', async ({
    client,
    assert,
  }) => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    try {
      const projectId = await publishedProject(client)
      const agency = await demoAgency(5)
      for (const quoteFen of [{ toString: 1, valueOf: 1 }, { valueOf: 'x' }, [6_000_000], true]) {
        const response = await client
          .post(`/api/v1/projects/${projectId}/bids`)
          .json({ quoteFen })
          .withGuard('api')
          .loginAs(agency)
        response.assertStatus(422)
        assert.deepInclude(response.body().errors[0], { field: 'quoteFen', rule: 'number' })
      }
      assert.lengthOf(await db.from('bids').where('project_id', projectId), 0)
    } finally {
      clock.unfreeze()
    }
  })

  test('a lone surrogate in an e-mail address is refused with 422 (it crashed the e-mail rule with a URIError, a 500)', async ({
    client,
    assert,
  }) => {
    const before = (await db.from('users').count('* as total'))[0].total
    const registration = await client
      .post('/api/v1/auth/register')
      .json(registrationPayload({ email: 'owner\uD800@test.example.com' }))
    registration.assertStatus(422)
    assert.deepInclude(registration.body().errors[0], { field: 'email', rule: 'wellFormed' })
    const login = await client
      .post('/api/v1/auth/tokens')
      .json({ email: 'a\uDFFF@test.example.com', password: 'a-long-enough-password' })
    login.assertStatus(422)
    assert.equal((await db.from('users').count('* as total'))[0].total, before)
  })

  test("confirming a test payment twice answers 409 the second time (Stripe refuses the intent's state: it was a 502)", async ({
    client,
    assert,
  }) => {
    await resetStripeMock()
    const { owner, milestones } = await signedContract()
    const started = await client
      .post(`/api/v1/milestones/${milestones[0].id}/payments`)
      .withGuard('api')
      .loginAs(owner)
    started.assertStatus(201)
    const confirm = () =>
      client
        .post(`/api/v1/payments/${started.body().paymentId}/confirm`)
        .json({ paymentMethod: 'pm_card_visa' })
        .withGuard('api')
        .loginAs(owner)
    ;(await confirm()).assertStatus(200)
    const again = await confirm()
    again.assertStatus(409)
    assert.equal(again.body().errors[0].code, 'E_STATE_CONFLICT')
  })

  test('a deadline the database cannot store (year 9999, a timestamp in year 275760) is refused with 422 (MySQL answered 500)', async ({
    client,
    assert,
  }) => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    try {
      const owner = await demoOwner()
      const project = {
        title: '滨江大道改造工程环境影响评价',
        serviceItemCode: 'ZJ-001',
        fundingSource: 'fiscal',
        description: '编制滨江大道改造工程环境影响报告表，并配合完成技术评审。',
        ceilingPriceFen: 8_000_000,
        method: 'lowest_price',
      }
      const far = await client
        .post('/api/v1/projects')
        .json({ ...project, deadline: '9999-12-31T00:00:00Z' })
        .withGuard('api')
        .loginAs(owner)
      far.assertStatus(422)
      assert.deepInclude(far.body().errors[0], { field: 'deadline', rule: 'storableInstant' })
      const draft = await client
        .post('/api/v1/projects')
        .json({ ...project, deadline: DEADLINE })
        .withGuard('api')
        .loginAs(owner)
      draft.assertStatus(201)
      const publication = await client
        .post(`/api/v1/projects/${draft.body().id}/publish`)
        .json({ deadline: '628995863200255768926' })
        .withGuard('api')
        .loginAs(owner)
      publication.assertStatus(422)
      const stored = await db.from('projects').where('id', draft.body().id).firstOrFail()
      assert.equal(stored.status, 'draft')
    } finally {
      clock.unfreeze()
    }
  })
})
