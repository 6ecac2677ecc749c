// Assertions read best as `(await list(…)).assertStatus(403)`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { createUserWithRole } from '#database/factories/account_factories'
import FeeRecord from '#models/fee_record'
import type Milestone from '#models/milestone'
import type Contract from '#models/contract'
import type User from '#models/user'
import { signedContract } from '#tests/payment_fixtures'
import { countQueries } from '#tests/helpers'

/** A fee record as the webhook would write it. */
function feeRecord(
  contract: Contract,
  milestone: Milestone | null,
  kind: 'payment' | 'refund' | 'failure',
  amountFen: number,
  day: number
) {
  return FeeRecord.create({
    contractId: contract.id,
    milestoneId: milestone?.id ?? null,
    paymentId: null,
    kind,
    amountFen,
    stripeObjectId: `pi_fee_${contract.id}_${day}`,
    stripeEventId: `evt_fee_${contract.id}_${kind}_${day}_${Math.random()}`,
    occurredAt: DateTime.fromISO('2026-03-01T02:00:00Z').plus({ days: day }),
  })
}

/**
 * A guided-price contract (bounds ¥1,000–¥35,000) at ¥40,000 in two ¥20,000 milestones,
 * whose second milestone is paid twice; and a clean market-price contract.
 */
async function twoContracts() {
  const guided = await signedContract({
    fee: { feeType: 'government_guided', feeMinFen: 100_000, feeMaxFen: 3_500_000 },
    milestones: [2_000_000, 2_000_000],
  })
  await feeRecord(guided.contract, guided.milestones[0], 'failure', 2_000_000, 1)
  await feeRecord(guided.contract, guided.milestones[0], 'payment', 2_000_000, 2)
  await feeRecord(guided.contract, guided.milestones[1], 'payment', 2_000_000, 3)
  await feeRecord(guided.contract, guided.milestones[1], 'payment', 2_000_000, 4)
  const clean = await signedContract({ milestones: [3_000_000, 2_000_000] })
  await feeRecord(clean.contract, clean.milestones[0], 'payment', 3_000_000, 5)
  return { guided, clean }
}

function list(client: any, user: User, qs: Record<string, unknown> = {}) {
  return client.get('/api/v1/regulator/fee-records').qs(qs).withGuard('api').loginAs(user)
}

