import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import DemoSeeder from '#database/seeders/demo_seeder'
import DemoMarketSeeder from '#database/seeders/demo_market_seeder'
import Contract from '#models/contract'
import Project from '#models/project'
import Evaluation from '#models/evaluation'
import User from '#models/user'
import { contractFacts, type AnalyticsFilters } from '#queries/market_analytics'
import { summaryAnalytics } from '#queries/analytics_summaries'
import { figuresOfFacts } from '#presenters/market_analytics'
import { foldAnalyticsQueue, rebuildAnalyticsSummaries } from '#actions/analytics/summaries'
import { setCalendarDay } from '#actions/calendar/calendar_days'
import { runTick } from '#actions/market_tick'

const REGIONS = ['511400', '511402', '510000', '510100', '110000']
const PRICES = [3_000_000, 4_500_000, 4_500_000, 7_800_000, 12_000_000, 5_250_000]

/**
 * The demo market (built by the market's own verbs), widened with copies of
 * its signed contracts — other months, districts, prices, owners' ratings,
 * overdue marks and a termination — all written through the models, as the
 * application writes them.
 */
async function seededMarket() {
  await new DemoSeeder(db.connection()).run()
  await new DemoMarketSeeder(db.connection()).run()
  const signed = await Contract.query().where('status', 'signed').orderBy('id')
  const agencies = [...new Set(signed.map((contract) => contract.agencyOrganizationId))]
  let copy = 0
  for (const original of signed) {
    const project = await Project.findOrFail(original.projectId)
    for (let index = 0; index < 6; index++) {
      copy += 1
      const awardedAt = (project.awardedAt ?? DateTime.utc()).minus({ days: 37 * index + copy })
      const twin = new Project().merge({
        ...project.$attributes,
        id: undefined,
        code: `${project.code}-S${copy}`,
        regionCode: REGIONS[copy % REGIONS.length],
        method: copy % 4 === 0 ? 'direct' : project.method,
        ceilingPriceFen: project.ceilingPriceFen + copy * 10_000,
        publishedAt: awardedAt.minus({ hours: 13 * copy + 5 }),
        awardedAt,
      })
      await twin.save()
      const contract = new Contract().merge({
        ...original.$attributes,
        id: undefined,
        projectId: twin.id,
        // The same owner and agency again and again: a repeated pair.
        agencyOrganizationId:
          copy % 3 === 0 ? original.agencyOrganizationId : agencies[copy % agencies.length],
        priceFen: PRICES[copy % PRICES.length],
        status: copy % 7 === 0 ? 'terminated' : 'signed',
        serviceStartedAt: awardedAt.plus({ days: 2 }),
        acceptedAt: copy % 2 === 0 ? awardedAt.plus({ days: 9 + copy }) : null,
        overdueAt: copy % 5 === 0 ? awardedAt.plus({ days: 30 }) : null,
      })
      await contract.save()
      if (copy % 2 === 0) {
        await Evaluation.create({
          contractId: contract.id,
          direction: 'of_agency',
          origin: 'rater',
          raterOrganizationId: contract.ownerOrganizationId,
          ratedOrganizationId: contract.agencyOrganizationId,
          quality: 1 + (copy % 5),
          timeliness: 5,
          attitude: 4,
          feeCompliance: 2 + (copy % 4),
        })
      }
    }
  }
  return copy
}

/** The filters a regulator uses: none, a period, an item, a department, a province, a city, a district. */
async function filterSets(): Promise<AnalyticsFilters[]> {
  const months = await db.from('analytics_month_cells').distinct('month').orderBy('month')
  const item = await db
    .from('service_items')
    .whereIn('id', db.from('analytics_month_cells').select('service_item_id'))
    .first()
  return [
    {},
    { from: months[1].month, to: months[months.length - 2].month },
    { to: months[2].month },
    { item: item.code },
    { department: item.approval_department },
    { region: '510000' },
    { region: '511400' },
    { region: '511402' },
    { region: '110000', item: item.code },
    { from: '2099-01' },
  ]
}

async function assertSameFigures(assert: any) {
  for (const filters of await filterSets()) {
    const reference = figuresOfFacts(await contractFacts(filters))
    assert.deepEqual(await summaryAnalytics(filters), reference, JSON.stringify(filters))
  }
}

