// Assertions read best as `(await ContractTermination.findByOrFail(…)).status`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createUserWithRole } from '#database/factories/account_factories'
import ContractTermination from '#models/contract_termination'
import Payment from '#models/payment'
import type User from '#models/user'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import { signedContract } from '#tests/payment_fixtures'
import { deliverStripeWebhooks, intentOf, resetStripeMock, stripeEvent } from '#tests/stripe'

const api = (client: any, method: 'get' | 'post', url: string, user: User) =>
  client[method](url).withGuard('api').loginAs(user)

/** Pays a milestone in full through the payment machinery and Stripe's webhook. */
async function paid(client: any, owner: User, milestoneId: number) {
  const created = await api(client, 'post', `/api/v1/milestones/${milestoneId}/payments`, owner)
  created.assertStatus(201)
  const paymentId = created.body().paymentId
  await api(client, 'post', `/api/v1/payments/${paymentId}/confirm`, owner).json({
    paymentMethod: 'pm_card_visa',
  })
  const payment = await Payment.findOrFail(paymentId)
  await deliverStripeWebhooks(() => [
    stripeEvent('payment_intent.succeeded', intentOf(payment, 'succeeded')),
  ])
  return paymentId as number
}

/** A signed contract of two milestones, both paid, the first one's work accepted by the owner. */
async function paidContract(client: any) {
  const world = await signedContract({ milestones: [3_000_000, 2_000_000] })
  const [first, second] = world.milestones
  await paid(client, world.owner, first.id)
  await paid(client, world.owner, second.id)
  const accepted = await api(client, 'post', `/api/v1/milestones/${first.id}/accept`, world.owner)
  accepted.assertStatus(200)
  assert200Accepted(accepted.body())
  return { ...world, first, second, regulator: await createUserWithRole('regulator') }
}

function assert200Accepted(body: { acceptedAt: string | null }) {
  if (!body.acceptedAt) throw new Error('the milestone was not accepted')
}

const refundedMilestones = (body: { refunds: { refunds: { milestoneId: number }[] } }) =>
  body.refunds.refunds.map((refund) => refund.milestoneId).sort((a, b) => a - b)

const contractAudit = async (contractId: number) =>
  (
    await db
      .from('audit_events')
      .where('subject_type', 'contract')
      .where('subject_id', String(contractId))
      .orderBy('id')
  ).map((row: { action: string }) => row.action)

