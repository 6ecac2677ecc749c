import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import { createUserWithRole } from '#database/factories/account_factories'
import { updateAgencyProfile } from '#actions/registry/agency_listing'
import Organization from '#models/organization'
import { rebuildSearchIndex } from '#services/search_index'
import { KEYWORD_COUNT_CAP } from '#queries/agency_directory'
import { invalidateLists } from '#services/public_cache'

const NAMES = [
  '北京华测检测技术有限公司',
  '四川省地质工程勘察院集团有限公司',
  '成都华测环境检测有限公司',
  'ABC环评（成都）有限公司',
  'ABC123测绘事务所',
  '重庆市测绘院',
  '德阳市建筑设计研究院有限责任公司',
  '绵阳华西工程咨询有限公司',
  '华西（四川）安全评价有限公司',
  '中测测绘科技有限公司',
]

/** Whole-word keywords: Chinese words and parts of words, single characters, Latin words, none. */
const KEYWORDS = [
  '华测',
  '检测',
  '测绘',
  '测',
  '华',
  '司',
  '有限公司',
  '四川',
  '（成都）',
  '成都',
  'abc',
  'ABC123',
  'ABC 环评',
  '华西（四川）',
  '地质工程勘察院',
  '勘察院集团有限',
  '测测',
  '上海',
  '院',
  '%',
  '_',
]

async function listedAgencies() {
  const organizations: Organization[] = []
  for (const name of NAMES) {
    const user = await createUserWithRole('agency')
    const organization = await Organization.findOrFail(user.organizationId)
    organization.name = name
    await organization.save()
    await updateAgencyProfile(organization, { items: ['ZJ-001'], region: '510100' }, null)
    organizations.push(organization)
  }
  return organizations
}

/** The directory's keyword filter as it was: a scan of the names (LIKE), or the whole code. */
async function oldLikeSemantics(keyword: string) {
  const escaped = keyword.replace(/[!%_]/g, (char) => `!${char}`)
  const rows = await db
    .from('organizations as o')
    .join('agency_profiles as p', 'p.organization_id', 'o.id')
    .where('p.listed', true)
    .where((where) =>
      where
        .whereRaw(`o.name like ? escape '!'`, [`%${escaped}%`])
        .orWhere('o.uscc', keyword.toUpperCase())
    )
    .select('o.id')
  return rows.map((row) => Number(row.id)).sort((a, b) => a - b)
}

/** More listed agencies than the count goes to, all named 华测, sharing one USCC beginning. */
const MANY = KEYWORD_COUNT_CAP + 30
const MANY_USCC = '92440300'

async function manyListedAgencies() {
  const now = new Date()
  const organizations = Array.from({ length: MANY }, (_, index) => ({
    name: `深圳${String(index).padStart(4, '0')}号华测检测有限公司`,
    uscc: `${MANY_USCC}00${String(index).padStart(7, '0')}A`,
    kind: 'agency',
    region_code: '440300',
    created_at: now,
  }))
  for (let start = 0; start < MANY; start += 200) {
    await db.table('organizations').multiInsert(organizations.slice(start, start + 200))
  }
  const ids: { id: number }[] = await db
    .from('organizations')
    .where('uscc', 'like', `${MANY_USCC}%`)
    .orderBy('id')
    .select('id')
  const profiles = ids.map(({ id }, index) => ({
    organization_id: id,
    // Spread, with ties: the order's second key (the id) decides too.
    credit_score: 40 + ((index * 37) % 61),
    item_count: 1,
    listed: true,
    region_code: '440300',
    province_code: '44',
    listed_at: now,
    created_at: now,
  }))
  for (let start = 0; start < profiles.length; start += 200) {
    await db.table('agency_profiles').multiInsert(profiles.slice(start, start + 200))
  }
  await rebuildSearchIndex()
  // Written past the models: the cached directory pages are dropped by hand.
  await invalidateLists(['directory'])
}

/** A page of the directory as the old query read it: every match, by credit then id, descending. */
async function oldPage(where: (query: any) => void, page: number, perPage = 20) {
  const query = db
    .from('organizations as o')
    .join('agency_profiles as p', 'p.organization_id', 'o.id')
    .where('p.listed', true)
    .orderBy('p.credit_score', 'desc')
    .orderBy('p.organization_id', 'desc')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .select('o.id')
  where(query)
  const rows: { id: number }[] = await query
  return rows.map((row) => Number(row.id))
}

