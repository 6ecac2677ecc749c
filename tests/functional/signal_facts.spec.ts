import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'
import { collusionSignals } from '#queries/regulator_signals'
import { SCANNED_FACTS } from '#queries/regulator_signals_scan'
import { foldSignalQueue, rebuildSignalFacts } from '#actions/signals/signal_facts'
import { presentCollusionSignals } from '#presenters/signals'
import { runTick } from '#actions/market_tick'
import {
  AFTER_DEADLINE,
  AFTER_PUBLICITY,
  awardedProject,
  demoAgency,
  placeBids,
  publishedProject,
} from '#tests/selection_fixtures'

/*
 * The collusion signals are read from facts kept per project as the market
 * writes (app/actions/signals/signal_facts.ts). They must be exactly the
 * signals the scan of a year of projects and bids finds
 * (app/queries/regulator_signals_scan.ts), whether the facts were folded from
 * the queue the application fills or rebuilt from scratch.
 */

const NOW = new Date('2026-09-29T02:00:00Z')
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36'

const demoRegulator = () => User.findByOrFail('email', 'regulator@demo.example.com')

/** The signals as the API shows them, by the kept facts and by the scan. */
async function bothWays() {
  const kept = presentCollusionSignals(await collusionSignals())
  const scanned = presentCollusionSignals(await collusionSignals(db.connection(), SCANNED_FACTS))
  return {
    kept: JSON.parse(JSON.stringify(kept)),
    scanned: JSON.parse(JSON.stringify(scanned)),
  }
}

const findingCounts = (signals: Record<string, unknown[]>) =>
  Object.fromEntries(Object.entries(signals).map(([kind, list]) => [kind, list.length]))

/** A deterministic pseudo-random sequence (mulberry32). */
function seeded(seed: number) {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** A row read back, made insertable again on both databases. */
function insertable(row: Record<string, unknown>, overrides: Record<string, unknown>) {
  const copy: Record<string, unknown> = {}
  for (const [column, value] of Object.entries({ ...row, ...overrides })) {
    if (column === 'id') continue
    if (value instanceof Date) copy[column] = sqlTime(value)
    else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      copy[column] = JSON.stringify(value)
    } else copy[column] = value
  }
  return copy
}

/**
 * A market of `count` projects written past the application, as a bulk load
 * would: every method, state, round and period; quotes drawn from a few close
 * prices (near-identical ones are common), origins from a few IP addresses
 * and devices, winners and directly named agencies from a few agencies.
 */
async function bulkMarket(templateProjectId: number, count: number) {
  const random = seeded(20261207)
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]
  const agencies = await Promise.all(
    [1, 2, 3, 4, 5, 6, 7, 8].map(async (n) => {
      const user = await demoAgency(n)
      return user.organizationId
    })
  )
  const template = await db.from('projects').where('id', templateProjectId).firstOrFail()
  const bidTemplate = await db.from('bids').where('project_id', templateProjectId).firstOrFail()
  // A second item at a government-set price: its quotes are never compared.
  const otherItem = await db
    .from('service_items')
    .whereNot('id', template.service_item_id)
    .orderBy('id')
    .firstOrFail()
  await db.from('service_items').where('id', otherItem.id).update({ fee_type: 'government_priced' })
  await db
    .from('service_item_versions')
    .where('service_item_id', otherItem.id)
    .update({ fee_type: 'government_priced' })
  const otherVersion = await db
    .from('service_item_versions')
    .where('service_item_id', otherItem.id)
    .max('version as version')
    .first()

  const now = clock.now().getTime()
  const day = 86_400_000
  // From 14 months back: some facts fall before the period of 12 months.
  const moment = () => sqlTime(new Date(now - Math.floor(random() * 425) * day - 3_600_000))
  const quotes = [4_990_000, 5_000_000, 5_010_000, 5_020_000, 5_200_000, 6_000_000, 8_000_000]
  const ips = ['192.0.2.1', '192.0.2.2', '198.51.100.7', null]
  const devices = ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64), null]
  const states = ['published', 'awarded', 'contracted', 'closed', 'cancelled', 'terminated']

  for (let index = 0; index < count; index++) {
    const direct = random() < 0.2
    const status = pick(states)
    const round = random() < 0.2 ? 2 : 1
    const governmentPriced = random() < 0.1
    const published = moment()
    const opened = status === 'published' && random() < 0.5 ? null : moment()
    const awarded = status === 'published' || status === 'cancelled' ? null : moment()
    const bidders = agencies.filter(() => random() < 0.45)
    const [project] = await db.table('projects').insert(
      insertable(template, {
        code: `SF-${index}`,
        status,
        method: direct ? 'direct' : 'lowest_price',
        round,
        published_at: published,
        opened_at: opened,
        awarded_at: awarded,
        winner_organization_id: awarded && bidders.length > 0 ? pick(bidders) : null,
        direct_agency_id: direct ? pick(agencies.slice(0, 3)) : null,
        ...(governmentPriced
          ? { service_item_id: otherItem.id, service_item_version: otherVersion!.version }
          : {}),
      })
    )
    const projectId = Number(typeof project === 'object' ? project.id : project)
    let receipt = 0
    for (const agencyId of bidders) {
      for (let bidRound = 1; bidRound <= round; bidRound++) {
        const replaced = random() < 0.15
        for (const bidStatus of replaced
          ? ['replaced', 'active']
          : [pick(['active', 'active', 'active', 'withdrawn'])]) {
          await db.table('bids').insert(
            insertable(bidTemplate, {
              project_id: projectId,
              round: bidRound,
              organization_id: agencyId,
              status: bidStatus,
              quote_fen: opened && random() < 0.95 ? pick(quotes) : null,
              receipt: `sf-${projectId}-${receipt++}`,
              ip: pick(ips),
              device_fingerprint: pick(devices),
              created_at: moment(),
              updated_at: null,
            })
          )
        }
      }
    }
  }
}