test.group('Market figures from the summaries kept as the market writes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the summaries give the same figures as the scan of the contracts, under every filter', async ({
    assert,
  }) => {
    const copies = await seededMarket()
    assert.isAbove(await foldAnalyticsQueue(), copies)
    const whole = figuresOfFacts(await contractFacts({}))
    // Not vacuous: many months, items, a repeated pair, delivered, rated and overdue contracts.
    assert.isAtLeast(whole.totals.contracts, 30)
    assert.isAtLeast(whole.monthly.length, 6)
    assert.isNotEmpty(whole.repeatedPairs)
    assert.isAbove(whole.totals.overduePercent, 0)
    assert.isAbove(whole.totals.badRatingPercent, 0)
    assert.isTrue(whole.monthly.some((month) => month.deliveryPercentOfLimit !== null))
    await assertSameFigures(assert)
  }).timeout(180_000)

  test('changes to contracts, projects, ratings and the calendar are queued in their transaction and folded into the same figures', async ({
    assert,
  }) => {
    await seededMarket()
    await foldAnalyticsQueue()
    const pending = async () => {
      const [row] = await db.from('analytics_pending').count('* as n')
      return Number(row.n)
    }
    /** One change at a time: queued, not in the figures until folded, then the scan's figures. */
    const change = async (what: string, write: () => Promise<unknown>) => {
      const before = await summaryAnalytics({})
      await write()
      assert.isAbove(await pending(), 0, what)
      assert.deepEqual(await summaryAnalytics({}), before, what)
      await runTick()
      assert.equal(await pending(), 0, what)
      assert.notDeepEqual(await summaryAnalytics({}), before, what)
      await assertSameFigures(assert)
    }

    const contract = await Contract.query().whereNotNull('accepted_at').orderBy('id').firstOrFail()
    await change('a contract overdue and repriced', () =>
      db.transaction(async (trx) => {
        contract.useTransaction(trx)
        contract.merge({ overdueAt: DateTime.utc(), priceFen: contract.priceFen + 123_456 })
        await contract.save()
      })
    )
    await change('a project moved to another district and month', async () => {
      const project = await Project.findOrFail(contract.projectId)
      project.merge({ regionCode: '110101', awardedAt: project.awardedAt!.minus({ months: 2 }) })
      await project.save()
    })
    await change("an owner's rating changed", async () => {
      const evaluation = await Evaluation.query()
        .where('direction', 'of_agency')
        .orderBy('id', 'desc')
        .firstOrFail()
      evaluation.quality = evaluation.quality === 1 ? 5 : 1
      await evaluation.save()
    })
    await change('a contract that no longer counts leaves the figures', async () => {
      const withdrawn = await Contract.query().where('status', 'signed').orderBy('id').firstOrFail()
      withdrawn.status = 'drafting'
      await withdrawn.save()
    })
    await change('a rest day in the middle of a delivery', async () => {
      const admin = await User.findByOrFail('email', 'admin@demo.example.com')
      const delivered = await Contract.query()
        .whereNotNull('accepted_at')
        .whereNotNull('service_started_at')
        .orderBy('id', 'desc')
        .firstOrFail()
      let day = delivered.serviceStartedAt!.setZone('Asia/Shanghai').plus({ days: 1 })
      while (day.weekday > 5) day = day.plus({ days: 1 })
      await setCalendarDay({ day: day.toISODate()!, working: false, note: '临时调休' }, admin)
    })
  }).timeout(300_000)

  test('a rebuild from the contracts gives the summaries the market kept', async ({ assert }) => {
    await seededMarket()
    await foldAnalyticsQueue()
    const read = async (table: string) => {
      const rows = await db.from(table).select('*')
      return rows
        .map((row) =>
          JSON.stringify(
            Object.entries(row).map(([key, value]) => [key, Number(value) || String(value)])
          )
        )
        .sort()
    }
    // Folding kept cells whose contracts all left; the rebuild writes only cells with contracts.
    await db.from('analytics_agency_cells').where('contracts', 0).delete()
    await db.from('analytics_price_cells').where('contracts', 0).delete()
    await db.from('analytics_month_cells').where('contracts', 0).delete()
    const keptNonZero = await Promise.all(
      ['analytics_month_cells', 'analytics_agency_cells', 'analytics_price_cells'].map(read)
    )
    assert.isNotEmpty(keptNonZero[0])
    const contracts = await rebuildAnalyticsSummaries()
    const facts = await contractFacts({})
    assert.equal(contracts, facts.length)
    const rebuilt = await Promise.all(
      ['analytics_month_cells', 'analytics_agency_cells', 'analytics_price_cells'].map(read)
    )
    assert.deepEqual(rebuilt, keptNonZero)
    await assertSameFigures(assert)
  }).timeout(180_000)

  test('the page, the API and the CSV give the figures of the scan, the change of a moment ago included', async ({
    client,
    assert,
  }) => {
    await seededMarket()
    const regulator = await User.findByOrFail('email', 'regulator@demo.example.com')
    // Nothing folded yet: the reading folds first.
    const api = await client.get('/api/v1/regulator/analytics').withGuard('api').loginAs(regulator)
    api.assertStatus(200)
    const reference = figuresOfFacts(await contractFacts({}))
    const body = api.body()
    assert.deepEqual(
      {
        totals: body.totals,
        monthly: body.monthly,
        items: body.items,
        repeatedPairs: body.repeatedPairs,
      },
      JSON.parse(JSON.stringify(reference))
    )
    const page = await client.get('/regulator/analytics').loginAs(regulator)
    page.assertStatus(200)
    assert.include(page.text(), reference.monthly[0].month)
    const csv = await client.get('/regulator/analytics.csv?panel=pairs').loginAs(regulator)
    csv.assertStatus(200)
    assert.include(csv.text(), reference.repeatedPairs[0].agencyName)
    const owner = await User.findByOrFail('email', 'owner@demo.example.com')
    const refused = await client.get('/api/v1/regulator/analytics').withGuard('api').loginAs(owner)
    refused.assertStatus(403)
  }).timeout(180_000)
})
