/* eslint-disable @unicorn/no-await-expression-member */
/*
 * The project page and the agency page serve their public parts from the
 * cache of page parts (cachedPagePart, #services/public_cache): the same for every visitor,
 * never a bid before the opening, never a visitor's own data or CSRF token.
 * Each visitor's own parts (forms, the owner's panel, the agency's own view)
 * are rendered around them at each request, and every write that changes a
 * public part is seen by the very next read.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import { marketWorld } from '#tests/worlds'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import { recordCreditEvent } from '#services/credit_ledger'
import AgencyProfile from '#models/agency_profile'
import User from '#models/user'
import { setCalendarDay } from '#actions/calendar/calendar_days'
import { formatFen } from '#domain/money'
import { countQueries } from '#tests/helpers'
import {
  AFTER_DEADLINE,
  demoAgency,
  demoOwner,
  placeBids,
  publishedProject,
} from '#tests/selection_fixtures'
import cache from '@adonisjs/cache/services/main'
import { cachedPagePart, clearLists, invalidateLists } from '#services/public_cache'

const zh = () => i18nManager.locale('zh-CN')

/** The public response count the project page shows. */
function responseCount(page: string) {
  const label = zh().t('messages.projectPages.responses')
  const match = page.match(new RegExp(`${label}</dt>\\s*<dd>(\\d+)</dd>`))
  if (!match) throw new Error('no response count on the page')
  return Number(match[1])
}