test.group('Two-sided termination (合同解除)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetStripeMock())
  group.each.teardown(() => clock.unfreeze())

  test('the owner terminates for breach naming the clause; the agency contests in the window; a regulator upholds: only the milestone not accepted is refunded', async ({
    client,
    assert,
  }) => {
    const { owner, agency, contract, first, second, regulator, projectId } =
      await paidContract(client)
    const url = `/api/v1/contracts/${contract.id}`

    const unnamed = await api(client, 'post', `${url}/terminate`, owner).json({
      ground: 'breach',
      statement: '乙方逾期未提交报告',
    })
    unnamed.assertStatus(422)
    assert.equal(unnamed.body().errors[0].field, 'breachClause')
    const unknownGround = await api(client, 'post', `${url}/terminate`, owner).json({
      ground: 'whim',
      statement: '不想要了',
    })
    unknownGround.assertStatus(422)

    const ended = await api(client, 'post', `${url}/terminate`, owner).json({
      ground: 'breach',
      breachClause: '第五条第二款：乙方应在 20 个工作日内提交报告；逾期 15 个工作日未提交',
      statement: '乙方严重逾期，业主解除合同',
    })
    ended.assertStatus(200)
    assert.equal(ended.body().status, 'terminated')
    assert.equal(ended.body().termination.status, 'contestable')
    assert.isTrue(ended.body().termination.contestOpen)
    assert.isAbove(Date.parse(ended.body().termination.contestDueAt), clock.now().getTime())
    // Nothing is refunded while the agency may still contest.
    assert.deepEqual(ended.body().refunds.refunds, [])
    const project = await db.from('projects').where('id', projectId).first()
    assert.equal(project.status, 'terminated')

    // The agency is told, with the deadline of its window.
    const notice = await db
      .from('notifications')
      .where('organization_id', agency.organizationId)
      .where('kind', 'contract.terminated')
      .first()
    assert.equal(JSON.parse(notice.data).ground, 'breach')

    const byOwner = await api(client, 'post', `${url}/termination/contest`, owner).json({
      reason: '业主自己提出异议',
    })
    byOwner.assertStatus(403)
    const contested = await api(client, 'post', `${url}/termination/contest`, agency).json({
      reason: '报告已于约定期限内提交，业主未予签收',
    })
    contested.assertStatus(200)
    assert.equal(contested.body().status, 'contested')
    assert.isNotNull(contested.body().decisionDueAt)
    const again = await api(client, 'post', `${url}/termination/agree`, agency)
    again.assertStatus(409)

    const listed = await api(client, 'get', '/api/v1/regulator/terminations', regulator)
    listed.assertStatus(200)
    assert.deepEqual(
      listed.body().data.map((row: { contractId: number }) => row.contractId),
      [contract.id]
    )

    const decideUrl = `/api/v1/regulator/contracts/${contract.id}/termination/decide`
    const decision = { decision: 'upheld', reasons: '逾期事实清楚，维持解除' }
    for (const stranger of [owner, agency]) {
      const refused = await api(client, 'post', decideUrl, stranger).json(decision)
      refused.assertStatus(403)
    }
    const decided = await api(client, 'post', decideUrl, regulator).json(decision)
    decided.assertStatus(200)
    assert.equal(decided.body().status, 'decided')
    assert.equal(decided.body().refundScope, 'unaccepted')
    assert.deepEqual(decided.body().refunds.errors, [])
    assert.deepEqual(refundedMilestones(decided.body()), [second.id])
    assert.notInclude(refundedMilestones(decided.body()), first.id)
    const twice = await api(client, 'post', decideUrl, regulator).json(decision)
    twice.assertStatus(409)

    const shown = await api(client, 'get', `${url}/termination`, agency)
    assert.equal(shown.body().termination.decision, 'upheld')
    assert.isNotNull(shown.body().termination.refundsRequestedAt)
    assert.includeMembers(await contractAudit(contract.id), [
      'contract.milestone_accepted',
      'contract.terminated',
      'contract.termination_contested',
      'contract.termination_decided',
      'contract.refunds_requested',
    ])
  })

  test('the agency agrees to a termination by agreement: every paid milestone is refunded, accepted or not', async ({
    client,
    assert,
  }) => {
    const { owner, agency, contract, first, second } = await paidContract(client)
    const url = `/api/v1/contracts/${contract.id}`
    const ended = await api(client, 'post', `${url}/terminate`, owner).json({
      ground: 'agreement',
      statement: '项目取消建设，经双方协商一致解除',
    })
    ended.assertStatus(200)
    const agreed = await api(client, 'post', `${url}/termination/agree`, agency)
    agreed.assertStatus(200)
    assert.equal(agreed.body().status, 'settled')
    assert.equal(agreed.body().refundScope, 'all')
    assert.deepEqual(
      refundedMilestones(agreed.body()),
      [first.id, second.id].sort((a, b) => a - b)
    )
    const contestAfter = await api(client, 'post', `${url}/termination/contest`, agency).json({
      reason: '改变主意了',
    })
    contestAfter.assertStatus(409)
  })

  test('after the window the agency can no longer contest; the tick settles the termination once and refunds only what was not accepted', async ({
    client,
    assert,
  }) => {
    const { owner, agency, contract, second } = await paidContract(client)
    const url = `/api/v1/contracts/${contract.id}`
    await api(client, 'post', `${url}/terminate`, owner).json({
      ground: 'force_majeure',
      statement: '地震致项目所在地无法开展现场工作',
    })
    const termination = await ContractTermination.findByOrFail('contract_id', contract.id)
    clock.freeze(new Date(termination.contestDueAt.toMillis() + 60_000))

    const late = await api(client, 'post', `${url}/termination/contest`, agency).json({
      reason: '异议期后才提出的异议',
    })
    late.assertStatus(409)
    const lateAgree = await api(client, 'post', `${url}/termination/agree`, agency)
    lateAgree.assertStatus(409)

    const report = await runTick()
    assert.equal(report.terminationsSettled, 1)
    assert.equal(report.errors, 0)
    assert.equal((await runTick()).terminationsSettled, 0)
    await termination.refresh()
    assert.equal(termination.status, 'settled')
    assert.equal(termination.refundScope, 'unaccepted')
    assert.isNotNull(termination.refundsRequestedAt)
    const requested = await db
      .from('audit_events')
      .where('subject_type', 'contract')
      .where('subject_id', String(contract.id))
      .where('action', 'contract.refunds_requested')
      .orderBy('id', 'desc')
      .first()
    const payload = JSON.parse(requested.payload)
    assert.deepEqual(
      payload.refunds.map((refund: { milestoneId: number }) => refund.milestoneId),
      [second.id]
    )
  })

  test('a contest a regulator leaves undecided past its limit is marked overdue once and every regulator told', async ({
    client,
    assert,
  }) => {
    const { owner, agency, contract, regulator } = await paidContract(client)
    const url = `/api/v1/contracts/${contract.id}`
    await api(client, 'post', `${url}/terminate`, owner).json({
      ground: 'breach',
      breachClause: '第七条：质量不合格',
      statement: '报告质量不合格',
    })
    await api(client, 'post', `${url}/termination/contest`, agency).json({
      reason: '报告质量符合规范',
    })
    const termination = await ContractTermination.findByOrFail('contract_id', contract.id)
    clock.freeze(new Date(termination.decisionDueAt!.toMillis() + 60_000))
    assert.equal((await runTick()).terminationsOverdue, 1)
    assert.equal((await runTick()).terminationsOverdue, 0)
    const told = await db
      .from('notifications')
      .where('organization_id', regulator.organizationId)
      .where('kind', 'termination.overdue')
    assert.lengthOf(told, 1)
    const desk = await client.get('/regulator/terminations').loginAs(regulator)
    desk.assertStatus(200)
    assert.include(desk.text(), '已超过裁决期限')
    // The regulator's to-do list counts the contest, and it among the overdue items.
    const dashboard = await client.get('/dashboard').loginAs(regulator)
    assert.match(dashboard.text(), /data-todo="terminations">1</)
    assert.match(dashboard.text(), /data-todo="overdue">[1-9]\d*</)
  })

  test('on the contract page the agency sees the window with its deadline and contests with a form; the regulator decides from the page', async ({
    client,
    assert,
  }) => {
    const { owner, agency, contract, regulator } = await paidContract(client)
    const ended = await client
      .post(`/contracts/${contract.id}/terminate`)
      .form({
        ground: 'breach',
        breachClause: '第五条：逾期',
        statement: '乙方逾期提交',
        confirmed: '1',
      })
      .withCsrfToken()
      .loginAs(owner)
      .redirects(0)
    ended.assertStatus(302)
    const page = await client.get(`/contracts/${contract.id}`).loginAs(agency)
    assert.include(page.text(), '异议期内，截止于')
    assert.include(page.text(), '第五条：逾期')
    assert.include(page.text(), 'termination/contest')
    const ownerPage = await client.get(`/contracts/${contract.id}`).loginAs(owner)
    assert.notInclude(ownerPage.text(), 'termination/contest')

    await client
      .post(`/contracts/${contract.id}/termination/contest`)
      .form({ reason: '已按期提交，有签收记录' })
      .withCsrfToken()
      .loginAs(agency)
    const regulatorPage = await client.get(`/contracts/${contract.id}`).loginAs(regulator)
    assert.include(regulatorPage.text(), 'termination/decide')
    const decided = await client
      .post(`/regulator/contracts/${contract.id}/termination/decide`)
      .form({ decision: 'rejected', reasons: '签收记录证明已按期提交', refundScope: '' })
      .withCsrfToken()
      .loginAs(regulator)
      .redirects(0)
    decided.assertStatus(302)
    const termination = await ContractTermination.findByOrFail('contract_id', contract.id)
    assert.equal(termination.decision, 'rejected')
    assert.equal(termination.refundScope, 'none')
  })
})
