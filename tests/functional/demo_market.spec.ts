import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import DemoSeeder from '#database/seeders/demo_seeder'
import DemoMarketSeeder from '#database/seeders/demo_market_seeder'
import { clock } from '#services/clock'
import { fromSqlTime } from '#services/sql_time'
import { feeRecordsWithFlags } from '#queries/fee_records'

async function count(table: string, where: Record<string, unknown> = {}) {
  const [row] = await db.from(table).where(where).count('* as n')
  return Number(row.n)
}

async function agencyId(email: string) {
  const user = await db.from('users').where('email', email).firstOrFail()
  return Number(user.organization_id)
}

test.group('Demo market', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the demo market puts projects at every stage, made by the market verbs up to now', async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const before = Date.now()
    await new DemoMarketSeeder(db.connection()).run()

    // The clock runs again at the real time.
    assert.isAtLeast(clock.now().getTime(), before)
    const statuses = await db.from('projects').groupBy('status').select('status').count('* as n')
    const byStatus = Object.fromEntries(statuses.map((row) => [row.status, Number(row.n)]))
    assert.deepEqual(byStatus, {
      published: 2,
      opened: 1,
      publicity: 1,
      awarded: 1,
      in_service: 3,
      delivered: 1,
      evaluated: 1,
    })
    // Open for bids means open now.
    const open = await db.from('projects').where('status', 'published').select('response_deadline')
    for (const { response_deadline: deadline } of open) {
      assert.isAbove(fromSqlTime(deadline)!.getTime(), Date.now())
    }
    assert.equal(await count('projects', { status: 'opened', stage: 'pick' }), 1)
    assert.equal(await count('contracts', { status: 'signed' }), 5)
    assert.equal(await count('contracts', { status: 'drafting' }), 1)
    assert.equal(await count('deliverables'), 2)
    assert.equal(await count('objections', { status: 'pending' }), 1)
    // The service in progress is paused (补正), its clock stopped.
    const paused = await db.from('contracts').whereNotNull('paused_at').select('id')
    assert.lengthOf(paused, 1)
    assert.equal(await count('contract_pauses', { contract_id: paused[0].id }), 1)

    // The bad rating of agency 5, its credit event and follow-up, and what regulators did.
    const agency5 = await agencyId('agency5@demo.example.com')
    const evaluation = await db.from('evaluations').firstOrFail()
    assert.equal(evaluation.quality, 1)
    assert.equal(
      await count('follow_up_cases', { evaluation_id: evaluation.id, status: 'rectification' }),
      1
    )
    assert.isAtLeast(await count('credit_events', { organization_id: agency5 }), 2)
    assert.equal(await count('complaints', { agency_organization_id: agency5 }), 1)
    assert.equal(await count('inspection_plans'), 1)
    assert.equal(
      await count('bans', { organization_id: await agencyId('agency7@demo.example.com') }),
      1
    )

    // Paid through the Stripe mock: three fee records, two of them flagged as a split selection.
    assert.equal(await count('fee_records', { kind: 'payment' }), 3)
    assert.equal(await count('outside_selections', { funding_source: 'social' }), 1)
    assert.equal(await count('milestones', { status: 'paid' }), 3)
    const flagged = await feeRecordsWithFlags({ flagged: true })
    assert.lengthOf(flagged, 2)
    for (const row of flagged) {
      assert.deepEqual(
        row.flags.map((flag) => flag.code),
        ['split_selection']
      )
    }

    // Signed with keys the parties hold: every signature reliable, each contract's PDF signed twice.
    const levels = await db.from('contract_signatures').distinct('level')
    assert.deepEqual(
      levels.map((row) => row.level),
      ['reliable']
    )
    const fullySigned = await db
      .from('contract_documents')
      .where('signature_count', 2)
      .count('* as total')
    const signedContracts = await db.from('contracts').whereNotNull('signed_at').count('* as total')
    assert.isAtLeast(Number(signedContracts[0].total), 1)
    assert.equal(Number(fullySigned[0].total), Number(signedContracts[0].total))

    // Run again, it adds nothing: the demo market is only built into a market without projects.
    const projects = await count('projects')
    await new DemoMarketSeeder(db.connection()).run()
    assert.equal(await count('projects'), projects)
  })

  test('the pages show the demo market', async ({ client }) => {
    await new DemoSeeder(db.connection()).run()
    await new DemoMarketSeeder(db.connection()).run()

    const home = await client.get('/')
    home.assertStatus(200)
    home.assertTextIncludes('东坡区太和镇农贸市场迁建工程环境影响评价')
    home.assertTextIncludes('丹棱县城区污水管网改造工程环境影响评价')

    const projects = await client.get('/projects')
    projects.assertStatus(200)
    for (const title of ['洪雅县瓦屋山旅游公路工程', '青神县竹编产业园基础设施工程']) {
      projects.assertTextIncludes(title)
    }

    const exposure = await client.get('/exposure')
    exposure.assertStatus(200)
    exposure.assertTextIncludes('出具虚假环境影响评价报告')

    const inspections = await client.get('/inspections')
    inspections.assertStatus(200)
    inspections.assertTextIncludes('环评机构报告质量抽查')

    // Every project's public page renders, whatever its stage.
    for (const { id, title } of await db.from('projects').select('id', 'title')) {
      const page = await client.get(`/projects/${id}`)
      page.assertStatus(200)
      page.assertTextIncludes(title)
    }

    const agency = await client.get(`/agencies/${await agencyId('agency5@demo.example.com')}`)
    agency.assertStatus(200)
    agency.assertTextIncludes('报告多次返工，逾期提交')
    agency.assertTextIncludes('环境影响报告表数据引用不实')
  })
})