test.group('Fee records for regulators', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a regulator lists every payment, refund and failure with its flags in words; flagged=true keeps the flagged', async ({
    client,
    assert,
  }) => {
    const regulator = await createUserWithRole('regulator')
    const { guided, clean } = await twoContracts()

    const all = await list(client, regulator)
    all.assertStatus(200)
    assert.equal(all.body().meta.total, 5)
    const newest = all.body().data[0]
    assert.equal(newest.contractId, clean.contract.id)
    assert.deepEqual(newest.flags, [])
    assert.properties(newest, [
      'contractId',
      'projectCode',
      'ownerName',
      'agencyName',
      'kind',
      'amountFen',
      'occurredAt',
      'flags',
    ])
    assert.equal(newest.occurredAt, '2026-03-06T10:00:00.000+08:00')

    const flagged = await list(client, regulator, { flagged: true })
    assert.equal(flagged.body().meta.total, 3)
    const [again, second, first] = flagged.body().data
    assert.isTrue(flagged.body().data.every((row: any) => row.contractId === guided.contract.id))
    assert.deepEqual(
      again.flags.map((flag: any) => flag.code),
      ['overpaid', 'price_out_of_bounds', 'paid_twice']
    )
    assert.deepEqual(
      first.flags.map((flag: any) => flag.code),
      ['price_out_of_bounds']
    )
    assert.equal(second.flags.length, 1)
    assert.equal(again.flags[0].message, '超额收费：累计实付 ¥60,000.00，超过合同价 ¥40,000.00')
    assert.equal(
      again.flags[1].message,
      '合同价 ¥40,000.00 超出政府指导价范围（¥1,000.00 – ¥35,000.00）'
    )
    assert.equal(again.flags[2].message, '重复收费：同一付款节点再次收款')

    const english = await list(client, regulator, { flagged: true }).header('Accept-Language', 'en')
    assert.equal(
      english.body().data[0].flags[2].message,
      'Charged twice: the milestone was already paid'
    )
  })

  test('filters by item and pages', async ({ client, assert }) => {
    const regulator = await createUserWithRole('regulator')
    const { clean } = await twoContracts()
    const item = await clean.contract
      .related('project')
      .query()
      .preload('serviceItem')
      .firstOrFail()
    const byItem = await list(client, regulator, { item: item.serviceItem.code })
    assert.equal(byItem.body().meta.total, 1)
    assert.equal(byItem.body().data[0].contractId, clean.contract.id)

    const paged = await list(client, regulator, { perPage: 2, page: 3 })
    assert.deepEqual(paged.body().meta, { total: 5, page: 3, perPage: 2 })
    assert.lengthOf(paged.body().data, 1)
    ;(await list(client, regulator, { flagged: 'maybe', page: 0 })).assertStatus(422)
  })

  test('split selections: one owner, one item, two direct selections 60 days apart summing above the ¥50,000 threshold', async ({
    client,
    assert,
  }) => {
    const regulator = await createUserWithRole('regulator')
    const first = await signedContract({
      method: 'direct',
      milestones: [3_000_000],
      publishedAt: new Date('2026-01-05T02:00:00Z'),
    })
    const second = await signedContract({
      method: 'direct',
      owner: first.owner,
      serviceItemId: first.serviceItemId,
      milestones: [2_500_000],
      publishedAt: new Date('2026-03-06T02:00:00Z'),
    })
    // The same item directly selected by another owner is nobody's split.
    const otherOwner = await signedContract({
      method: 'direct',
      serviceItemId: first.serviceItemId,
      milestones: [4_000_000],
      publishedAt: new Date('2026-02-01T02:00:00Z'),
    })
    await feeRecord(first.contract, first.milestones[0], 'payment', 3_000_000, 1)
    await feeRecord(second.contract, second.milestones[0], 'payment', 2_500_000, 70)
    await feeRecord(otherOwner.contract, otherOwner.milestones[0], 'payment', 4_000_000, 40)

    const flagged = await list(client, regulator, { flagged: true })
    const contracts = flagged
      .body()
      .data.map((row: any) => row.contractId)
      .sort()
    assert.deepEqual(contracts, [first.contract.id, second.contract.id].sort())
    assert.equal(
      flagged.body().data[0].flags[0].message,
      '疑似拆分规避：同一业主同一事项 90 天内 2 次直接选取，合计 ¥55,000.00，超过直接选取限额 ¥50,000.00'
    )
  })

  test('owners and agencies cannot read fee records', async ({ client }) => {
    await twoContracts()
    ;(await list(client, await createUserWithRole('owner'))).assertStatus(403)
    ;(await list(client, await createUserWithRole('agency'))).assertStatus(403)
    const page = await client
      .get('/regulator/fee-records')
      .loginAs(await createUserWithRole('owner'))
    page.assertStatus(403)
  })

  test('the regulator page shows the records with their flags in words, and exports them as CSV that Excel reads', async ({
    client,
    assert,
  }) => {
    const regulator = await createUserWithRole('regulator')
    const { guided, clean } = await twoContracts()
    const project = await guided.contract.related('project').query().firstOrFail()

    const page = await client
      .get('/regulator/fee-records')
      .qs({ flagged: 'true' })
      .loginAs(regulator)
    page.assertStatus(200)
    page.assertTextIncludes('收费记录')
    page.assertTextIncludes(project.code)
    page.assertTextIncludes('重复收费：同一付款节点再次收款')
    page.assertTextIncludes('¥20,000.00')
    assert.include(page.text(), 'fee-records.csv?flagged=true')

    const csv = await client.get('/regulator/fee-records.csv').loginAs(regulator)
    csv.assertStatus(200)
    assert.match(csv.header('content-type')!, /^text\/csv; charset=utf-8/)
    assert.include(csv.header('content-disposition')!, 'fee-records.csv')
    const text = csv.text()
    assert.equal(text.charCodeAt(0), 0xfeff)
    const lines = text.slice(1).trimEnd().split('\r\n')
    assert.lengthOf(lines, 6)
    assert.equal(
      lines[0],
      '时间（北京时间）,项目编号,合同编号,中介服务事项,项目业主,中介机构,付款节点,类型,金额（元）,Stripe 对象,预警'
    )
    const cleanProject = await clean.contract.related('project').query().firstOrFail()
    assert.match(
      lines[1],
      new RegExp(`^2026-03-06 10:00:00,${cleanProject.code},${clean.contract.id},`)
    )
    assert.include(lines[1], ',付款,30000.00,')
    assert.include(lines[2], '重复收费')

    const flaggedCsv = await client
      .get('/regulator/fee-records.csv')
      .qs({ flagged: 'true' })
      .loginAs(regulator)
    assert.lengthOf(flaggedCsv.text().trimEnd().split('\r\n'), 4)
  })

  test('the list runs the same number of queries however many records there are', async ({
    client,
    assert,
  }) => {
    const regulator = await createUserWithRole('regulator')
    await twoContracts()
    const few = await countQueries(() => list(client, regulator))
    await twoContracts()
    await twoContracts()
    const many = await countQueries(() => list(client, regulator))
    assert.equal(many, few)
  })
})
