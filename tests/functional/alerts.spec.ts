// Assertions read best as `(await …).body()`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { marketWorld } from '#tests/worlds'
import type User from '#models/user'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import { demoAgency, publishedProject } from '#tests/selection_fixtures'

const NOW = new Date('2026-09-29T02:00:00Z')

function subscribe(client: any, user: User, body: Record<string, unknown>) {
  return client.put('/api/v1/alerts').json(body).withGuard('api').loginAs(user)
}

test.group('Announcement alerts by e-mail', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('an immediate subscriber hears of a matching announcement at once and of nothing else; unknown items and bad frequencies are refused', async ({
    client,
    assert,
  }) => {
    const mailer = mail.fake()
    try {
      const agency = await demoAgency(2)
      const unknown = await subscribe(client, agency, {
        itemCodes: ['XX-999'],
        frequency: 'immediate',
      })
      unknown.assertStatus(422)
      assert.include(unknown.body().errors[0].message, 'XX-999')
      const badFrequency = await subscribe(client, agency, { frequency: 'hourly' })
      badFrequency.assertStatus(422)
      assert.isNull(
        (await client.get('/api/v1/alerts').withGuard('api').loginAs(agency)).body().data
      )

      const saved = await subscribe(client, agency, {
        itemCodes: ['ZJ-001'],
        regionCodes: ['511400'],
        frequency: 'immediate',
      })
      saved.assertStatus(200)
      assert.deepEqual(saved.body().data.itemCodes, ['ZJ-001'])

      await publishedProject(client)
      const sent = mailer.messages.sent().concat(mailer.messages.queued())
      const toAgency = sent.filter((message) =>
        message.toJSON().message.to?.some((to: any) => (to.address ?? to) === agency.email)
      )
      assert.lengthOf(toAgency, 1)
      assert.include(toAgency[0].toJSON().message.subject!, '新项目公告')
      // Another item: no alert.
      await publishedProject(client, { title: '某路段节能评估', serviceItemCode: 'ZJ-002' })
      const after = mailer.messages.sent().concat(mailer.messages.queued())
      assert.lengthOf(
        after.filter((message) =>
          message.toJSON().message.to?.some((to: any) => (to.address ?? to) === agency.email)
        ),
        1
      )
    } finally {
      mail.restore()
    }
  })

  test('a daily subscriber gets one digest at 08:00 Beijing time with what was announced since, and not twice', async ({
    client,
    assert,
  }) => {
    const mailer = mail.fake()
    try {
      const agency = await demoAgency(3)
      ;(await subscribe(client, agency, { frequency: 'daily' })).assertStatus(200)
      clock.freeze(new Date('2026-09-29T03:00:00Z'))
      await publishedProject(client)
      await publishedProject(client, { title: '另一个项目的节能评估', serviceItemCode: 'ZJ-002' })
      const digestsTo = () =>
        mailer.messages
          .sent()
          .concat(mailer.messages.queued())
          .filter((message) =>
            message.toJSON().message.to?.some((to: any) => (to.address ?? to) === agency.email)
          )
      clock.freeze(new Date('2026-09-29T23:59:00Z'))
      assert.equal((await runTick()).alertDigests, 0)
      clock.freeze(new Date('2026-09-30T00:00:01Z'))
      assert.equal((await runTick()).alertDigests, 1)
      assert.equal((await runTick()).alertDigests, 0)
      assert.lengthOf(digestsTo(), 1)
      assert.include(digestsTo()[0].toJSON().message.subject!, '2')
      // The next morning, nothing new: no e-mail.
      clock.freeze(new Date('2026-10-01T00:00:01Z'))
      assert.equal((await runTick()).alertDigests, 0)
    } finally {
      mail.restore()
    }
  })

  test('the alerts page saves a subscription from checkboxes and a multiple select, without JavaScript, and cancels it', async ({
    client,
    assert,
  }) => {
    const agency = await demoAgency(4)
    const page = await client.get('/account/alerts').loginAs(agency)
    page.assertStatus(200)
    assert.include(page.text(), '尚未订阅')
    const saved = await client
      .post('/account/alerts')
      .form({ itemCodes: 'ZJ-001', regionCodes: ['510000', '511400'], frequency: 'daily' })
      .loginAs(agency)
      .withCsrfToken()
    assert.include(saved.text(), '订阅已保存。')
    assert.include(saved.text(), '每日汇总')
    const row = await db.from('alert_subscriptions').where('user_id', agency.id).firstOrFail()
    assert.deepEqual(JSON.parse(row.region_codes), ['510000', '511400'])
    const removed = await client.post('/account/alerts/remove').loginAs(agency).withCsrfToken()
    assert.include(removed.text(), '已取消订阅。')
    ;(await client.get('/account/alerts')).assertRedirectsTo('/login')
  })
})
