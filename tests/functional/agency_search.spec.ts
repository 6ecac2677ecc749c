import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import { createUserWithRole } from '#database/factories/account_factories'
import { updateAgencyProfile } from '#actions/registry/agency_listing'
import Organization from '#models/organization'
import { rebuildSearchIndex } from '#services/search_index'

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
})
