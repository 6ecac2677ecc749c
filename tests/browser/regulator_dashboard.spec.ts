import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import { clock } from '#services/clock'
import { SIGNED_PROJECT_WORLD, signedProject } from '#tests/selection_fixtures'

test.group('Regulator dashboard in the browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld(SIGNED_PROJECT_WORLD)
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  test('the charts mount under the Content-Security-Policy and draw as SVG beside their tables', async ({
    client,
    visit,
    browserContext,
    assert,
  }) => {
    await signedProject(client)
    await browserContext.loginAs(await User.findByOrFail('email', 'regulator@demo.example.com'))
    const violations: string[] = []
    const page = await visit('/regulator/analytics')
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text())
    })
    // The chart chunk (ECharts) loads on demand; a cold dev server may take a while to serve it.
    await page.waitForSelector('[data-island="market-chart"][data-mounted="true"] svg', {
      timeout: 60_000,
    })
    // Volume, quality and concentration draw; the service-time chart says why it is empty
    // (the one contract is signed, not yet delivered) instead of drawing a blank box.
    assert.equal(await page.locator('[data-island="market-chart"] svg').count(), 3)
    assert.include(await page.content(), '所选范围内还没有已交付的合同，无法计算服务用时。')
    await page.assertExists('table.data-table')
    await page.screenshot({ path: 'tmp/screenshots/regulator-analytics.png', fullPage: true })
    assert.deepEqual(violations, [])
  })
})
