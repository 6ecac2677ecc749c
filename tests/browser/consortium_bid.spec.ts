/*
 * 联合中介 without JavaScript: a lead names a member agency on the bid page,
 * sends the form back to list the member's persons, names one and places its
 * quote; the member reads the request on its own page and confirms there.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import Organization from '#models/organization'
import { clock } from '#services/clock'
import { demoAgency, publishedProject } from '#tests/selection_fixtures'
import { namePerson, ZHAO_QIANG } from '#tests/named_team_fixtures'
import { snap } from './forms.js'

test.group('A consortium bid on the pages, without JavaScript', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  test('the lead names a member and one of its persons, and the member confirms on its request page', async ({
    client,
    browser,
    assert,
  }) => {
    const projectId = await publishedProject(client)
    const memberUser = await demoAgency(7)
    const member = await Organization.findOrFail(memberUser.organizationId)
    await namePerson(client, memberUser, { name: '赵强', idNumber: ZHAO_QIANG })
    const withoutScripts = () =>
      browser.newContext({
        javaScriptEnabled: false,
        baseURL: `http://${process.env.HOST}:${process.env.PORT}`,
      })

    const lead = await withoutScripts()
    await lead.loginAs(await demoAgency(1))
    const page = await lead.newPage()
    await page.goto(`/projects/${projectId}`)
    await page.getByLabel('报价（元）').fill('54321')
    await page.getByLabel('成员机构 1（名称或统一社会信用代码）').fill(member.name)
    await page.getByLabel('该成员承担的子事项').first().selectOption('ZJ-002')
    await page.getByRole('button', { name: '查找成员并列出其人员' }).click()
    await page.assertTextContains('.alert-warning', '报价尚未提交')
    await page.assertTextContains('#consortium', `已找到：${member.name}`)
    await page.getByLabel(/赵强/).check()
    await snap(page, 'consortium-1-bid-form')
    await page.getByRole('button', { name: '提交报价' }).click()
    await page.assertTextContains('.alert-success', '回执')
    await page.assertTextContains('#respond', `${member.name}（ZJ-002）：待确认`)

    await lead.close()

    const memberContext = await withoutScripts()
    await memberContext.loginAs(memberUser)
    const memberPage = await memberContext.newPage()
    await memberPage.goto('/agency/projects')
    await memberPage.getByRole('link', { name: '查看邀请' }).click()
    await memberPage.assertTextContains('main', '滨江大道改造工程环境影响评价')
    await memberPage.assertTextContains('main', '赵强')
    await snap(memberPage, 'consortium-2-request')
    await memberPage.getByRole('button', { name: '确认参加' }).click()
    await memberPage.assertTextContains('.alert-success', '已确认作为联合体成员参加')
    const [request] = await db.from('bid_members')
    assert.equal(request.status, 'confirmed')
    await memberContext.close()
  })
})
