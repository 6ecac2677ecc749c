import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUserWithRole } from '#database/factories/account_factories'
import { ROLES } from '#domain/roles'
import { marketWorld } from '#tests/worlds'
import { clock } from '#services/clock'
import { DEADLINE, demoAgency, demoOwner, publishedProject } from '#tests/selection_fixtures'
import { ALLOWED, MATRIX, type MatrixEntry } from '#tests/authorization_matrix'
import { isolated } from '#tests/helpers'
import { addressOf, routerRoutes } from '#tests/router_routes'
import {
  ACTORS,
  buildWorld,
  PRIVATE_MARKERS,
  type Actor,
  type World,
} from '#tests/authorization_world'

test.group('Role areas', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('each role opens its own dashboard')
    .with([...ROLES])
    .run(async ({ client }, role) => {
      const user = await createUserWithRole(role)
      const response = await client.get(`/dashboard/${role}`).loginAs(user)
      response.assertStatus(200)
      response.assertTextIncludes(user.email)
    })

  test('an agency gets the 403 page on the owner-only dashboard', async ({ client, assert }) => {
    const agency = await createUserWithRole('agency')
    const response = await client.get('/dashboard/owner').loginAs(agency)
    response.assertStatus(403)
    response.assertTextIncludes('无权访问')
    assert.notInclude(response.text(), agency.email + '</dd>')
  })

  test('an owner gets 403 on the regulator and admin dashboards', async ({ client }) => {
    const owner = await createUserWithRole('owner')
    const regulatorArea = await client.get('/dashboard/regulator').loginAs(owner)
    regulatorArea.assertStatus(403)
    const adminArea = await client.get('/dashboard/admin').loginAs(owner)
    adminArea.assertStatus(403)
  })

  test('an agency gets 403 in the error shape on a regulator API route', async ({ client }) => {
    const agency = await createUserWithRole('agency')
    const response = await client
      .get('/api/v1/regulator/organizations')
      .withGuard('api')
      .loginAs(agency)
    response.assertStatus(403)
    response.assertBody({
      errors: [{ code: 'E_AUTHORIZATION_FAILURE', message: '您的账户无权访问此页面或执行此操作' }],
    })
  })

  test('a regulator lists organisations page by page, filtered by kind', async ({
    client,
    assert,
  }) => {
    const regulator = await createUserWithRole('regulator')
    await createUserWithRole('agency')
    await createUserWithRole('agency')
    const response = await client
      .get('/api/v1/regulator/organizations')
      .qs({ kind: 'agency', perPage: 1 })
      .withGuard('api')
      .loginAs(regulator)
    response.assertStatus(200)
    const body = response.body()
    assert.lengthOf(body.data, 1)
    assert.equal(body.data[0].kind, 'agency')
    assert.deepEqual(body.meta, { total: 2, page: 1, perPage: 1 })
  })

  test('a bad filter answers 422, not 500', async ({ client, assert }) => {
    const regulator = await createUserWithRole('regulator')
    const response = await client
      .get('/api/v1/regulator/organizations')
      .qs({ kind: 'pirate', page: -1 })
      .withGuard('api')
      .loginAs(regulator)
    response.assertStatus(422)
    const fields = response.body().errors.map((error: { field: string }) => error.field)
    assert.sameMembers(fields, ['kind', 'page'])
  })

  test('an unknown API address answers 404 in the error shape', async ({ client }) => {
    const response = await client.get('/api/v1/no-such-thing')
    response.assertStatus(404)
    response.assertBody({ errors: [{ code: 'E_ROUTE_NOT_FOUND', message: '找不到该地址' }] })
  })

  test('an unknown page answers the translated 404 page', async ({ client }) => {
    const response = await client.get('/no-such-page')
    response.assertStatus(404)
    response.assertTextIncludes('页面不存在')
  })
})

async function send(
  client: any,
  method: string,
  url: string,
  entry: MatrixEntry,
  actor: Actor,
  world: World
) {
  const isApi = url.startsWith('/api/')
  let request = client[method.toLowerCase()](url).redirects(0)
  if (actor !== 'public') {
    const user = world.users[actor]
    request = isApi ? request.withGuard('api').loginAs(user) : request.loginAs(user)
  }
  const body = entry.body?.(world) ?? {}
  if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) {
    request = isApi ? request.json(body) : request.form(body).withCsrfToken()
  }
  return request
}

/** What is wrong with one answer, or null. */
function problemOf(entry: MatrixEntry, actor: Actor, url: string, response: any) {
  const status: number = response.status()
  const location = String(response.header('location') ?? '')
  const toLogin = status >= 300 && status < 400 && location.startsWith('/login')
  // A refused form goes back with the refusal flashed (bouncer's answer to a form POST).
  const flashed = status === 302 ? (response.flashMessages() ?? {}) : {}
  if (flashed.errorsBag?.E_BAD_CSRF_TOKEN) return 'refused for its CSRF token: nothing was tested'
  const refusedForm =
    Boolean(flashed.errorsBag?.E_AUTHORIZATION_FAILURE) ||
    (entry.refusedWithFlash === true && Boolean(flashed.error))
  // 503 is an answer (/health/ready), not a crash.
  if (status >= 500 && status !== 503) return `crashed with ${status}`
  if (entry.rule === 'nowhere') return status === 404 ? null : `answered ${status}, not 404`
  if (ALLOWED[entry.rule].includes(actor)) {
    if ([401, 403, 404].includes(status) || toLogin || refusedForm) {
      return `allowed (${entry.rule}) but refused with ${status} ${location}`
    }
    return null
  }
  const text = response.text() ?? ''
  const leaked = PRIVATE_MARKERS.find((marker) => text.includes(marker))
  if (leaked) return `denied (${entry.rule}) but the answer carries ${leaked}`
  if (entry.rule === 'guest') {
    return status === 302 && location === '/dashboard'
      ? null
      : `guest-only answered ${status} ${location}`
  }
  if (actor === 'public') {
    const refused = url.startsWith('/api/')
      ? [401, 404].includes(status)
      : toLogin || status === 404
    return refused ? null : `denied (${entry.rule}) to visitors but answered ${status} ${location}`
  }
  return [403, 404].includes(status) || refusedForm
    ? null
    : `denied (${entry.rule}) but answered ${status} ${location}`
}

