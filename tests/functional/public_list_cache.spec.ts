/* eslint-disable @unicorn/no-await-expression-member */
/*
 * The public lists (catalog, home figures, agency directory, project list and
 * their API twins) come from a cache; every write that changes one is seen
 * by the very next read, and a cached list still goes out with each
 * signed-in visitor's own CSRF token, account and language (a guest gets no session).
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import ServiceItem from '#models/service_item'
import { clock } from '#services/clock'
import { DateTime } from 'luxon'
import { runTick } from '#actions/market_tick'
import { catalogList } from '#presenters/public_lists'
import { cachedList, clearLists, invalidateLists } from '#services/public_cache'
import {
  countQueries,
  registrationPayload,
  serviceItemPayload,
  testDepartment,
} from '#tests/helpers'
import { AFTER_DEADLINE, publishedProject } from '#tests/selection_fixtures'

const user = (email: string) => User.findByOrFail('email', email)

/** The directory row of one agency in the API list (or undefined). */
async function directoryRow(client: any, agencyId: number, qs: Record<string, string> = {}) {
  const answer = await client.get('/api/v1/agencies').qs({ perPage: 100, ...qs })
  answer.assertStatus(200)
  return answer.body().data.find((row: { id: number }) => row.id === agencyId)
}

test.group('Public lists: cached, and fresh after every write', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await testDepartment()
  })
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  test('an item a regulator adds is at once in the catalog, the home page and the API; its revision too', async ({
    client,
    assert,
  }) => {
    const regulator = await user('regulator@demo.example.com')
    const payload = serviceItemPayload({ name: '缓存测试评估服务' })
    const home = await client.get('/')
    const items = Number(home.text().match(/data-figure="service-items">(\d+)</)![1])
    assert.notInclude((await client.get('/service-items')).text(), '缓存测试评估服务')
    assert.notInclude(
      (await client.get('/api/v1/service-items')).body().data.map((item: any) => item.name),
      '缓存测试评估服务'
    )

    const created = await client
      .post('/api/v1/service-items')
      .json(payload)
      .withGuard('api')
      .loginAs(regulator)
    created.assertStatus(201)

    ;(await client.get('/service-items')).assertTextIncludes('缓存测试评估服务')
    const homeAfter = await client.get('/')
    homeAfter.assertTextIncludes(`data-figure="service-items">${items + 1}<`)
    homeAfter.assertTextIncludes('缓存测试评估服务')
    assert.include(
      (await client.get('/api/v1/service-items')).body().data.map((item: any) => item.name),
      '缓存测试评估服务'
    )

    const revised = await client
      .put(`/api/v1/service-items/${payload.code}`)
      .json({
        ...payload,
        name: '缓存测试评估服务（修订）',
        status: 'active',
        changeReason: '名称调整',
      })
      .withGuard('api')
      .loginAs(regulator)
    revised.assertStatus(200)
    ;(await client.get('/service-items')).assertTextIncludes('缓存测试评估服务（修订）')
  })

  test('an agency that registers and lists its items is at once in the directory page, the API and the home figures', async ({
    client,
    assert,
  }) => {
    const home = await client.get('/')
    const agencies = Number(home.text().match(/data-figure="agencies">(\d+)</)![1])
    assert.notInclude((await client.get('/agencies').qs({ item: 'ZJ-007' })).text(), '天山缓存测绘')
    assert.equal((await client.get('/api/v1/agencies').qs({ q: '天山缓存' })).body().meta.total, 0)

    const registered = await client
      .post('/api/v1/auth/register')
      .json(
        registrationPayload({ role: 'agency', region: '650000', orgName: '新疆天山缓存测绘公司' })
      )
    registered.assertStatus(201)
    ;(await client.get('/')).assertTextIncludes(`data-figure="agencies">${agencies + 1}<`)
    const listed = await client
      .put('/api/v1/agency/profile')
      .bearerToken(registered.body().token)
      .json({ items: ['ZJ-007'], region: '650000' })
    listed.assertStatus(200)

    ;(await client.get('/agencies').qs({ item: 'ZJ-007' })).assertTextIncludes(
      '新疆天山缓存测绘公司'
    )
    assert.equal((await client.get('/api/v1/agencies').qs({ q: '天山缓存' })).body().meta.total, 1)

    // Removing the item takes it off the list filtered by that item.
    const moved = await client
      .put('/api/v1/agency/profile')
      .bearerToken(registered.body().token)
      .json({ items: ['ZJ-001'], region: '650000' })
    moved.assertStatus(200)
    assert.notInclude(
      (await client.get('/agencies').qs({ item: 'ZJ-007' })).text(),
      '新疆天山缓存测绘公司'
    )
    ;(await client.get('/agencies').qs({ item: 'ZJ-001' })).assertTextIncludes(
      '新疆天山缓存测绘公司'
    )
  })

  test('a credit penalty changes the score in the directory at once; a ban marks the agency and lifting it clears the mark', async ({
    client,
    assert,
  }) => {
    const regulator = await user('regulator@demo.example.com')
    const agency = await user('agency5@demo.example.com')
    const before = await directoryRow(client, agency.organizationId)
    assert.isFalse(before.banned)

    const penalty = await client
      .post('/api/v1/regulator/credit-events')
      .json({
        agencyId: agency.organizationId,
        type: 'regulator_penalty',
        points: -10,
        reason: '出具报告数据不实',
      })
      .withGuard('api')
      .loginAs(regulator)
    penalty.assertStatus(201)
    const penalised = await directoryRow(client, agency.organizationId)
    assert.isBelow(penalised.credit.score, before.credit.score)

    const ban = await client
      .post('/api/v1/regulator/bans')
      .json({
        agencyId: agency.organizationId,
        reason: '出具虚假报告',
        legalBasis: '《行政许可法》',
        startsAt: '2026-09-01',
      })
      .withGuard('api')
      .loginAs(regulator)
    ban.assertStatus(201)
    assert.isTrue((await directoryRow(client, agency.organizationId)).banned)

    const lifted = await client
      .post(`/api/v1/regulator/bans/${ban.body().id}/lift`)
      .json({ reason: '整改到位' })
      .withGuard('api')
      .loginAs(regulator)
    assert.oneOf(lifted.status(), [200, 204])
    assert.isFalse((await directoryRow(client, agency.organizationId)).banned)
  })

  test('the project list shows a publication, a cancellation and the opening by the tick at once', async ({
    client,
    assert,
  }) => {
    const owner = await user('owner@demo.example.com')
    const statusOf = async (id: number) =>
      (await client.get('/api/v1/projects').qs({ perPage: 100 }))
        .body()
        .data.find((project: any) => project.id === id)?.status
    assert.notInclude(
      (await client.get('/projects').qs({ status: 'published' })).text(),
      '缓存测试项目甲'
    )
    assert.equal((await client.get('/api/v1/projects')).body().meta.total, 0)

    const first = await publishedProject(client, { title: '缓存测试项目甲' })
    const second = await publishedProject(client, { title: '缓存测试项目乙' })
    ;(await client.get('/projects').qs({ status: 'published' })).assertTextIncludes(
      '缓存测试项目甲'
    )
    assert.equal(await statusOf(first), 'published')

    // Responses are counted live: a bid shows without invalidating the list.
    const bid = await client
      .post(`/api/v1/projects/${first}/bids`)
      .json({ quoteFen: 5_000_000 })
      .withGuard('api')
      .loginAs(await user('agency1@demo.example.com'))
    bid.assertStatus(201)
    const listed = (await client.get('/api/v1/projects')).body().data
    assert.equal(listed.find((project: any) => project.id === first).responseCount, 1)

    const cancelled = await client
      .post(`/api/v1/projects/${second}/cancel`)
      .json({ reason: '项目调整，取消采购' })
      .withGuard('api')
      .loginAs(owner)
    cancelled.assertStatus(200)
    assert.equal(await statusOf(second), 'cancelled')
    ;(await client.get('/projects').qs({ status: 'cancelled' })).assertTextIncludes(
      '缓存测试项目乙'
    )

    clock.freeze(AFTER_DEADLINE)
    await runTick()
    assert.notEqual(await statusOf(first), 'published')
    assert.notInclude(
      (await client.get('/projects').qs({ status: 'published' })).text(),
      '缓存测试项目甲'
    )
  })

  test('a cached page carries each signed-in visitor its own CSRF token, account and language; a guest reading it gets an empty session, nothing stored', async ({
    client,
    assert,
  }) => {
    const agency = await user('agency1@demo.example.com')
    const owner = await user('owner@demo.example.com')
    const tokenOf = (html: string) => html.match(/name='_csrf' value='([^']+)'/)?.[1]
    const guest = await client.get('/agencies')
    const member = await client.get('/agencies').loginAs(agency)
    const otherMember = await client.get('/agencies').loginAs(owner)
    const english = await client.get('/agencies').withPlainCookie('locale', 'en')

    // A guest (or a crawler) reading public pages: no token, an empty session — nothing stored.
    assert.isUndefined(tokenOf(guest.text()))
    assert.deepEqual(guest.session(), {})
    assert.isDefined(tokenOf(member.text()))
    assert.notEqual(tokenOf(member.text()), tokenOf(otherMember.text()))
    member.assertTextIncludes('action="/logout"')
    assert.notInclude(guest.text(), 'action="/logout"')
    guest.assertTextIncludes('<html lang="zh-CN">')
    english.assertTextIncludes('<html lang="en">')
    english.assertTextIncludes('Agency directory')
    assert.notInclude(guest.text(), 'Agency directory')
    // The same cached rows, in each visitor's language.
    english.assertTextIncludes('Chengdu')
    guest.assertTextIncludes('成都')

    // A page with a form makes the token (and so the session) when it is rendered.
    const loginPage = await client.get('/login')
    assert.isDefined(tokenOf(loginPage.text()))
    assert.property(loginPage.session(), 'csrf-secret')
    // The language switch in every page's header sets a preference cookie: it needs no token.
    const switched = await client.post('/locale').form({ locale: 'en' }).redirects(0)
    switched.assertStatus(302)
    assert.include(String(switched.header('set-cookie')), 'locale=')
    // Any other form posted without a token is still refused.
    const forged = await client
      .post('/login')
      .form({ email: 'owner@demo.example.com', password: 'x' })
      .redirects(0)
    forged.assertFlashMessage('errorsBag', { E_BAD_CSRF_TOKEN: '页面已过期，请刷新后重新提交' })
  })

  test('the second read of each list runs fewer SQL queries than the first: the cache is used', async ({
    client,
    assert,
  }) => {
    await publishedProject(client)
    for (const url of [
      '/',
      '/service-items',
      '/agencies?item=ZJ-001',
      '/projects',
      '/api/v1/service-items',
      '/api/v1/agencies?region=510000&sort=name',
      '/api/v1/projects?status=published',
    ]) {
      await clearLists()
      const first = await countQueries(async () => (await client.get(url)).assertStatus(200))
      const second = await countQueries(async () => (await client.get(url)).assertStatus(200))
      assert.isBelow(second, first, url)
    }
    // The same filters written differently are one entry.
    const spelled = await countQueries(() =>
      client.get('/api/v1/agencies?sort=name&region=510000&page=1')
    )
    const again = await countQueries(() => client.get('/api/v1/agencies?region=510000&sort=name'))
    assert.isBelow(again, spelled)
  })

  test('a change is invalidated when its transaction commits, and not at all when it rolls back', async ({
    assert,
  }) => {
    // The payload's guide fields are form fields, not columns: the row takes its columns only.
    const columnsOf = (payload: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(payload).filter(([key]) =>
          (ServiceItem.$columns as readonly string[]).includes(key)
        )
      )
    const attributes = (name: string) => {
      return {
        ...columnsOf(serviceItemPayload({ name })),
        status: 'active' as const,
        feeType: 'reference' as const,
        effectiveDate: DateTime.fromJSDate(clock.now()),
        version: 1,
      }
    }
    await catalogList()

    await db
      .transaction(async (trx) => {
        await ServiceItem.create(attributes('回滚的事项'), { client: trx })
        throw new Error('rolled back')
      })
      .catch(() => {})
    assert.equal(await countQueries(() => catalogList()), 0, 'the list is still cached')

    await db.transaction(async (trx) => {
      await ServiceItem.create(attributes('提交的事项'), { client: trx })
      // Until the commit the cached list is served as it was.
      assert.equal(await countQueries(() => catalogList()), 0)
    })
    assert.include(
      (await catalogList()).map((row) => row.name),
      '提交的事项'
    )
  })

  test('a list computed while its tag is invalidated is served once but not cached', async ({
    assert,
  }) => {
    let runs = 0
    const read = () =>
      cachedList('race', ['catalog'], async () => {
        runs += 1
        // A writer commits while this reader is still reading the old rows.
        if (runs === 1) await invalidateLists(['catalog'])
        return `rows of read ${runs}`
      })
    assert.equal(await read(), 'rows of read 1')
    // (An entry written in the invalidation's millisecond counts as invalidated.)
    await new Promise((resolve) => setTimeout(resolve, 5))
    assert.equal(await read(), 'rows of read 2', 'the first rows were not kept')
    assert.equal(await read(), 'rows of read 2')
    assert.equal(runs, 2)
  })
})
