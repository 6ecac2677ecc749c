import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import { clock } from '#services/clock'
import { demoAgency, demoOwner, signedProject } from '#tests/selection_fixtures'

const NOW = new Date('2026-09-29T02:00:00Z')
const regulator = () => User.findByOrFail('email', 'regulator@demo.example.com')

test.group('Market monitoring (大数据监管)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld({ items: ['ZJ-001', 'ZJ-002'], agencies: [5, 6] })
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('the dashboard shows the month of a signed contract as a chart and the same figures as a table, with filters and CSV; others are refused', async ({
    client,
    assert,
  }) => {
    await signedProject(client)
    const staff = await regulator()
    const page = await client.get('/regulator/analytics').loginAs(staff)
    page.assertStatus(200)
    assert.include(page.text(), 'data-island="market-chart"')
    // Not delivered yet: the service-time chart says why it is empty.
    assert.include(page.text(), '所选范围内还没有已交付的合同，无法计算服务用时。')
    // One contract says nothing about concentration.
    assert.include(page.text(), '10000（样本不足）')
    assert.notInclude(page.text(), '⚠')
    assert.include(page.text(), '2026-10')
    // Ceiling ¥80,000, price ¥50,000: 37.5 % saved.
    assert.include(page.text(), '37.5%')
    const filtered = await client.get('/regulator/analytics?item=ZJ-002').loginAs(staff)
    assert.include(filtered.text(), '所选范围内没有已生效的合同。')
    const bad = await client
      .get('/regulator/analytics?from=2026-13')
      .header('referer', '/regulator/analytics')
      .loginAs(staff)
    bad.assertStatus(200)
    assert.include(bad.text(), 'field-error')

    const csv = await client.get('/regulator/analytics.csv?panel=items').loginAs(staff)
    csv.assertStatus(200)
    assert.isTrue(csv.text().startsWith('\uFEFF服务事项,合同数'))
    assert.include(csv.text(), 'ZJ-001')

    const byOwner = await client.get('/regulator/analytics').loginAs(await demoOwner())
    byOwner.assertStatus(403)
    const api = await client
      .get('/api/v1/regulator/analytics')
      .withGuard('api')
      .loginAs(await demoAgency(5))
    api.assertStatus(403)
  })
})
