/*
 * Every instant a person reads or a program receives, from either database:
 * pages write dates through the formatters (never "Invalid DateTime" or NaN),
 * API answers carry ISO 8601 with an offset. The records are the
 * authorisation world's: a contract with a payment, deliverables, an
 * evaluation and its follow-up, credit events with an appeal and a repair,
 * a ban, an objection, a complaint, an inspection, qualifications, a token.
 */
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import { clock } from '#services/clock'
import { isolated } from '#tests/helpers'
import { buildWorld, type Actor, type World } from '#tests/authorization_world'
import { getRoutes } from '#tests/route_walk'
import { invalidateLists } from '#services/public_cache'

/** ISO 8601 with an offset: what every instant in an API answer must read. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/
/** Text that starts like a time of day: it must be an ISO instant, not a raw database value. */
const LOOKS_LIKE_AN_INSTANT = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/
/** Keys that name an instant. */
const INSTANT_KEY = /(At|Deadline|Until|Since)$|^(deadline|since|until)$/
/** A calendar day (a qualification's validUntil): a date, not an instant. */
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/
const BROKEN_TEXT = /Invalid DateTime|Invalid Date|\bNaN\b|undefined-undefined/

async function send(client: ApiClient, url: string, actor: Actor, world: World) {
  const request = client.get(url).redirects(0)
  if (actor === 'public') return await request
  const user = world.users[actor]
  return url.startsWith('/api/')
    ? await request.withGuard('api').loginAs(user)
    : await request.loginAs(user)
}

/** Every value in an answer that should be an ISO instant but is not, with its path. */
function badInstants(value: unknown, path = '$'): string[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => badInstants(item, `${path}[${index}]`))
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, item]) => {
    const here = `${path}.${key}`
    if (typeof item === 'string') {
      const shouldBeInstant =
        LOOKS_LIKE_AN_INSTANT.test(item) || (INSTANT_KEY.test(key) && !CALENDAR_DAY.test(item))
      return shouldBeInstant && !ISO_WITH_OFFSET.test(item) ? [`${here} = ${item}`] : []
    }
    if (item instanceof Object) return badInstants(item, here)
    return INSTANT_KEY.test(key) && item !== null && item !== undefined && typeof item !== 'boolean'
      ? [`${here} = ${String(item)}`]
      : []
  })
}

test.group('Dates everywhere', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  test('every page, as everyone who may open it, writes its dates and none reads "Invalid" or NaN', async ({
    client,
    assert,
  }) => {
    const world = await buildWorld(client)
    // Later than the world's records, so deadlines, events and ratings all show.
    clock.freeze(new Date('2026-12-07T01:53:33Z'))
    const problems: string[] = []
    let pages = 0
    for (const route of getRoutes(world).filter(({ url }) => !url.startsWith('/api/'))) {
      for (const actor of route.actors) {
        const response = await isolated(() => send(client, route.url, actor, world))
        if (!String(response.header('content-type') ?? '').includes('text/html')) continue
        if (response.status() !== 200) continue
        pages += 1
        const broken = String(response.text()).match(BROKEN_TEXT)
        if (broken) problems.push(`${route.url} as ${actor}: "${broken[0]}"`)
      }
    }
    assert.deepEqual(problems, [])
    assert.isAbove(pages, 100)
  }).timeout(300_000)

  test('the agency page dates its credit record and its evaluation, and counts the evaluation', async ({
    client,
    assert,
  }) => {
    const world = await buildWorld(client)
    const page = await client.get(`/agencies/${world.agencyOrganization}`)
    page.assertStatus(200)
    const html = page.text()
    assert.notMatch(html, BROKEN_TEXT)
    assert.include(html, '1 条评价')
    assert.include(html, '报告质量差，多次返工')
    // The credit events and the evaluation, each with its Beijing minute.
    assert.isAtLeast(html.match(/<td>\d{4}-\d{2}-\d{2} \d{2}:\d{2}<\/td>/g)?.length ?? 0, 4)

    const api = await client.get(`/api/v1/agencies/${world.agencyOrganization}`)
    api.assertStatus(200)
    const body = api.body()
    assert.equal(body.evaluations.count, 1)
    assert.equal(body.evaluations.bad, 1)
    assert.equal(body.evaluations.dimensions.quality, 1)
    assert.isNumber(body.evaluations.average)
    assert.isAtLeast(body.credit.events.length, 3)
    for (const event of body.credit.events) {
      assert.match(event.occurredAt, ISO_WITH_OFFSET)
      assert.match(event.expiresAt, ISO_WITH_OFFSET)
    }
  }).timeout(120_000)

  test('a delivery due date and the end of a publicity counted without the official schedule of their year are marked provisional (暂定)', async ({
    client,
    assert,
  }) => {
    const world = await buildWorld(client)
    const page = async () => {
      const response = await client.get(`/contracts/${world.contract}`).loginAs(world.users.ownerA)
      return response.text()
    }
    const service = async () => {
      const response = await client
        .get(`/api/v1/contracts/${world.contract}/service`)
        .withGuard('api')
        .loginAs(world.users.ownerA)
      return response.body()
    }
    const projectPage = async () => {
      const response = await client.get(`/projects/${world.signedProject}`)
      return response.text()
    }
    const loaded = await page()
    assert.match(loaded, /\d{4}-\d{2}-\d{2} 24:00 前/)
    assert.notInclude(loaded, '（暂定')
    assert.include(await projectPage(), '公示期至')
    assert.notInclude(await projectPage(), '（暂定')
    const before = await service()
    assert.isFalse(before.clock.provisional)

    // Without the 2026 schedule the due day is counted from weekends alone.
    await db.from('calendar_days').delete()
    // …and the cached project page drops its parts, as the calendar's actions have it do.
    await invalidateLists(['calendar'])
    assert.include(await page(), '（暂定：当年节假日安排尚未录入，按周末计算）')
    assert.include(await projectPage(), '（暂定：当年节假日安排尚未录入，按周末计算）')
    const after = await service()
    assert.isTrue(after.clock.provisional)
  }).timeout(120_000)

  test('every instant in the API answers is ISO 8601 with an offset, whoever asks', async ({
    client,
    assert,
  }) => {
    const world = await buildWorld(client)
    clock.freeze(new Date('2026-12-07T01:53:33Z'))
    const problems: string[] = []
    let answers = 0
    let instants = 0
    for (const route of getRoutes(world).filter(({ url }) => url.startsWith('/api/'))) {
      for (const actor of route.actors) {
        const response = await isolated(() => send(client, route.url, actor, world))
        if (!String(response.header('content-type') ?? '').includes('json')) continue
        if (response.status() !== 200) continue
        answers += 1
        const text = String(response.text())
        instants += text.match(/"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/g)?.length ?? 0
        problems.push(
          ...badInstants(response.body()).map((bad) => `${route.url} as ${actor}: ${bad}`)
        )
      }
    }
    assert.deepEqual(problems, [])
    assert.isAbove(answers, 50)
    assert.isAbove(instants, 100)
  }).timeout(300_000)
})