async function apiPage(client: any, qs: Record<string, string | number>) {
  const response = await client.get('/api/v1/agencies').qs(qs)
  response.assertStatus(200)
  return {
    ids: (response.body().data as { id: number }[]).map((row) => row.id),
    meta: response.body().meta as { total: number; totalIsLowerBound: boolean },
  }
}

async function apiIds(client: any, q: string) {
  const response = await client.get('/api/v1/agencies').qs({ q, perPage: 100 })
  response.assertStatus(200)
  return (response.body().data as { id: number }[]).map((row) => row.id).sort((a, b) => a - b)
}

test.group('Agency keyword search (keyword index)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
  })

  test('the directory API finds by keyword exactly the agencies the name scan found', async ({
    client,
    assert,
  }) => {
    await listedAgencies()
    for (const keyword of KEYWORDS) {
      const expected = await oldLikeSemantics(keyword)
      assert.deepEqual(await apiIds(client, keyword), expected, keyword)
    }
    // Not vacuous: the keywords find some agencies and miss others.
    assert.lengthOf(await oldLikeSemantics('华测'), 2)
    assert.lengthOf(await oldLikeSemantics('上海'), 0)
  }).timeout(60_000)

  test('the directory page lists the agencies a keyword finds and no others', async ({
    client,
    assert,
  }) => {
    await listedAgencies()
    const page = await client.get('/agencies').qs({ q: '华测' })
    page.assertStatus(200)
    page.assertTextIncludes('北京华测检测技术有限公司')
    page.assertTextIncludes('成都华测环境检测有限公司')
    assert.notInclude(page.text(), '中测测绘科技有限公司')
  }).timeout(60_000)

  test('a 统一社会信用代码 finds its agency whole or by its beginning; a short beginning does not', async ({
    client,
    assert,
  }) => {
    const [first] = await listedAgencies()
    assert.deepEqual(await apiIds(client, first.uscc), [first.id])
    assert.deepEqual(await apiIds(client, first.uscc.toLowerCase()), [first.id])
    const prefix = await apiIds(client, first.uscc.slice(0, 12))
    assert.include(prefix, first.id)
    const sameBeginning = await db
      .from('organizations as o')
      .join('agency_profiles as p', 'p.organization_id', 'o.id')
      .where('p.listed', true)
      .where('o.uscc', 'like', `${first.uscc.slice(0, 12)}%`)
      .count('* as n')
    assert.lengthOf(prefix, Number(sameBeginning[0].n))
    assert.notInclude(await apiIds(client, first.uscc.slice(0, 5)), first.id)
  }).timeout(60_000)

  test('a renamed agency is found by its new name and no longer by its old one', async ({
    client,
    assert,
  }) => {
    const organizations = await listedAgencies()
    const renamed = organizations[0]
    assert.include(await apiIds(client, '北京华测'), renamed.id)
    renamed.name = '雅安蓝天环评有限公司'
    await renamed.save()
    assert.notInclude(await apiIds(client, '北京华测'), renamed.id)
    assert.deepEqual(await apiIds(client, '蓝天环评'), [renamed.id])
    const grams = await db
      .from('organization_search_grams')
      .where('organization_id', renamed.id)
      .orderBy('gram')
      .select('gram')
    assert.include(
      grams.map((row) => row.gram),
      '蓝天'
    )
    assert.notInclude(
      grams.map((row) => row.gram),
      '北京'
    )
  }).timeout(60_000)

  test('the rebuilt index is the index kept on every save', async ({ assert }) => {
    await listedAgencies()
    const read = async () => {
      const rows = await db
        .from('organization_search_grams')
        .orderBy('organization_id')
        .orderBy('gram')
        .select('organization_id', 'gram')
      return rows.map((row) => `${row.organization_id}|${row.gram}`)
    }
    const kept = await read()
    assert.isAbove(kept.length, 100)
    await rebuildSearchIndex()
    assert.deepEqual(await read(), kept)
  }).timeout(60_000)

  test('a rare keyword is counted exactly and the API says the count is exact', async ({
    client,
    assert,
  }) => {
    await listedAgencies()
    const { meta } = await apiPage(client, { q: '华测' })
    assert.deepEqual(meta, { total: 2, totalIsLowerBound: false, page: 1, perPage: 20 } as any)
    const plain = await apiPage(client, {})
    assert.isFalse(plain.meta.totalIsLowerBound)
  }).timeout(60_000)

  test('a keyword found in more than 1,000 agencies is counted as 1,000+ and pages as the name scan did', async ({
    client,
    assert,
  }) => {
    await manyListedAgencies()
    await listedAgencies()
    const byName = (query: any) => query.whereRaw(`o.name like ?`, ['%华测%'])
    for (const page of [1, 2, 30]) {
      const { ids, meta } = await apiPage(client, { q: '华测', page })
      assert.deepEqual(meta, { total: 1000, totalIsLowerBound: true, page, perPage: 20 } as any)
      assert.deepEqual(ids, await oldPage(byName, page), `page ${page}`)
    }
    // Past the cap the pages go on, and the last one ends where the matches end.
    const matches = MANY + 2
    const last = Math.ceil(matches / 100)
    const tail = await apiPage(client, { q: '华测', page: last, perPage: 100 })
    assert.lengthOf(tail.ids, matches - (last - 1) * 100)
    assert.deepEqual(tail.ids, await oldPage(byName, last, 100))
    // A lone character that begins grams of more than 1,000 names is tested on each row alone.
    const lone = await apiPage(client, { q: '深' })
    assert.isTrue(lone.meta.totalIsLowerBound)
    assert.deepEqual(
      lone.ids,
      await oldPage((query: any) => query.whereRaw(`o.name like ?`, ['%深%']), 1)
    )
    // Fewer than the cap: counted exactly and paged in the same order, to the end and past it.
    const hundred = (query: any) => query.whereRaw(`o.name like ?`, ['%深圳00%'])
    for (const page of [1, 3, 5, 6]) {
      const some = await apiPage(client, { q: '深圳00', page })
      assert.equal(some.meta.total, 100)
      assert.isFalse(some.meta.totalIsLowerBound)
      assert.deepEqual(some.ids, await oldPage(hundred, page), `page ${page}`)
    }
    // A rarer keyword among them is still counted exactly.
    const rare = await apiPage(client, { q: '0012号华测' })
    assert.deepEqual(rare.meta.total, 1)
    assert.isFalse(rare.meta.totalIsLowerBound)
  }).timeout(120_000)

  test('a USCC beginning shared by more than 1,000 agencies is counted as 1,000+ and pages by credit', async ({
    client,
    assert,
  }) => {
    await manyListedAgencies()
    const byUscc = (query: any) => query.where('o.uscc', 'like', `${MANY_USCC}%`)
    const { ids, meta } = await apiPage(client, { q: MANY_USCC })
    assert.isTrue(meta.totalIsLowerBound)
    assert.equal(meta.total, 1000)
    assert.deepEqual(ids, await oldPage(byUscc, 1))
    const narrower = await apiPage(client, { q: `${MANY_USCC}00000001` })
    assert.deepEqual(narrower.meta.total, 10)
    assert.isFalse(narrower.meta.totalIsLowerBound)
  }).timeout(120_000)

  test('the directory page and the site search say 1,000+ when the count stops, in Chinese and English', async ({
    client,
    assert,
  }) => {
    await manyListedAgencies()
    const page = await client.get('/agencies').qs({ q: '华测' })
    page.assertStatus(200)
    page.assertTextIncludes('1,000+ 家机构')
    page.assertTextIncludes('第 1 / 50+ 页')
    assert.include(page.text(), 'rel="next"')
    const english = await client.get('/agencies').qs({ q: '华测' }).withPlainCookie('locale', 'en')
    english.assertTextIncludes('1,000+ agencies')
    const search = await client.get('/search').qs({ q: '华测' })
    search.assertStatus(200)
    search.assertTextIncludes('中介机构（1,000+）')
    // A rare keyword keeps its exact count.
    const rare = await client.get('/agencies').qs({ q: '0012号华测' })
    rare.assertTextIncludes('共 1 家机构')
    assert.notInclude(rare.text(), '+ 家机构')
  }).timeout(120_000)
})
