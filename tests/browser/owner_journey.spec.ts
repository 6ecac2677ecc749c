/*
 * The owner's journey: it logs in, posts a lowest-price project and publishes
 * it, reads the opened result, verifies the draw in its own browser, fills
 * the contract's milestones and signs it (the agency signs in its own
 * browser), then pays the first milestone through the Stripe mock. The
 * agencies' quotes come through the API; the clock is frozen and moved past
 * the deadline and the publicity, with the scheduler's tick run in between.
 * It runs on an office desktop and on a phone; every step is checked as the
 * page walk checks a page (snap).
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { marketWorld, WORLD_PASSWORD } from '#tests/worlds'
import Project from '#models/project'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import { AFTER_DEADLINE, AFTER_PUBLICITY, demoAgency, placeBids } from '#tests/selection_fixtures'
import { deliverStripeWebhooks, resetStripeMock } from '#tests/stripe'
import { logIn, snap, useScreen } from './forms.js'
import { SCREENS } from './page_checks.js'

const TITLE = '东坡区岷江湿地公园建设项目环境影响评价'

test.group('Journey: an owner posts a lowest-price project, signs and pays', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetStripeMock())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  for (const screen of SCREENS) {
    test(`in zh-CN on a ${screen.name}: from the project form to the first milestone paid`, async ({
      client,
      visit,
      browser,
      assert,
    }) => {
      const page = await visit('/')
      await useScreen(page, screen)
      await logIn(page, 'owner@demo.example.com', WORLD_PASSWORD)
      await page.assertPath('/dashboard/owner')

      // Posts the project: a draft first, then the announcement.
      // First the item and the method: the form then shows only that method's fields.
      await page.getByRole('link', { name: '发布新项目' }).click()
      await page.getByLabel('服务事项').selectOption('ZJ-001')
      await page.getByRole('radio', { name: /竞价选取（最低价）/ }).check()
      await snap(page, 'owner-0-project-method')
      await page.getByRole('button', { name: '下一步' }).click()
      await page.getByLabel('项目名称').fill(TITLE)
      await page
        .getByLabel('项目概况')
        .fill('编制岷江湿地公园建设项目环境影响报告表，并配合完成技术评审。')
      await page.getByLabel('最高限价（元）').fill('80000')
      await page.getByLabel('报名截止').fill('2026-10-09T12:00')
      await page.getByLabel('资金来源').selectOption('fiscal')
      // The contact comes from the account.
      await page.assertInputValue('#field-contactName', '王建国')
      await snap(page, 'owner-1-project-form')
      await page.getByRole('button', { name: '保存草稿' }).click()
      await page.assertTextContains('.alert-success', '已保存草稿')
      await page.getByRole('button', { name: '发布采购公告' }).click()
      await page.assertTextContains('.alert-success', '公告已发布。')
      const project = await Project.findByOrFail('title', TITLE)
      assert.equal(project.status, 'published')
      assert.equal(project.method, 'lowest_price')

      // Three agencies quote; the deadline passes and the tick opens the quotes.
      await placeBids(client, project.id, [
        [5, 5_000_000],
        [6, 5_200_000],
        [7, 5_500_000],
      ])
      clock.freeze(AFTER_DEADLINE)
      await runTick()

      await page.reload()
      await page.assertTextContains('main', '中选结果公示')
      await page.assertTextContains('tr.winner', '四川清源环保工程咨询有限公司')
      await page.assertTextContains('tr.winner', '¥50,000.00')
      await snap(page, 'owner-2-opened-result')

      // Verifies the draw (commitment, receipts, seed) in its own browser.
      await page.getByRole('link', { name: '在浏览器中验证本次抽取' }).click()
      await page.assertExists('[data-island="draw-verification"][data-mounted="true"]')
      await page.waitForSelector('text=一致：本次抽取已在您的浏览器中独立重算')
      await snap(page, 'owner-3-draw-verified')

      // After the publicity the contract is generated from the model text.
      clock.freeze(AFTER_PUBLICITY)
      await runTick()
      await page.goBack()
      await page.reload()
      await page.getByRole('link', { name: '查看合同' }).click()
      await page.getByLabel('节点名称 1').fill('签约后预付')
      await page.getByLabel('金额（元） 1').fill('15000')
      await page.getByLabel('节点名称 2').fill('验收后支付')
      await page.getByLabel('金额（元） 2').fill('35000')
      await page.getByRole('button', { name: '保存约定事项' }).click()
      await page.assertTextContains('.contract-text', '1. 签约后预付：¥15,000.00')
      await page.getByLabel('登录密码').fill(WORLD_PASSWORD)
      await page.getByRole('button', { name: '签署', exact: true }).click()
      await page.assertTextContains('main', '已签署，等待对方签署')
      const contractPath = new URL(page.url()).pathname

      // The agency signs in its own browser, after reading what the owner changed.
      const agencyContext = await browser.newContext({
        baseURL: new URL(page.url()).origin,
        viewport: { width: screen.width, height: screen.height },
      })
      await agencyContext.loginAs(await demoAgency(5))
      const agencyPage = await agencyContext.visit(contractPath)
      await agencyPage.assertTextContains('main', '业主修改约定事项')
      await agencyPage.getByLabel('登录密码').fill(WORLD_PASSWORD)
      await agencyPage.getByRole('button', { name: '签署', exact: true }).click()
      await agencyPage.assertTextContains('h1', '已生效')
      await agencyContext.close()

      // Pays the first milestone with the mock's test card.
      await page.reload()
      await page.assertTextContains('h1', '已生效')
      const firstMilestone = page.locator('#milestone-payments tbody tr').first()
      await firstMilestone.getByRole('button', { name: '支付本节点' }).click()
      await page.assertTextContains('.alert-success', '已创建支付，请完成付款。')
      await firstMilestone.getByLabel('测试卡').selectOption({ label: 'Visa 4242（支付成功）' })
      await firstMilestone.getByRole('button', { name: '确认支付（测试模式）' }).click()
      await page.assertTextContains('.alert-success', '支付已提交')
      const deliveries = await deliverStripeWebhooks(() => [])
      assert.deepInclude(deliveries, { type: 'payment_intent.succeeded', status: 200 })

      await page.reload()
      await page.assertTextContains('#milestone-payments tbody tr:first-child', '已付款')
      await page.assertTextContains('#milestone-payments tbody tr:nth-child(2)', '未付款')
      await snap(page, 'owner-4-paid')
    })
  }
})
