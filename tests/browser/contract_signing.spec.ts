import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import DemoSeeder from '#database/seeders/demo_seeder'
import { DEMO_PASSWORD } from '#database/data/demo_accounts'
import User from '#models/user'
import Contract from '#models/contract'
import { clock } from '#services/clock'
import { awardedProject } from '#tests/selection_fixtures'

const user = (email: string) => User.findByOrFail('email', email)

test.group('An owner and the winning agency sign a contract in the browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await new DemoSeeder(db.connection()).run()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  test('the owner splits the price into two milestones and signs; the agency signs; the contract is in force', async ({
    client,
    visit,
    browserContext,
  }) => {
    const owner = await user('owner@demo.example.com')
    const projectId = await awardedProject(client, [[5, 5_000_000]])
    const contract = await Contract.findByOrFail('project_id', projectId)

    await browserContext.loginAs(owner)
    const page = await visit(`/contracts/${contract.id}`)
    await page.getByLabel('节点名称 1').fill('签约后预付')
    await page.getByLabel('金额（元） 1').fill('15000')
    await page.getByLabel('节点名称 2').fill('验收后支付')
    await page.getByLabel('金额（元） 2').fill('35000')
    await page.getByRole('button', { name: '保存约定事项' }).click()
    await page.assertTextContains('.contract-text', '1. 签约后预付：¥15,000.00')
    await page.getByLabel('登录密码').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: '签署', exact: true }).click()
    await page.assertTextContains('main', '已签署，等待对方签署')

    await browserContext.clearCookies()
    await browserContext.loginAs(await user('agency5@demo.example.com'))
    const agencyPage = await visit(`/contracts/${contract.id}`)
    await agencyPage.assertTextContains('main', '业主修改约定事项')
    await agencyPage.getByLabel('登录密码').fill(DEMO_PASSWORD)
    await agencyPage.getByRole('button', { name: '签署', exact: true }).click()
    await agencyPage.assertTextContains('h1', '已生效')
  })
})
