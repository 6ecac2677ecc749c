// Assertions read best as `(await client.get(…)).text()`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import siteConfig from '#config/site'
import { createServiceItem } from '#actions/catalog/publish_service_item'
import { serviceItemPayload, testDepartment } from '#tests/helpers'
import { signedContract } from '#tests/payment_fixtures'
import { sqlTime } from '#services/sql_time'

test.group('A government site’s conventions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the navigation marks the current section, and folds behind a menu button that needs no JavaScript', async ({
    assert,
    client,
  }) => {
    const directory = (await client.get('/agencies')).text()
    assert.include(directory, '<a href="/agencies" aria-current="page">')
    assert.include(directory, '<a href="/">')
    assert.include(directory, '<input type="checkbox" id="nav-toggle"')
    assert.include(directory, '<label for="nav-toggle" class="nav-toggle-label">菜单</label>')
    const home = (await client.get('/')).text()
    assert.include(home, '<a href="/" aria-current="page">')
    assert.notInclude(home, '<a href="/agencies" aria-current="page">')
  })

  test('the elder-friendly display is switched on and off by a form and remembered', async ({
    assert,
    client,
  }) => {
    const on = await client
      .post('/care-mode')
      .form({ care: 'on' })
      .header('referer', '/agencies')
      .withCsrfToken()
      .redirects(0)
    on.assertStatus(302)
    on.assertHeader('location', '/agencies')
    assert.equal(on.cookie('care_mode')?.value, 'on')

    const larger = (await client.get('/').withPlainCookie('care_mode', 'on')).text()
    assert.include(larger, '<body class="care-mode">')
    assert.include(larger, '>标准版</button>')
    const standard = (await client.get('/')).text()
    assert.match(standard, /<body\s*>/)
    assert.include(standard, '>长辈版</button>')
  })

  test('the footer shows the filing numbers and the hotline set for the deployment, and nothing when unset', async ({
    assert,
    client,
  }) => {
    const unset = (await client.get('/')).text()
    assert.notInclude(unset, '政府网站标识码')
    assert.notInclude(unset, 'class="filings"')

    const saved = { ...siteConfig }
    Object.assign(siteConfig, {
      govSiteCode: '5114000001',
      icpFiling: '蜀ICP备00000000号',
      psbFiling: '川公网安备 51140002000000号',
      hotline: '028-12345',
      operator: '眉山市政务服务管理局',
    })
    try {
      const set = (await client.get('/')).text()
      assert.include(set, '政府网站标识码：5114000001')
      assert.include(set, '蜀ICP备00000000号')
      assert.include(set, '川公网安备 51140002000000号')
      assert.include(set, '主办单位：眉山市政务服务管理局')
      assert.include(set, '<a href="tel:028-12345">028-12345</a>')
    } finally {
      Object.assign(siteConfig, saved)
    }
  })

  test('one search box finds items, agencies and projects; an unmatched search says so', async ({
    assert,
    client,
  }) => {
    await testDepartment()
    const item = await createServiceItem(
      serviceItemPayload({ name: '地震安全性评价报告编制' }) as any,
      null
    )
    const { projectId } = await signedContract({ serviceItemId: item.id })
    await db.from('projects').where('id', projectId).update({ title: '城东地震安全性评价项目' })

    const found = (await client.get('/search').qs({ q: '地震安全性' })).text()
    assert.include(found, `/service-items/${item.code}`)
    assert.include(found, '地震安全性评价报告编制')
    assert.include(found, `/projects/${projectId}`)
    assert.include(found, '服务事项（1）')
    assert.include(found, '项目（1）')

    const nothing = (await client.get('/search').qs({ q: '不存在的词语' })).text()
    assert.include(nothing, '没有找到与“不存在的词语”相关的服务事项、中介机构或项目')
    const empty = await client.get('/search')
    empty.assertStatus(200)
    empty.assertTextIncludes('name="q"')
    const tooLong = await client
      .get('/search')
      .qs({ q: '长'.repeat(51) })
      .redirects(0)
    assert.notEqual(tooLong.status(), 500)
  })

  test('the home page has the search box and the latest announcements and results in publicity', async ({
    assert,
    client,
  }) => {
    const announced = await signedContract()
    const inPublicity = await signedContract()
    await db
      .from('projects')
      .where('id', announced.projectId)
      .update({
        status: 'published',
        title: '正在报名的测试项目',
        response_deadline: sqlTime(new Date(Date.now() + 7 * 86_400_000)),
      })
    await db
      .from('projects')
      .where('id', inPublicity.projectId)
      .update({ status: 'publicity', title: '公示中的测试项目' })

    const home = (await client.get('/')).text()
    assert.include(home, 'action="/search"')
    assert.match(home, /最新公告[\s\S]*正在报名的测试项目[\s\S]*中选公示[\s\S]*公示中的测试项目/)
  })
})
