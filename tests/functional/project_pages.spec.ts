import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import DemoSeeder from '#database/seeders/demo_seeder'
import User from '#models/user'
import Project from '#models/project'
import { clock } from '#services/clock'
import { runTick } from '#actions/selection/tick'
import { idNumberCheckCharacter } from '#domain/id_card'

const NOW = new Date('2026-09-29T02:00:00Z')
const user = (email: string) => User.findByOrFail('email', email)

test.group('Project pages: an owner runs a random draw end to end without JavaScript', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await new DemoSeeder(db.connection()).run()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('post a draft by the form, publish it, agencies bid, the result and the verify page are public', async ({
    client,
    assert,
  }) => {
    const owner = await user('owner@demo.example.com')
    const drafted = await client
      .post('/owner/projects')
      .loginAs(owner)
      .form({
        title: '滨江大道改造工程环境影响评价',
        serviceItemCode: 'ZJ-001',
        description: '编制滨江大道改造工程环境影响报告表，并配合完成技术评审。',
        ceilingYuan: '80000.00',
        method: 'random',
        // Beijing time, as the datetime-local field sends it.
        deadline: '2026-10-09T12:00',
      })
      .withCsrfToken()
      .redirects(0)
    drafted.assertStatus(302)
    const project = await Project.query().orderBy('id', 'desc').firstOrFail()
    assert.equal(project.ceilingPriceFen, 8_000_000)
    assert.equal(project.responseDeadline.toUTC().toISO(), '2026-10-09T04:00:00.000Z')

    const published = await client
      .post(`/owner/projects/${project.id}/publish`)
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    published.assertStatus(302)

    for (const n of [1, 5, 6]) {
      const response = await client
        .post(`/agency/projects/${project.id}/bids`)
        .loginAs(await user(`agency${n}@demo.example.com`))
        .form({ quoteYuan: `${60000 + n}.50` })
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(302)
    }

    // Sealed: the owner's page shows the count, never a quote.
    const ownerView = await client.get(`/projects/${project.id}`).loginAs(owner)
    ownerView.assertStatus(200)
    assert.notInclude(ownerView.text(), '60,001.50')
    const agencyView = await client
      .get(`/projects/${project.id}`)
      .loginAs(await user('agency1@demo.example.com'))
    assert.include(agencyView.text(), '¥60,001.50')
    assert.notInclude(agencyView.text(), '60,005.50')

    clock.freeze(new Date('2026-10-09T04:00:01Z'))
    await runTick()
    const result = await client.get(`/projects/${project.id}`)
    result.assertStatus(200)
    for (const quote of ['¥60,001.50', '¥60,005.50', '¥60,006.50']) {
      assert.include(result.text(), quote)
    }
    const list = await client.get('/projects').qs({ status: 'publicity' })
    assert.include(list.text(), project.code)

    const verify = await client.get(`/projects/${project.id}/verify`)
    verify.assertStatus(200)
    assert.include(verify.text(), 'data-island="draw-verification"')
    assert.include(verify.text(), '✓')
    assert.notInclude(verify.text(), '✗')
  })

  test('a form with bad input re-renders with field errors instead of failing', async ({
    client,
  }) => {
    const owner = await user('owner@demo.example.com')
    const response = await client
      .post('/owner/projects')
      .loginAs(owner)
      .header('referer', '/owner/projects/new')
      .form({ title: 'x', serviceItemCode: 'ZJ-001', ceilingYuan: '-5', method: 'random' })
      .withCsrfToken()
    response.assertStatus(200)
    response.assertTextIncludes('field-error')
  })

  test('an agency sees the projects open for its items and its quotes; another agency sees none of them', async ({
    client,
    assert,
  }) => {
    const page = await client
      .get('/agency/projects')
      .loginAs(await user('agency1@demo.example.com'))
    page.assertStatus(200)
    const owner = await client.get('/agency/projects').loginAs(await user('owner@demo.example.com'))
    assert.oneOf(owner.status(), [302, 403])
  })

  test('an owner names a key person for conflict checks; the page never shows the ID number', async ({
    client,
    assert,
  }) => {
    const owner = await user('owner@demo.example.com')
    const idNumber = '51140219700101001' + idNumberCheckCharacter('51140219700101001')
    const saved = await client
      .post('/owner/persons')
      .loginAs(owner)
      .form({ name: '王建国', idNumber, role: 'manager' })
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(302)
    const page = await client.get('/owner/persons').loginAs(owner)
    page.assertStatus(200)
    assert.include(page.text(), '王建国')
    assert.notInclude(page.text(), idNumber)
  })
})
