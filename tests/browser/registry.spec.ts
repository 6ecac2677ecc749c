import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import DemoSeeder from '#database/seeders/demo_seeder'
import { registrationPayload } from '#tests/helpers'
import { submitRegistration } from './forms.js'

test.group('An agency in the browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await new DemoSeeder(db.connection()).run()
  })

  test('registers, chooses its items and finds itself in the directory', async ({ visit }) => {
    const payload = registrationPayload({
      role: 'agency',
      orgName: '广州南粤环评技术有限公司',
      region: '440000',
    })
    const page = await visit('/register?role=agency')
    await submitRegistration(page, payload)
    await page.assertPath('/dashboard/agency')

    await page.goto('/agency/profile')
    await page.getByLabel('建设项目环境影响报告书（表）编制').check()
    await page.getByLabel('时限承诺').fill('10 个工作日')
    await page.getByRole('button', { name: '保存', exact: true }).click()
    await page.assertTextContains('.alert-success', '已在名录中公开展示')

    await page.goto('/agencies?item=ZJ-001&region=440000')
    await page.assertTextContains('main', payload.orgName)
    await page.getByRole('link', { name: payload.orgName }).click()
    await page.assertTextContains('h1', payload.orgName)
    await page.assertTextContains('main', '10 个工作日')
  })
})
