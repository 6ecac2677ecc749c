import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import { clock } from '#services/clock'

const NOW = new Date('2026-09-29T02:00:00Z')
const DEADLINE = '2026-10-09T04:00:00Z'

/*
 * The statements of the bid path, named one by one: a statement added to it
 * (a second read of the project, a rule version read apart…) shows here.
 */

/** The SQL statements sent while `work` runs (BEGIN/COMMIT and savepoints not counted). */
async function statementsOf(work: () => Promise<unknown>) {
  const sent: string[] = []
  const connection = db.connection()
  const clients = new Set([connection.getWriteClient(), connection.getReadClient()])
  const listener = (query: { sql: string }) => sent.push(query.sql)
  for (const client of clients) client.on('query', listener)
  try {
    await work()
  } finally {
    for (const client of clients) client.off('query', listener)
  }
  return sent.filter(
    (sql) =>
      !/^(begin|commit|rollback|savepoint|release savepoint|start transaction)/i.test(sql.trim())
  )
}

test.group('What one sealed bid costs the database', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('a sealed bid sent with an API token runs 10 statements: the token read with its user, the project read once; the rule version, the integrity facts, the requirement of the named team, the previous bid and the consortium check read with the eligibility facts; its project queued for the collusion signals', async ({
    client,
    assert,
  }) => {
    const owner = await User.findByOrFail('email', 'owner@demo.example.com')
    const draft = await client
      .post('/api/v1/projects')
      .json({
        title: '东坡区滨江大道改造工程环境影响评价',
        serviceItemCode: 'ZJ-001',
        fundingSource: 'fiscal',
        description: '编制东坡区滨江大道改造工程环境影响报告表，并配合完成技术评审。',
        ceilingPriceFen: 8_000_000,
        floorPriceFen: 1_000_000,
        method: 'lowest_price',
        deadline: DEADLINE,
      })
      .withGuard('api')
      .loginAs(owner)
    const id = draft.body().id as number
    await client.post(`/api/v1/projects/${id}/publish`).withGuard('api').loginAs(owner)
    const bidders = await Promise.all(
      [1, 5].map((n) => User.findByOrFail('email', `agency${n}@demo.example.com`))
    )
    const tokens: string[] = []
    for (const bidder of bidders) {
      const token = await User.accessTokens.create(bidder)
      tokens.push(token.value!.release())
    }
    // A first bid warms what is warmed once per process.
    await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 7_000_000 })
      .bearerToken(tokens[0])
    let status = 0
    let bodyText = ''
    const sent = await statementsOf(async () => {
      const placed = await client
        .post(`/api/v1/projects/${id}/bids`)
        .json({ quoteFen: 7_654_321 })
        .bearerToken(tokens[1])
      status = placed.status()
      bodyText = placed.text()
    })
    assert.equal(status, 201, bodyText)
    // Each statement as its verb and table (a select: the table of its outermost FROM, the last one).
    const kinds = sent.map((sql) => {
      const verb = sql.trim().split(/\s+/)[0].toLowerCase()
      if (verb === 'select') return `select ${[...sql.matchAll(/from `(\w+)`/g)].at(-1)?.[1]}`
      if (verb === 'insert') return `insert into ${/into `(\w+)`/.exec(sql)?.[1]}`
      return `${verb} ${/`(\w+)`/.exec(sql)?.[1]}`
    })
    assert.deepEqual(
      kinds,
      [
        // The API token with its user, and its last use (written once a minute at most).
        'select auth_access_tokens',
        'update auth_access_tokens',
        // The project (read once, locked for share) and the agency (locked).
        'select projects',
        'select organizations',
        // The eligibility facts in one statement, with the item's department and required
        // qualification (for the named team, 项目负责人), the agency's USCC, the project's rule
        // version, the integrity facts (回避: declaration, register, serving officials), its
        // previous bid and whether it confirmed as a member of another bid. Then the bid.
        'select service_items',
        'insert into bids',
        // Its project queued for the collusion signals' facts (a row of its own: no lock shared
        // with the other bids of the storm; the tick folds the queue).
        'insert into signal_pending',
        // The audit chain: its head (locked), the event, the new head.
        'select audit_chain',
        'insert into audit_events',
        'update audit_chain',
      ],
      sent.join('\n')
    )
    // The ceiling, so that a statement added to the path fails here whatever its table.
    assert.isAtMost(sent.length, 10)
  })
})