/** Every CSRF token of a page. */
const csrfTokens = (page: string) =>
  [...page.matchAll(/name=['"]_csrf['"] value=['"]([^'"]+)['"]/g)].map((match) => match[1])

/** The part the cache holds under this key (`project:12:zh-CN`), if any. */
const cachedPart = (key: string) => cache.use('pages').get({ key })

/** What the cache holds of these records' pages (`project:12`), in both languages, as one text. */
async function cachedText(...records: string[]) {
  const keys = records.flatMap((record) => [`${record}:zh-CN`, `${record}:en`])
  return JSON.stringify(await Promise.all(keys.map(cachedPart)))
}

test.group('Public page parts: cached, sealed, and per visitor around them', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  test('before the opening a cached project page shows the public response count only: no quote, receipt, bidder or CSRF token is in the page or the cache', async ({
    client,
    assert,
  }) => {
    const id = await publishedProject(client)
    assert.equal(responseCount((await client.get(`/projects/${id}`)).text()), 0)
    assert.isDefined(await cachedPart(`project:${id}:zh-CN`), 'the public parts are cached')

    await placeBids(client, id, [
      [5, 7_654_321],
      [6, 6_543_210],
    ])
    const page = (await client.get(`/projects/${id}`)).text()
    // The bids invalidated the cached parts: the count is current.
    assert.equal(responseCount(page), 2)

    const bids = await db
      .from('bids as b')
      .join('organizations as o', 'o.id', 'b.organization_id')
      .where('b.project_id', id)
      .select('b.receipt', 'o.name')
    assert.lengthOf(bids, 2)
    const cached = await cachedText(`project:${id}`)
    assert.notEqual(cached, '[null,null]')
    for (const secret of [
      formatFen(7_654_321),
      formatFen(6_543_210),
      ...bids.map((bid) => String(bid.receipt)),
      ...bids.map((bid) => String(bid.name)),
    ]) {
      assert.notInclude(page, secret)
      assert.notInclude(cached, secret)
    }
    assert.notInclude(cached, '_csrf')
    for (const token of csrfTokens(page)) assert.notInclude(cached, token)
  })

  test('a guest page is served from the cache without a query; two agencies each get their own bid form and token, the owner its panel, a guest none of them', async ({
    client,
    assert,
  }) => {
    const id = await publishedProject(client)
    const bidForm = `/agency/projects/${id}/bids`
    const ownerPanel = `/owner/projects/${id}/cancel`

    const first = (await client.get(`/projects/${id}`)).text()
    let again = ''
    const queries = await countQueries(async () => {
      again = (await client.get(`/projects/${id}`)).text()
    })
    assert.equal(queries, 0, 'a guest reads the cached parts only')
    for (const guest of [first, again]) {
      assert.notInclude(guest, bidForm)
      assert.notInclude(guest, ownerPanel)
    }

    const [one, two] = [await demoAgency(5), await demoAgency(6)]
    await placeBids(client, id, [[5, 7_654_321]])
    const receipt = String(
      (await db.from('bids').where('project_id', id).select('receipt').firstOrFail()).receipt
    )
    const pageOne = (await client.get(`/projects/${id}`).loginAs(one)).text()
    const pageTwo = (await client.get(`/projects/${id}`).loginAs(two)).text()
    const pageOwner = (await client.get(`/projects/${id}`).loginAs(await demoOwner())).text()
    const guest = (await client.get(`/projects/${id}`)).text()

    // Each agency its own form, with its own token; only the bidder its receipt.
    assert.include(pageOne, bidForm)
    assert.include(pageTwo, bidForm)
    assert.include(pageOne, receipt)
    assert.notInclude(pageTwo, receipt)
    assert.notInclude(guest, receipt)
    const [tokensOne, tokensTwo] = [csrfTokens(pageOne), csrfTokens(pageTwo)]
    assert.isNotEmpty(tokensOne)
    assert.isNotEmpty(tokensTwo)
    assert.notDeepEqual(tokensOne, tokensTwo)
    // The owner's panel for the owner only.
    assert.include(pageOwner, ownerPanel)
    assert.notInclude(pageOne, ownerPanel)
    assert.notInclude(guest, ownerPanel)
    assert.notInclude(guest, bidForm)
    // …around the same public parts, which hold none of it.
    const cached = await cachedText(`project:${id}`)
    assert.notEqual(cached, '[null,null]')
    for (const token of [...tokensOne, ...tokensTwo, ...csrfTokens(pageOwner)]) {
      assert.notInclude(cached, token)
    }
    for (const privatePart of [bidForm, ownerPanel, receipt, '_csrf']) {
      assert.notInclude(cached, privatePart)
    }
  })

  test('a page read before the opening shows every bid once the project is opened, and its cancellation reason once cancelled', async ({
    client,
    assert,
  }) => {
    const id = await publishedProject(client)
    await placeBids(client, id, [
      [5, 7_654_321],
      [6, 6_543_210],
    ])
    const before = (await client.get(`/projects/${id}`)).text()
    assert.notInclude(before, formatFen(6_543_210))

    clock.freeze(AFTER_DEADLINE)
    await runTick()
    const after = (await client.get(`/projects/${id}`)).text()
    assert.include(after, formatFen(7_654_321))
    assert.include(after, formatFen(6_543_210))

    // Another project, cancelled by its owner: the reload shows the reason.
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    const other = await publishedProject(client)
    const reason = '项目规划调整，暂缓实施并重新论证'
    assert.notInclude((await client.get(`/projects/${other}`)).text(), reason)
    const cancelled = await client
      .post(`/api/v1/projects/${other}/cancel`)
      .json({ reason })
      .withGuard('api')
      .loginAs(await demoOwner())
    cancelled.assertStatus(200)
    assert.include((await client.get(`/projects/${other}`)).text(), reason)
  })

  test('the agency page serves its public record from the cache, fresh after a profile save and a credit event; only the agency itself sees its private view', async ({
    client,
    assert,
  }) => {
    const agency = await demoAgency(1)
    const url = `/agencies/${agency.organizationId}`
    const hiddenNote = zh().t('credit_repair.event.hiddenNote')

    const first = (await client.get(url)).text()
    assert.notInclude(first, '缓存后改写的机构简介')
    const queries = await countQueries(async () => {
      await client.get(url)
    })
    assert.equal(queries, 0, 'a guest reads the cached parts only')

    const profile = await AgencyProfile.findByOrFail('organizationId', agency.organizationId)
    await db.transaction(async (trx) => {
      profile.useTransaction(trx)
      profile.description = '缓存后改写的机构简介'
      await profile.save()
    })
    assert.include((await client.get(url)).text(), '缓存后改写的机构简介')

    await db.transaction(async (trx) => {
      await recordCreditEvent(trx, {
        organizationId: agency.organizationId,
        type: 'regulator_commendation',
        points: 5,
        reason: '缓存测试表彰',
        actor: null,
      })
    })
    const guest = (await client.get(url)).text()
    assert.include(guest, '缓存测试表彰')

    // The agency itself sees its private view; another agency and a guest the public one.
    const own = (await client.get(url).loginAs(agency)).text()
    const another = (await client.get(url).loginAs(await demoAgency(2))).text()
    assert.include(own, hiddenNote)
    assert.notInclude(another, hiddenNote)
    assert.notInclude(guest, hiddenNote)
    const cached = await cachedText(`agency:${agency.organizationId}`)
    assert.include(cached, '缓存测试表彰')
    assert.notInclude(cached, hiddenNote)
    assert.notInclude(cached, '_csrf')
    for (const token of [...csrfTokens(own), ...csrfTokens(another)]) {
      assert.notInclude(cached, token)
    }
  })

  test('a change of the official calendar drops the cached project pages (their deadlines may turn provisional or firm)', async ({
    client,
    assert,
  }) => {
    const id = await publishedProject(client)
    await client.get(`/projects/${id}`)
    assert.isDefined(await cachedPart(`project:${id}:zh-CN`))
    const admin = await User.findByOrFail('email', 'admin@demo.example.com')
    await setCalendarDay({ day: '2026-10-08', working: true, note: '调休上班' }, admin)
    assert.isUndefined(await cachedPart(`project:${id}:zh-CN`))
  })

  test('an agency that does not exist is a 404, and nothing is cached for it', async ({
    client,
    assert,
  }) => {
    const answer = await client.get('/agencies/987654')
    answer.assertStatus(404)
    assert.isUndefined(await cachedPart('agency:987654:zh-CN'))
    assert.isUndefined(await cachedPart('agency:987654:en'))
  })
})

test.group('Public page parts: the bounded cache', (group) => {
  group.each.setup(() => clearLists())

  test('the cache keeps at most 32 MB of parts, dropping the least recently read first', async ({
    assert,
  }) => {
    // Parts of 1 MB each: 30 fit, and 6 more push the least recently read out.
    const text = (n: number) => `${n}:`.padEnd(2 ** 20, 'x')
    const part = (n: number) => cachedPagePart(`test:${n}`, [`project:${n}`], async () => text(n))
    for (let n = 0; n < 30; n++) await part(n)
    // Part 0 is read again (most recent); part 1 is now the least recently read.
    assert.equal(await cachedPart('test:0'), text(0))
    for (let n = 30; n < 36; n++) await part(n)
    const kept: number[] = []
    for (let n = 35; n >= 0; n--) if ((await cachedPart(`test:${n}`)) !== undefined) kept.push(n)
    assert.isAtMost(kept.length, 32)
    assert.include(kept, 0)
    assert.notInclude(kept, 1)
    assert.include(kept, 35)
  })

  test('an invalidation drops the parts of its tag only, and a part computed across it is served but not kept', async ({
    assert,
  }) => {
    await cachedPagePart('test:a', ['project:1'], async () => 'a')
    await cachedPagePart('test:b', ['project:2', 'catalog'], async () => 'b')
    await invalidateLists(['project:1'])
    assert.isUndefined(await cachedPart('test:a'))
    assert.equal(await cachedPart('test:b'), 'b')
    await invalidateLists(['catalog'])
    assert.isUndefined(await cachedPart('test:b'))

    const served = await cachedPagePart('test:c', ['project:3'], async () => {
      await invalidateLists(['project:9'])
      return 'c'
    })
    assert.equal(served, 'c')
    assert.isUndefined(await cachedPart('test:c'))
  })

  test('a part that does not exist (null) is served but not kept', async ({ assert }) => {
    assert.isNull(await cachedPagePart('test:none', ['project:4'], async () => null))
    assert.isUndefined(await cachedPart('test:none'))
  })
})
