/*
 * Naming the agency of a direct selection (直接选取): with JavaScript the
 * owner types part of a name or USCC and picks from the list as it follows;
 * without JavaScript a search form reloads the page with the matches. Both
 * end in the same radio button of the draft form.
 */
import { test } from '@japa/runner'
import type { Page } from 'playwright'
import testUtils from '@adonisjs/core/services/test_utils'
import Organization from '#models/organization'
import Project from '#models/project'
import { clock } from '#services/clock'
import { marketWorld } from '#tests/worlds'
import { demoAgency, demoOwner } from '#tests/selection_fixtures'
import { SCREENS } from './page_checks.js'
import { snap, useScreen } from './forms.js'

/** Agency 6 offers ZJ-001. */
async function agencySix() {
  const user = await demoAgency(6)
  return Organization.findOrFail(user.organizationId)
}

const FORM = '/owner/projects/new?item=ZJ-001&method=direct'

async function fillTheRest(page: Page, title: string) {
  await page.getByLabel('项目名称').fill(title)
  await page.getByLabel('项目概况').fill('编制修文镇污水处理站环境影响登记表，并配合完成备案。')
  await page.getByLabel('最高限价（元）').fill('30000')
  await page.getByLabel('报名截止').fill('2026-10-16T12:00')
  await page.getByLabel('资金来源').selectOption('fiscal')
}

test.group('The agency picker of a direct selection', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  for (const screen of SCREENS) {
    test(`on a ${screen.name}: the owner pastes the USCC, picks the agency from the live list and saves the draft`, async ({
      visit,
      browserContext,
      assert,
    }) => {
      const agency = await agencySix()
      await browserContext.loginAs(await demoOwner())
      const page = await visit(FORM)
      await useScreen(page, screen)
      await page.assertExists('[data-island="agency-picker"][data-mounted="true"]')
      // The reload-the-page search steps aside for the live one.
      assert.isFalse(await page.getByRole('button', { name: '查找', exact: true }).isVisible())

      const searched = page.waitForResponse((response) => response.url().includes('q=9'))
      await page
        .getByRole('searchbox', { name: '查找机构（名称或统一社会信用代码）' })
        .fill(agency.uscc)
      await searched
      await page.getByText('正在查找…').waitFor({ state: 'detached' })
      const choice = page.getByRole('radio', { name: new RegExp(agency.name) })
      await choice.waitFor()
      assert.equal(await page.getByRole('radio').count(), 1)
      await choice.check()
      // Searching on keeps the agency chosen in the list.
      const answered = page.waitForResponse((response) => response.url().includes('q=%E6%B2%A1'))
      await page
        .getByRole('searchbox', { name: '查找机构（名称或统一社会信用代码）' })
        .fill('没有这家机构')
      await answered
      await page.getByText('正在查找…').waitFor({ state: 'detached' })
      assert.equal(await page.getByRole('radio').count(), 1)
      assert.isTrue(await choice.isChecked())
      await snap(page, 'owner-direct-agency-picked')

      await fillTheRest(page, '东坡区修文镇污水处理站环境影响评价')
      await page.getByRole('button', { name: '保存草稿' }).click()
      await page.assertTextContains('.alert-success', '已保存草稿')
      const project = await Project.findByOrFail('title', '东坡区修文镇污水处理站环境影响评价')
      assert.equal(project.directAgencyId, agency.id)
    })
  }

  test('without JavaScript the owner searches by name with the search form, and picks from the reloaded page', async ({
    browser,
    assert,
  }) => {
    const agency = await agencySix()
    const context = await browser.newContext({
      javaScriptEnabled: false,
      baseURL: `http://${process.env.HOST}:${process.env.PORT}`,
    })
    await context.loginAs(await demoOwner())
    const page = await context.newPage()
    await page.goto(FORM)
    await page.getByLabel('查找机构（名称或统一社会信用代码）').fill(agency.name.slice(0, 4))
    await page.getByRole('button', { name: '查找', exact: true }).click()
    await page.getByRole('radio', { name: new RegExp(agency.name) }).check()
    await fillTheRest(page, '东坡区修文镇垃圾中转站环境影响评价')
    await page.getByRole('button', { name: '保存草稿' }).click()
    const project = await Project.findByOrFail('title', '东坡区修文镇垃圾中转站环境影响评价')
    assert.equal(project.directAgencyId, agency.id)
    await context.close()
  })
})
