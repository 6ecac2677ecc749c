// Assertions read best as `(await …).text()`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createUserWithRole } from '#database/factories/account_factories'
import { clock } from '#services/clock'

test.group('Working-day calendar', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the 2026 official schedule is there from the first migration', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/calendar').qs({ year: 2026 })
    response.assertStatus(200)
    assert.deepInclude(response.body().data, { day: '2026-10-01', working: false, note: '国庆节' })
    assert.deepInclude(response.body().data, {
      day: '2026-10-10',
      working: true,
      note: '国庆节调休上班',
    })
  })

  test('due days count working days across the National Day holiday', async ({ client }) => {
    const response = await client
      .get('/api/v1/calendar/working-days')
      .qs({ from: '2026-09-29', days: 3 })
    response.assertBody({ from: '2026-09-29', days: 3, due: '2026-10-09', provisional: false })
  })

  test('the admin enters next year without a code change, and deadlines follow', async ({
    client,
    assert,
  }) => {
    const admin = await createUserWithRole('admin')
    const before = await client
      .get('/api/v1/calendar/working-days')
      .qs({ from: '2026-12-31', days: 1 })
    before.assertBody({ from: '2026-12-31', days: 1, due: '2027-01-01', provisional: true })

    const saved = await client
      .post('/admin/calendar')
      .loginAs(admin)
      .form({ day: '2027-01-01', working: 'false', note: '元旦' })
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(302)

    const after = await client
      .get('/api/v1/calendar/working-days')
      .qs({ from: '2026-12-31', days: 1 })
    after.assertBody({ from: '2026-12-31', days: 1, due: '2027-01-04', provisional: false })

    const page = await client.get('/admin/calendar').qs({ year: 2027 }).loginAs(admin)
    page.assertTextIncludes('元旦')
    const [event] = await db
      .from('audit_events')
      .where('action', 'calendar.day_set')
      .orderBy('id', 'desc')
      .limit(1)
    assert.equal(event.subject_id, '2027-01-01')

    const cleared = await client
      .delete('/api/v1/admin/calendar/2027-01-01')
      .withGuard('api')
      .loginAs(admin)
    cleared.assertStatus(204)
    const again = await client
      .get('/api/v1/calendar/working-days')
      .qs({ from: '2026-12-31', days: 1 })
    again.assertBody({ from: '2026-12-31', days: 1, due: '2027-01-01', provisional: true })
  })

  test('only the admin writes the calendar; impossible days are refused', async ({ client }) => {
    const regulator = await createUserWithRole('regulator')
    const refused = await client
      .put('/api/v1/admin/calendar/2027-01-01')
      .json({ working: false, note: '元旦' })
      .withGuard('api')
      .loginAs(regulator)
    refused.assertStatus(403)

    const admin = await createUserWithRole('admin')
    const impossible = await client
      .put('/api/v1/admin/calendar/2027-02-30')
      .json({ working: false, note: '不存在' })
      .withGuard('api')
      .loginAs(admin)
    impossible.assertStatus(422)
    const badQuery = await client
      .get('/api/v1/calendar/working-days')
      .qs({ from: 'yesterday', days: -1 })
    badQuery.assertStatus(422)
  })

  test('from 1 November the admin is told to load next year’s schedule, on the dashboard and the calendar page, until a day of it is entered', async ({
    client,
    assert,
  }) => {
    const admin = await createUserWithRole('admin')
    const warning = '尚未录入 2027 年国务院公布的节假日安排'
    clock.freeze(new Date('2026-10-20T02:00:00Z'))
    try {
      const october = await client.get('/dashboard/admin').loginAs(admin)
      october.assertStatus(200)
      assert.notInclude(october.text(), warning)

      clock.freeze(new Date('2026-11-02T02:00:00Z'))
      const dashboard = await client.get('/dashboard/admin').loginAs(admin)
      dashboard.assertTextIncludes(warning)
      const calendarPage = await client.get('/admin/calendar').loginAs(admin)
      calendarPage.assertTextIncludes(warning)
      const owner = await createUserWithRole('owner')
      assert.notInclude((await client.get('/dashboard/owner').loginAs(owner)).text(), warning)

      await client
        .post('/admin/calendar')
        .loginAs(admin)
        .form({ day: '2027-01-01', working: 'false', note: '元旦' })
        .withCsrfToken()
        .redirects(0)
      assert.notInclude((await client.get('/dashboard/admin').loginAs(admin)).text(), warning)
    } finally {
      clock.unfreeze()
    }
  })
})
