// Assertions read best as `(await client.get(…)).text()`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createUserWithRole } from '#database/factories/account_factories'
import { signedContract } from '#tests/payment_fixtures'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'

/** The count a dashboard shows for one to-do group. */
function countOf(html: string, group: string) {
  const match = new RegExp(`data-todo="${group}">(\\d+)<`).exec(html)
  if (!match) throw new Error(`no to-do group ${group} on the page`)
  return Number(match[1])
}

// Mon 2 Nov 2026, 10:00 Beijing: an ordinary week, no holiday before Friday.
const MONDAY = new Date('2026-11-02T02:00:00Z')

test.group('Dashboards are to-do lists', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    clock.freeze(MONDAY)
    return () => clock.unfreeze()
  })

  test('the owner sees contracts to sign and milestones to pay, with counts; another owner sees none of them', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithRole('owner')
    const inForce = await signedContract({ owner })
    const toSign = await signedContract({ owner, status: 'drafting' })

    const html = (await client.get('/dashboard/owner').loginAs(owner)).text()
    assert.equal(countOf(html, 'toSign'), 1)
    assert.equal(countOf(html, 'toPay'), 2)
    assert.equal(countOf(html, 'drafts'), 0)
    assert.include(html, `href="/contracts/${toSign.contract.id}"`)
    assert.include(html, `href="/contracts/${inForce.contract.id}"`)
    assert.include(html, '待签署的合同')
    assert.include(html, '暂无')
    assert.notInclude(html, '即将开放')

    const stranger = await createUserWithRole('owner')
    const other = (await client.get('/dashboard/owner').loginAs(stranger)).text()
    assert.equal(countOf(other, 'toSign'), 0)
    assert.equal(countOf(other, 'toPay'), 0)
    assert.notInclude(other, `/contracts/${toSign.contract.id}"`)
  })

  test('a contract leaves a side’s list once that side has signed the current revision, and stays on the other’s', async ({
    client,
    assert,
  }) => {
    const { owner, agency, contract } = await signedContract({ status: 'drafting' })
    await db.table('contract_signatures').insert({
      contract_id: contract.id,
      organization_id: agency.organizationId,
      user_id: agency.id,
      revision: 1,
      text_hash: '0'.repeat(64),
      signed_at: sqlTime(MONDAY),
      ip: '127.0.0.1',
      user_agent: 'test',
    })
    await db.from('contracts').where('id', contract.id).update({ status: 'signing' })
    assert.equal(
      countOf((await client.get('/dashboard/agency').loginAs(agency)).text(), 'toSign'),
      0
    )
    assert.equal(countOf((await client.get('/dashboard/owner').loginAs(owner)).text(), 'toSign'), 1)

    // A new revision voids the agency's signature: it is on the agency's list again.
    await db.from('contracts').where('id', contract.id).update({ revision: 2, status: 'drafting' })
    assert.equal(
      countOf((await client.get('/dashboard/agency').loginAs(agency)).text(), 'toSign'),
      1
    )
  })

  test('the agency sees a delivery due with the working days left, and an overdue one as overdue', async ({
    client,
    assert,
  }) => {
    const agency = await createUserWithRole('agency')
    const soon = await signedContract({ agency })
    const late = await signedContract({ agency })
    await db
      .from('projects')
      .whereIn('id', [soon.projectId, late.projectId])
      .update({ status: 'in_service' })
    // Due when Fri 6 Nov ends in Beijing: Tue, Wed, Thu and Fri are left.
    await db
      .from('contracts')
      .where('id', soon.contract.id)
      .update({ service_due_at: sqlTime(new Date('2026-11-06T15:59:59Z')) })
    await db
      .from('contracts')
      .where('id', late.contract.id)
      .update({ service_due_at: sqlTime(new Date('2026-10-30T16:00:00Z')) })

    const html = (await client.get('/dashboard/agency').loginAs(agency)).text()
    assert.equal(countOf(html, 'deliveries'), 2)
    assert.include(html, '剩余 4 个工作日')
    assert.include(html, '已逾期（期限 2026-10-30 24:00）')
    assert.equal(countOf(html, 'opportunities'), 0)
  })

  test('the regulator’s desk counts open complaints and the admin’s counts accounts; no dashboard promises features to come', async ({
    client,
    assert,
  }) => {
    const regulator = await createUserWithRole('regulator')
    const filed = await client.post('/api/v1/complaints').json({
      category: 'fee_violation',
      text: '该机构在报告编制中另行收取加急费两万元，未列入合同。',
    })
    filed.assertStatus(201)
    const desk = (await client.get('/dashboard/regulator').loginAs(regulator)).text()
    assert.equal(countOf(desk, 'complaints'), 1)
    assert.include(desk, '待分派')
    assert.equal(countOf(desk, 'overdue'), 0)

    const admin = await createUserWithRole('admin')
    await createUserWithRole('agency')
    const adminDesk = (await client.get('/dashboard/admin').loginAs(admin)).text()
    const [{ total }] = await db.from('users').count('* as total')
    assert.equal(countOf(adminDesk, 'accounts'), Number(total))
    for (const page of [desk, adminDesk]) assert.notInclude(page, '即将开放')
  })
})
