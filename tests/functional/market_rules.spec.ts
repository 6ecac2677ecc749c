/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import { DEFAULT_RULES, flatParameters } from '#domain/rules'
import { clock } from '#services/clock'
import { forgetGradeCutoffs, rulesInForce } from '#services/market_rules'

const user = (email: string) => User.findByOrFail('email', email)
const admin = () => user('admin@demo.example.com')
const ruleSetCount = async () => Number((await db.from('rule_sets').count('* as n'))[0].n)

/** The admin's form filled in with the rules of version 1, then `changes` applied. */
function fullForm(changes: Record<string, string>) {
  const form: Record<string, string> = {}
  for (const [path, value] of flatParameters(DEFAULT_RULES)) {
    const name = path === 'directSelectionThresholdFen' ? 'directSelectionThresholdYuan' : path
    const shown = path === 'directSelectionThresholdFen' ? Number(value) / 100 : value
    form[
      `parameters${name
        .split('.')
        .map((key) => `[${key}]`)
        .join('')}`
    ] = String(shown)
  }
  return { ...form, ...changes }
}

test.group('Market rule parameters: versions, change log, grades', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    forgetGradeCutoffs()
    return () => {
      clock.unfreeze()
      // The versions published here are rolled back: so are the cut-offs kept at hand.
      forgetGradeCutoffs()
    }
  })

  test('an admin publishes a version with a date and a reason; the change log shows it, and it rules from that day', async ({
    client,
    assert,
  }) => {
    const published = await client
      .post('/api/v1/admin/rules')
      .json({
        parameters: { publicityWorkingDays: 5 },
        effectiveFrom: '2026-10-12',
        reason: '依据省级规定延长中选结果公示期',
      })
      .withGuard('api')
      .loginAs(await admin())
    published.assertStatus(201)
    // Version 2 is the national set for social investment the migrations add: this one is 3.
    assert.equal(published.body().version, 3)
    assert.deepEqual(published.body().changes, [
      { parameter: 'publicityWorkingDays', from: 3, to: 5 },
    ])
    assert.equal(published.body().effectiveFrom, '2026-10-11T16:00:00.000Z')

    const page = await client.get('/rules')
    page.assertStatus(200)
    page.assertTextIncludes('现行规则：第 1 版')
    page.assertTextIncludes('待施行')
    page.assertTextIncludes('依据省级规定延长中选结果公示期')
    page.assertTextIncludes('中选结果公示期：3 → 5')
    const api = await client.get('/api/v1/rules')
    assert.deepEqual(
      api.body().data.map((entry: any) => entry.version),
      [3, 2, 1]
    )

    // Midnight in Beijing is when it starts; a project keeps the version it was published under.
    assert.equal((await rulesInForce(new Date('2026-10-11T15:59:59Z'))).version, 1)
    const from = await rulesInForce(new Date('2026-10-11T16:00:00Z'))
    assert.equal(from.version, 3)
    assert.equal(from.rules.publicityWorkingDays, 5)
    const [event] = await db.from('audit_events').where('action', 'rules.published')
    assert.include(event.payload, '依据省级规定延长中选结果公示期')
  })

  test('the grade cut-offs in force decide the grades every page and the API show', async ({
    client,
    assert,
  }) => {
    const agency = await user('agency1@demo.example.com')
    const before = await client.get(`/api/v1/agencies/${agency.organizationId}`)
    const score = before.body().credit.score
    assert.notEqual(before.body().credit.grade, 'A')

    const published = await client
      .post('/api/v1/admin/rules')
      .json({
        parameters: { gradeCutoffs: { A: score, B: score - 10, C: score - 20 } },
        effectiveFrom: '2026-09-29',
        reason: '按本地信用管理办法调整分级标准',
      })
      .withGuard('api')
      .loginAs(await admin())
    published.assertStatus(201)

    const after = await client.get(`/api/v1/agencies/${agency.organizationId}`)
    assert.equal(after.body().credit.grade, 'A')
    const directory = await client.get('/api/v1/agencies').qs({ grade: 'A' })
    assert.include(
      directory.body().data.map((row: any) => row.id),
      agency.organizationId
    )
    const page = await client.get(`/agencies/${agency.organizationId}`)
    page.assertTextIncludes(`A 级 · ${score}`)
  })

  test("the rules page shows the values this site applies: a RULE_* override replaces the version's value and is marked", async ({
    client,
    assert,
  }) => {
    const before = process.env.RULE_PUBLICITY_WORKING_DAYS
    process.env.RULE_PUBLICITY_WORKING_DAYS = '7'
    try {
      const page = await client.get('/rules')
      page.assertStatus(200)
      const row = (label: string) => {
        const at = page.text().indexOf(`${label}</th>`)
        assert.isAbove(at, -1, label)
        return page.text().slice(at, page.text().indexOf('</tr>', at))
      }
      assert.match(row('中选结果公示期'), /7 个工作日[\s\S]*本站设置/)
      assert.notInclude(row('中选结果公示期'), '3 个工作日')
      // A parameter without an override shows the version's value, unmarked.
      assert.include(
        row('采购公告最短期限'),
        `${DEFAULT_RULES.minAnnouncementWorkingDays} 个工作日`
      )
      assert.notInclude(row('采购公告最短期限'), '本站设置')
    } finally {
      if (before === undefined) delete process.env.RULE_PUBLICITY_WORKING_DAYS
      else process.env.RULE_PUBLICITY_WORKING_DAYS = before
    }
  })

  test('refused: another role, cut-offs out of order, a past or earlier date, no change — nothing is written', async ({
    client,
    assert,
  }) => {
    const attempt = async (body: object, actor?: User) =>
      client
        .post('/api/v1/admin/rules')
        .json(body)
        .withGuard('api')
        .loginAs(actor ?? (await admin()))
    const reason = '调整规则参数的理由'

    const regulator = await attempt(
      { parameters: { publicityWorkingDays: 4 }, effectiveFrom: '2026-10-12', reason },
      await user('regulator@demo.example.com')
    )
    regulator.assertStatus(403)

    const disordered = await attempt({
      parameters: { gradeCutoffs: { A: 70, B: 75, C: 60 } },
      effectiveFrom: '2026-10-12',
      reason,
    })
    disordered.assertStatus(422)
    assert.deepInclude(
      disordered.body().errors.map((error: any) => error.field),
      'parameters.gradeCutoffs.B'
    )
    assert.include(disordered.text(), '分数线须从 A 到 C 依次降低')

    const past = await attempt({
      parameters: { publicityWorkingDays: 4 },
      effectiveFrom: '2026-09-28',
      reason,
    })
    past.assertStatus(422)
    assert.equal(past.body().errors[0].field, 'effectiveFrom')

    const unchanged = await attempt({
      parameters: { publicityWorkingDays: 3 },
      effectiveFrom: '2026-10-12',
      reason,
    })
    unchanged.assertStatus(422)

    const outOfRange = await attempt({
      parameters: { minValidResponses: { random: 0 } },
      effectiveFrom: '2026-10-12',
      reason,
    })
    outOfRange.assertStatus(422)
    assert.equal(await ruleSetCount(), 2)

    ;(
      await attempt({
        parameters: { publicityWorkingDays: 4 },
        effectiveFrom: '2026-10-20',
        reason,
      })
    ).assertStatus(201)
    const earlier = await attempt({
      parameters: { publicityWorkingDays: 5 },
      effectiveFrom: '2026-10-12',
      reason,
    })
    earlier.assertStatus(422)
    assert.include(earlier.text(), '施行日期不能早于第 3 版的施行日期')
    assert.equal(await ruleSetCount(), 3)
    assert.lengthOf(await db.from('audit_events').where('action', 'rules.published'), 1)
  })

  test('the admin page edits every parameter, the threshold in yuan; bad input re-renders with field errors', async ({
    client,
    assert,
  }) => {
    const dashboard = await client.get('/dashboard').loginAs(await admin())
    dashboard.assertTextIncludes('href="/admin/rules"')
    const form = await client.get('/admin/rules').loginAs(await admin())
    form.assertStatus(200)
    form.assertTextIncludes('name="parameters[directSelectionThresholdYuan]"')
    form.assertTextIncludes('value="50000"')
    form.assertTextIncludes('name="parameters[gradeCutoffs][A]"')

    const wrong = await client
      .post('/admin/rules')
      .loginAs(await admin())
      .header('referer', '/admin/rules')
      .form(
        fullForm({
          'parameters[gradeCutoffs][C]': '95',
          'effectiveFrom': '2026-10-12',
          'reason': '试一试看看',
        })
      )
      .withCsrfToken()
    wrong.assertStatus(200)
    wrong.assertTextIncludes('分数线须从 A 到 C 依次降低')
    assert.equal(await ruleSetCount(), 2)

    const saved = await client
      .post('/admin/rules')
      .loginAs(await admin())
      .form(
        fullForm({
          'parameters[directSelectionThresholdYuan]': '30000.00',
          'effectiveFrom': '2026-10-12',
          'reason': '降低直接选取限额',
        })
      )
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(302)
    assert.equal(saved.header('location'), '/rules')
    const latest = await db.from('rule_sets').orderBy('version', 'desc').first()
    assert.equal(JSON.parse(latest.parameters).directSelectionThresholdFen, 3_000_000)
    const log = await client.get('/rules')
    log.assertTextIncludes('直接选取限额：50000 → 30000')

    const notAdmin = await client
      .post('/admin/rules')
      .loginAs(await user('owner@demo.example.com'))
      .form(fullForm({ effectiveFrom: '2026-10-13', reason: '越权修改' }))
      .withCsrfToken()
      .redirects(0)
    assert.oneOf(notAdmin.status(), [302, 403])
    assert.equal(await ruleSetCount(), 3)
  })
})
