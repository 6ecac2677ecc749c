/*
 * The agency's journey, in zh-CN and once more in English: it registers from
 * the home page, lists an item (and so appears in the directory), finds the
 * owner's announcement among its opportunities and sends a sealed quote.
 * The announcement itself is a precondition, published through the API.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { marketWorld } from '#tests/worlds'
import Bid from '#models/bid'
import { clock } from '#services/clock'
import { registrationPayload } from '#tests/helpers'
import { publishedProject } from '#tests/selection_fixtures'
import {
  REGISTRATION_LABELS,
  navigate,
  snap,
  useScreen,
  submitRegistration,
  syncBrowserClock,
} from './forms.js'
import { SCREENS } from './page_checks.js'

/** What the agency reads and clicks, by language (resources/lang/<locale>/messages.json). */
const TEXT = {
  'zh-CN': {
    register: '注册',
    roleAgency: '中介机构（提供中介服务）',
    dashboardHeading: '中介机构',
    profileLink: '维护机构信息与服务事项',
    timeCommitment: '时限承诺',
    save: '保存',
    listed: '已在名录中公开展示',
    dashboard: '工作台',
    opportunities: '项目机会与我的报价',
    quote: '报价（元）',
    placeBid: '提交报价',
    bidPlaced: '报价已提交，回执',
    myBid: '贵机构当前报价 ¥61,500.00',
    countdown: '距报名截止：',
    countdownDays: '10 天 ',
    directory: '机构名录',
    directoryItem: '服务事项',
    directoryRegion: '所在地区',
    filter: '查询',
  },
  'en': {
    register: 'Register',
    roleAgency: 'Agency (provides intermediary services)',
    dashboardHeading: 'Agency',
    profileLink: 'Maintain your profile and items',
    timeCommitment: 'Time',
    save: 'Save',
    listed: 'you are listed in the directory',
    dashboard: 'Dashboard',
    opportunities: 'Opportunities and my quotes',
    quote: 'Quote (yuan)',
    placeBid: 'Send the quote',
    bidPlaced: 'Quote sent; receipt',
    myBid: 'Your current quote is ¥61,500.00',
    countdown: 'Deadline in',
    countdownDays: '10 d ',
    directory: 'Agencies',
    directoryItem: 'Service item',
    directoryRegion: 'Region',
    filter: 'Search',
  },
}

test.group('Journey: an agency registers, lists an item and bids', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  // Chinese on both screens; English on the desktop.
  const runs = [
    ...SCREENS.map((screen) => ({ locale: 'zh-CN' as const, screen })),
    { locale: 'en' as const, screen: SCREENS[0] },
  ]
  for (const { locale, screen } of runs) {
    test(`in ${locale} on a ${screen.name}: from the home page to a sealed quote on an open announcement`, async ({
      client,
      visit,
      browserContext,
      assert,
    }) => {
      const text = TEXT[locale]
      const projectId = await publishedProject(client, {
        title: `岷江东岸片区排水管网改造环境影响评价 ${locale}`,
      })
      const payload = registrationPayload({
        role: 'agency',
        orgName: `广州南粤环评技术有限公司${locale === 'en' ? '（英文）' : ''}`,
        region: '440000',
      })

      await syncBrowserClock(browserContext)
      const page = await visit('/')
      await useScreen(page, screen)
      if (locale === 'en') {
        await page.getByRole('button', { name: 'English' }).click()
        await page.assertExists('html[lang="en"]')
      }
      await snap(page, `agency-${locale}-1-home`)
      await navigate(page, text.register)
      await page.getByLabel(text.roleAgency).check()
      await submitRegistration(page, payload, REGISTRATION_LABELS[locale])
      await page.assertPath('/dashboard/agency')
      await page.assertTextContains('h1', text.dashboardHeading)
      await page.assertTextContains('main', payload.orgName)

      // Lists an item: from then on it is in the directory.
      await page.getByRole('link', { name: text.profileLink }).click()
      await page.getByLabel('建设项目环境影响报告书（表）编制').check()
      await page.getByLabel(text.timeCommitment, { exact: true }).fill('10 个工作日')
      await page.getByRole('button', { name: text.save, exact: true }).click()
      await page.assertTextContains('.alert-success', text.listed)
      await snap(page, `agency-${locale}-2-profile`)

      // Finds the announcement among its opportunities and sends a quote.
      await navigate(page, text.dashboard)
      await page.getByRole('link', { name: text.opportunities }).click()
      await page
        .getByRole('link', { name: `岷江东岸片区排水管网改造环境影响评价 ${locale}` })
        .click()
      await page.assertPath(`/projects/${projectId}`)
      await page.getByLabel(text.quote).fill('61500')
      await page.getByRole('button', { name: text.placeBid }).click()
      await page.assertTextContains('.alert-success', text.bidPlaced)
      await page.assertTextContains('#respond', text.myBid)
      await page.assertExists('[data-island="countdown"][data-mounted="true"]')
      await page.assertTextContains('[role="timer"]', text.countdown)
      // Ten days and two hours before the deadline, on the market's clock.
      await page.assertTextContains('[role="timer"]', text.countdownDays)
      await snap(page, `agency-${locale}-3-bid`)
      const bid = await Bid.query().where('project_id', projectId).firstOrFail()
      assert.equal(bid.status, 'active')

      // The public directory finds it by item and region.
      await navigate(page, text.directory)
      await page.getByLabel(text.directoryItem).selectOption('ZJ-001')
      await page.getByLabel(text.directoryRegion).selectOption('440000')
      await page.getByRole('button', { name: text.filter }).click()
      await page.getByRole('link', { name: payload.orgName }).click()
      await page.assertTextContains('h1', payload.orgName)
      await page.assertTextContains('main', '10 个工作日')
    })
  }
})