test.group('Collusion-signal facts (串通投标预警的事实)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('a market run through the application: the facts folded as it writes give the signals of the scan, and the page and its API twin show them', async ({
    client,
    assert,
  }) => {
    // The same two agencies take turns winning three awarded selections.
    for (const quotes of [
      [
        [5, 4_000_000],
        [6, 4_500_000],
      ],
      [
        [6, 4_000_000],
        [5, 4_500_000],
      ],
      [
        [5, 4_100_000],
        [6, 4_400_000],
      ],
    ] as [number, number][][]) {
      clock.freeze(NOW)
      await awardedProject(client, quotes)
    }
    clock.freeze(NOW)
    // Agencies 5 and 6 quote near-identically from one browser on two projects.
    const projects = [await publishedProject(client), await publishedProject(client)]
    for (const projectId of projects) {
      for (const [n, quoteFen] of [
        [5, 5_000_000],
        [6, 5_020_000],
        [7, 6_000_000],
      ]) {
        const response = await client
          .post(`/api/v1/projects/${projectId}/bids`)
          .header('user-agent', n === 7 ? 'Firefox/140' : CHROME)
          .header('accept-language', 'zh-CN,zh;q=0.9')
          .json({ quoteFen })
          .withGuard('api')
          .loginAs(await demoAgency(n))
        response.assertStatus(201)
      }
    }
    // Agencies 7 and 8 quote the same on a third.
    await placeBids(client, await publishedProject(client), [
      [7, 5_000_000],
      [8, 5_000_000],
    ])
    clock.freeze(AFTER_DEADLINE)
    await runTick()
    clock.freeze(AFTER_PUBLICITY)
    await runTick()
    assert.lengthOf(await db.from('signal_pending'), 0)

    const { kept, scanned } = await bothWays()
    assert.deepEqual(kept, scanned)
    const counts = findingCounts(kept.signals)
    assert.equal(counts.rotatingWinners, 1)
    assert.isAbove(counts.nearIdenticalQuotes, 0)
    assert.isAbove(counts.sharedOrigins, 0)

    const regulator = await demoRegulator()
    const api = await client.get('/api/v1/regulator/signals').withGuard('api').loginAs(regulator)
    api.assertStatus(200)
    assert.deepEqual(api.body(), scanned)
    const page = await client.get('/regulator/signals').loginAs(regulator)
    page.assertStatus(200)
    for (const projectId of projects) assert.include(page.text(), `/projects/${projectId}`)
  })

  test('a bulk-loaded market: the facts rebuilt from scratch, and folded from a queue of every project, give the signals of the scan', async ({
    client,
    assert,
  }) => {
    const template = await publishedProject(client)
    await placeBids(client, template, [[5, 5_000_000]])
    await bulkMarket(template, 120)

    const rebuilt = await rebuildSignalFacts()
    assert.isAtLeast(rebuilt, 121)
    const first = await bothWays()
    assert.deepEqual(first.kept, first.scanned)
    const counts = findingCounts(first.kept.signals)
    for (const kind of [
      'nearIdenticalQuotes',
      'sharedOrigins',
      'rotatingWinners',
      'repeatedDirectSelections',
    ]) {
      assert.isAbove(counts[kind], 0, `${kind} found`)
    }
    assert.isAbove(first.kept.commonOrigins.length + counts.sharedOrigins, 0)

    // The same facts again from the queue the migration and the models fill.
    for (const table of [
      'signal_quote_facts',
      'signal_origin_facts',
      'signal_award_facts',
      'signal_direct_facts',
    ]) {
      await db.from(table).delete()
    }
    await db.rawQuery('insert into signal_pending (project_id) select id from projects')
    await foldSignalQueue()
    const second = await bothWays()
    assert.deepEqual(second.kept, second.scanned)
    assert.deepEqual(second.kept, first.kept)

    // A year later only the newest facts are in the period, the same both ways.
    clock.freeze(new Date(NOW.getTime() + 200 * 86_400_000))
    const later = await bothWays()
    assert.deepEqual(later.kept, later.scanned)
    assert.notDeepEqual(findingCounts(later.kept.signals), counts)
  })

  test('placing bids queues their project, and a reading of the signals folds the queue before it reads', async ({
    client,
    assert,
  }) => {
    const projectId = await publishedProject(client)
    await db.from('signal_pending').delete()
    await placeBids(client, projectId, [
      [5, 5_000_000],
      [6, 5_010_000],
    ])
    const queued = await db.from('signal_pending').where('project_id', projectId)
    assert.isAtLeast(queued.length, 2)
    const regulator = await demoRegulator()
    const response = await client
      .get('/api/v1/regulator/signals')
      .withGuard('api')
      .loginAs(regulator)
    response.assertStatus(200)
    assert.lengthOf(await db.from('signal_pending'), 0)
    // Every test request comes from 127.0.0.1: the two bids share an origin.
    assert.lengthOf(await db.from('signal_origin_facts').where('project_id', projectId), 2)
  })
})