test.group('Authorisation matrix', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  test('every route of the router is in the matrix, and every entry of the matrix is a route', ({
    assert,
  }) => {
    const routes = routerRoutes().map(({ key }) => key)
    assert.deepEqual(
      routes.filter((key) => !(key in MATRIX)),
      [],
      'routes without an entry'
    )
    assert.deepEqual(
      Object.keys(MATRIX).filter((key) => !routes.includes(key)),
      [],
      'entries without a route'
    )
  })

  test('every route answers each of the seven actors as its rule says: refusals are 401, 403 or 404 and carry no private record', async ({
    client,
    assert,
  }) => {
    const world = await buildWorld(client)
    const routes = routerRoutes().filter(({ key }) => key in MATRIX)
    const problems: string[] = []
    const tally = { allowed: 0, refused: 0 }
    const started = Date.now()
    for (const { key, method, pattern } of routes) {
      const entry = MATRIX[key]
      const url = addressOf(pattern, entry, world)
      for (const actor of ACTORS) {
        const response = await isolated(() => send(client, method, url, entry, actor, world))
        tally[ALLOWED[entry.rule].includes(actor) ? 'allowed' : 'refused'] += 1
        const problem = problemOf(entry, actor, url, response)
        if (problem) {
          problems.push(`${key} as ${actor}: ${problem} — ${String(response.text()).slice(0, 160)}`)
        }
      }
    }
    const cases = tally.allowed + tally.refused
    console.log(
      `authorisation matrix: ${routes.length} routes × ${ACTORS.length} actors = ${cases} cases ` +
        `(${tally.allowed} allowed, ${tally.refused} refused) in ${Date.now() - started} ms`
    )
    assert.deepEqual(problems, [])
    assert.equal(cases, routes.length * ACTORS.length)
    assert.isAbove(routes.length, 250)
    assert.isAbove(tally.refused, 1000)
  }).timeout(180_000)
})

test.group('Authorisation holes the matrix found', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  test('a draft page answers 404 to everyone but its owner (it answered 200 with the not-found page)', async ({
    client,
    assert,
  }) => {
    const owner = await demoOwner()
    const draft = await client
      .post('/api/v1/projects')
      .json({
        title: '尚未发布的草稿项目',
        serviceItemCode: 'ZJ-001',
        fundingSource: 'fiscal',
        description: '编制滨江大道改造工程环境影响报告表，并配合完成技术评审。',
        ceilingPriceFen: 8_000_000,
        method: 'lowest_price',
        deadline: DEADLINE,
      })
      .withGuard('api')
      .loginAs(owner)
    const url = `/projects/${draft.body().id}`

    const own = await client.get(url).loginAs(owner)
    own.assertStatus(200)
    own.assertTextIncludes('尚未发布的草稿项目')
    for (const stranger of [await createUserWithRole('owner'), await demoAgency(5)]) {
      const refused = await client.get(url).loginAs(stranger)
      refused.assertStatus(404)
      refused.assertTextIncludes('页面不存在')
      assert.notInclude(refused.text(), '尚未发布的草稿项目')
    }
    const visitor = await client.get(url)
    visitor.assertStatus(404)
    assert.notInclude(visitor.text(), '尚未发布的草稿项目')
  })

  test('only the agency a direct selection names answers it: another agency gets 403 (it got 409) on the API and the refusal on the form; the project still waits', async ({
    client,
    assert,
  }) => {
    const named = await demoAgency(5)
    const other = await demoAgency(1)
    const id = await publishedProject(client, {
      method: 'direct',
      ceilingPriceFen: 3_000_000,
      directAgencyId: named.organizationId,
    })

    for (const step of ['accept', 'decline']) {
      const api = await client
        .post(`/api/v1/projects/${id}/direct/${step}`)
        .json({ quoteFen: 2_800_000 })
        .withGuard('api')
        .loginAs(other)
      api.assertStatus(403)
      assert.equal(api.body().errors[0].code, 'E_AUTHORIZATION_FAILURE')
      const form = await client
        .post(`/agency/projects/${id}/direct/${step}`)
        .loginAs(other)
        .form({ quoteYuan: '28000' })
        .withCsrfToken()
        .redirects(0)
      form.assertStatus(302)
      assert.property(form.flashMessages().errorsBag, 'E_AUTHORIZATION_FAILURE')
    }
    const waiting = await client.get(`/api/v1/projects/${id}`)
    assert.equal(waiting.body().status, 'published')

    const accepted = await client
      .post(`/api/v1/projects/${id}/direct/accept`)
      .json({ quoteFen: 2_800_000 })
      .withGuard('api')
      .loginAs(named)
    accepted.assertStatus(200)
  })
})
