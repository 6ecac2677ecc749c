import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'

const user = (email: string) => User.findByOrFail('email', email)

test.group('Anyone verifies a draw in the browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  test('the island recomputes the published draw with WebCrypto and says it matches; tampered data does not', async ({
    client,
    visit,
  }) => {
    const owner = await user('owner@demo.example.com')
    const draft = await client
      .post('/api/v1/projects')
      .json({
        title: '滨江大道改造工程环境影响评价',
        serviceItemCode: 'ZJ-001',
        fundingSource: 'fiscal',
        description: '编制滨江大道改造工程环境影响报告表，并配合完成技术评审。',
        ceilingPriceFen: 8_000_000,
        method: 'random',
        deadline: '2026-10-09T04:00:00Z',
      })
      .withGuard('api')
      .loginAs(owner)
    const id = draft.body().id
    await client.post(`/api/v1/projects/${id}/publish`).withGuard('api').loginAs(owner)
    for (const n of [1, 5, 6, 7]) {
      await client
        .post(`/api/v1/projects/${id}/bids`)
        .json({ quoteFen: 5_000_000 + n })
        .withGuard('api')
        .loginAs(await user(`agency${n}@demo.example.com`))
    }
    clock.freeze(new Date('2026-10-09T04:00:01Z'))
    await runTick()

    const page = await visit(`/projects/${id}/verify`)
    await page.assertExists('[data-island="draw-verification"][data-mounted="true"]')
    await page.waitForSelector('text=一致：本次抽取已在您的浏览器中独立重算')

    // Paste the proof with one quote changed: the browser finds the broken receipt.
    const published = await client.get(`/api/v1/draws/${id}/verify`)
    const proof = published.body()
    proof.bids[0].quoteFen += 1
    await page.getByText('验证其他数据').click()
    await page.getByLabel('抽取证明 JSON').fill(JSON.stringify(proof))
    await page.getByRole('button', { name: '重新计算' }).click()
    await page.waitForSelector('text=不一致：在您的浏览器中重算的结果与公布的数据不符')
  })

  test('while an abnormally low quote awaits its justification the page shows why the seed is sealed, and verifies once the set is final', async ({
    client,
    visit,
  }) => {
    const owner = await user('owner@demo.example.com')
    const draft = await client
      .post('/api/v1/projects')
      .json({
        title: '滨江大道改造工程环境影响评价',
        serviceItemCode: 'ZJ-001',
        fundingSource: 'fiscal',
        description: '编制滨江大道改造工程环境影响报告表，并配合完成技术评审。',
        ceilingPriceFen: 8_000_000,
        method: 'random',
        deadline: '2026-10-09T04:00:00Z',
      })
      .withGuard('api')
      .loginAs(owner)
    const id = draft.body().id
    await client.post(`/api/v1/projects/${id}/publish`).withGuard('api').loginAs(owner)
    for (const [n, quoteFen] of [
      [1, 6_000_000],
      [5, 6_100_000],
      [6, 6_200_000],
      [7, 2_000_000],
    ]) {
      await client
        .post(`/api/v1/projects/${id}/bids`)
        .json({ quoteFen })
        .withGuard('api')
        .loginAs(await user(`agency${n}@demo.example.com`))
    }
    clock.freeze(new Date('2026-10-09T04:00:01Z'))
    await runTick()

    const page = await visit(`/projects/${id}/verify`)
    await page.assertExists('[data-island="draw-verification"][data-mounted="true"]')
    await page.waitForSelector(
      '.draw-verify >> text=种子尚未公开：有效投标集合确定之后方可验证本次抽取。'
    )
    await page.waitForSelector('.draw-verify >> text=异常低价报价等待机构在期限内作出说明')
    await page.assertNotExists('text=一致：本次抽取已在您的浏览器中独立重算')

    // The window closes without a justification: the tick reveals the seed and draws once.
    clock.freeze(new Date('2026-10-10T16:00:00Z'))
    await runTick()
    const final = await visit(`/projects/${id}/verify`)
    await final.waitForSelector('text=一致：本次抽取已在您的浏览器中独立重算')
  })
})
