/*
 * The regulator's journey: a fee record is flagged (a contract priced above
 * the government-guided maximum of its item, then paid); the regulator finds
 * it among the flagged fee records, follows it to the agency, bans the agency
 * and sees the ban on the public exposure list. The flagged payment is a
 * precondition made through the API: the catalog revision, the selection,
 * both signatures and the payment through the Stripe mock.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { marketWorld } from '#tests/worlds'
import { WORLD_SERVICE_ITEMS } from '#tests/world_data'
import { serviceItemInput } from '#database/data/service_items'
import User from '#models/user'
import Milestone from '#models/milestone'
import { clock } from '#services/clock'
import { demoOwner, signedProject } from '#tests/selection_fixtures'
import { deliverStripeWebhooks, resetStripeMock } from '#tests/stripe'
import { navigate, snap, useScreen } from './forms.js'
import { SCREENS } from './page_checks.js'

const AGENCY = '四川清源环保工程咨询有限公司'

/** ZJ-001 becomes government-guided at ¥10,000 – ¥40,000; agency 5 then wins at ¥50,000 and is paid. */
async function flaggedPayment(client: any) {
  const regulator = await User.findByOrFail('email', 'regulator@demo.example.com')
  const { code, ...item } = serviceItemInput(
    WORLD_SERVICE_ITEMS.find((seed) => seed.code === 'ZJ-001')!
  )
  const revised = await client
    .put(`/api/v1/service-items/${code}`)
    .json({
      ...item,
      feeType: 'government_guided',
      feeMinFen: 1_000_000,
      feeMaxFen: 4_000_000,
      status: 'active',
      changeReason: '市发展改革委公布政府指导价',
    })
    .withGuard('api')
    .loginAs(regulator)
  if (revised.status() !== 200) throw new Error(`revision failed: ${revised.text()}`)

  const { contractId } = await signedProject(client)
  const owner = await demoOwner()
  const milestone = await Milestone.findByOrFail('contract_id', contractId)
  const started = await client
    .post(`/api/v1/milestones/${milestone.id}/payments`)
    .withGuard('api')
    .loginAs(owner)
  await client
    .post(`/api/v1/payments/${started.body().paymentId}/confirm`)
    .json({ paymentMethod: 'pm_card_visa' })
    .withGuard('api')
    .loginAs(owner)
  await deliverStripeWebhooks(() => [])
}

test.group('Journey: a regulator sees a fee flag and bans the agency', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetStripeMock())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  for (const screen of SCREENS) {
    test(`in zh-CN on a ${screen.name}: from the flagged fee record to the exposure list`, async ({
      client,
      visit,
      browserContext,
      assert,
    }) => {
      await flaggedPayment(client)
      await browserContext.loginAs(await User.findByOrFail('email', 'regulator@demo.example.com'))

      // The flagged fee records.
      const page = await visit('/dashboard')
      await useScreen(page, screen)
      await page.getByRole('link', { name: '收费记录' }).first().click()
      await page.getByLabel('只看预警').check()
      await page.getByRole('button', { name: '查询', exact: true }).click()
      await page.assertQueryString({ flagged: 'true' })
      const row = page.locator('table.data-table tbody tr').first()
      await row
        .getByText('合同价 ¥50,000.00 超出政府指导价范围（¥10,000.00 – ¥40,000.00）')
        .waitFor()
      await page.assertTextContains('table.data-table tbody tr', AGENCY)
      await snap(page, 'regulator-1-fee-flag')

      // From the record to the project's result, and on to the agency's page.
      await row.getByRole('link').first().click()
      await page.getByRole('link', { name: AGENCY }).first().click()
      await page.assertTextContains('h1', AGENCY)
      const agencyId = new URL(page.url()).pathname.split('/').pop()!

      // The ban, registered from the exposure list.
      await navigate(page, '曝光台')
      await page.getByRole('link', { name: '登记市场禁入' }).click()
      await page.getByLabel('机构编号').fill(agencyId)
      await page.getByLabel('原因').fill('超出政府指导价收取中介服务费，经查属实')
      await page.getByLabel('法律依据').fill('《眉山市规范行政审批中介服务专项行动方案》')
      await page.getByLabel('起始日期').fill('2026-10-14')
      await page.getByLabel('截止日期').fill('2027-10-13')
      await snap(page, 'regulator-2-ban-form')
      await page.getByRole('button', { name: '登记禁入' }).click()
      await page.assertTextContains('.alert-success', '禁入已登记并公开。')

      // Anyone sees it on the exposure list.
      await browserContext.clearCookies()
      const publicPage = await visit('/')
      await useScreen(publicPage, screen)
      await navigate(publicPage, '曝光台')
      const ban = publicPage.locator('table.data-table tbody tr', { hasText: AGENCY })
      await ban.getByText('超出政府指导价收取中介服务费').waitFor()
      await snap(publicPage, 'regulator-3-exposure')
      assert.include(await ban.innerText(), '2026-10-14 00:00 – 2027-10-13 00:00')
    })
  }
})
