/*
 * The key public pages with JavaScript disabled: every page is rendered on
 * the server, its content and its forms (GET filters, the language switch)
 * work without a script; the islands only add to them. A visitor walks from
 * the home page through the header's links, as a person does.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import { AFTER_DEADLINE, demoAgency, placeBids, publishedProject } from '#tests/selection_fixtures'
import { navigate, snap } from './forms.js'

const TITLE = '滨江大道改造工程环境影响评价'
const WINNER = '四川清源环保工程咨询有限公司'

test.group('Public pages without JavaScript', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  test('home, catalog, directory, projects, a result, an agency and the exposure list', async ({
    client,
    browser,
    assert,
  }) => {
    // An opened lowest-price project, and a ban on another agency.
    const projectId = await publishedProject(client)
    await placeBids(client, projectId, [
      [5, 5_000_000],
      [6, 5_200_000],
    ])
    clock.freeze(AFTER_DEADLINE)
    await runTick()
    const banned = await demoAgency(1)
    await client
      .post('/api/v1/regulator/bans')
      .json({
        agencyId: banned.organizationId,
        reason: '出具虚假环境影响报告',
        legalBasis: '《中华人民共和国环境影响评价法》第三十二条',
        startsAt: '2026-10-09',
      })
      .withGuard('api')
      .loginAs(await User.findByOrFail('email', 'regulator@demo.example.com'))

    const context = await browser.newContext({
      baseURL: `http://${process.env.HOST}:${process.env.PORT}`,
      javaScriptEnabled: false,
    })
    const page = await context.newPage()
    await page.goto('/')
    await page.assertTextContains('h1', '网上中介服务超市')
    await page.assertTextContains('main', '市场实时数据')
    await page.assertTextContains('main', '建设项目环境影响报告书（表）编制')
    await snap(page, 'nojs-1-home')

    // Catalog: the keyword search is a plain GET form.
    await navigate(page, '事项清单')
    await page.assertTextContains('h1', '中介服务事项清单')
    await page.getByLabel('关键词').fill('地质灾害')
    await page.getByRole('button', { name: '查询', exact: true }).click()
    await page.assertQueryString({ q: '地质灾害' })
    await page.assertTextContains('main', '地质灾害危险性评估')
    await page.assertNotExists('text=建设项目环境影响报告书（表）编制')

    // Directory: filtered by item.
    await navigate(page, '机构名录')
    await page.getByLabel('服务事项').selectOption('ZJ-001')
    await page.getByRole('button', { name: '查询', exact: true }).click()
    await page.assertTextContains('main', WINNER)
    await snap(page, 'nojs-2-directory')

    // Projects: the list, then the opened result with every quote and the draw data.
    await navigate(page, '项目公告')
    await page.assertTextContains('h1', '项目公告与结果公示')
    await page.getByRole('link', { name: TITLE }).click()
    await page.assertPath(`/projects/${projectId}`)
    await page.assertTextContains('h1', TITLE)
    await page.assertTextContains('tr.winner', WINNER)
    await page.assertTextContains('tr.winner', '¥50,000.00')
    // Distinct lowest quotes: nothing was drawn, so no draw section — the proof stays linked.
    await page.assertNotExists('text=可验证随机抽取')
    await snap(page, 'nojs-3-project')

    // The verification page still shows the server's check and says the browser's needs JavaScript.
    await page.getByRole('link', { name: '在浏览器中验证本次抽取' }).click()
    await page.assertTextContains('main', '一致：平台用公开数据重算，结果与公示相符。')
    await page.assertTextContains('main', '浏览器重算需要 JavaScript')
    await page.assertExists('[data-island="draw-verification"]:not([data-mounted])')

    // The agency's public page.
    await page.goBack()
    await page.getByRole('link', { name: WINNER }).first().click()
    await page.assertTextContains('h1', WINNER)
    await page.assertTextContains('main', '建设项目环境影响报告书（表）编制')

    // The exposure list.
    await navigate(page, '曝光台')
    const ban = page.locator('table.data-table tbody tr').first()
    assert.include(await ban.innerText(), '出具虚假环境影响报告')
    assert.include(await ban.innerText(), '2026-10-09 00:00')
    await snap(page, 'nojs-4-exposure')

    // The market's rules, linked from the footer.
    await page.getByRole('link', { name: '市场规则', exact: true }).click()
    await page.assertTextContains('h1', '市场规则参数')
    await page.assertTextContains('main', '现行规则：第 1 版')
    await page.assertTextContains('main', 'A 级分数线')
    await snap(page, 'nojs-5-rules')

    // The language switch is a form too.
    await page.getByRole('button', { name: 'English' }).click()
    await page.assertExists('html[lang="en"]')
    await page.assertTextContains('h1', 'Market rule parameters')
    await context.close()
  })
})
