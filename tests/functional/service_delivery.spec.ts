// Assertions read best as `(await serviceOf(id)).clock`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import Organization from '#models/organization'
import Department from '#models/department'
import { renameDepartment } from '#actions/departments/departments'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import { verifyAuditLog } from '#services/audit_log'
import { createUserWithRole, createRegulatorOf } from '#database/factories/account_factories'
import {
  demoAgency,
  demoOwner,
  placeBids,
  publishedProject,
  signedProject,
  SIGNED_PROJECT_WORLD,
} from '#tests/selection_fixtures'
import { disguisedProgram, textDocx, textFile, textPdf } from '#tests/file_fixtures'

const NOW = new Date('2026-09-29T02:00:00Z')
/** Signed Wed 14 Oct 00:00 Beijing; 30 working days end on Wed 25 Nov. */
const DUE = '2026-11-25T16:00:00.000Z'
const beijing = (isoLocal: string) => new Date(`${isoLocal}+08:00`)

function api(client: any, method: 'get' | 'post', url: string, user: User) {
  return client[method](url).withGuard('api').loginAs(user)
}

async function serviceOf(client: any, contractId: number) {
  const response = await api(
    client,
    'get',
    `/api/v1/contracts/${contractId}/service`,
    await demoOwner()
  )
  response.assertStatus(200)
  return response.body()
}

async function deliver(client: any, contractId: number, files: string[], user?: User) {
  let request = client
    .post(`/api/v1/contracts/${contractId}/deliverables`)
    .field('summary', '环境影响报告表（送审稿）及附图')
  for (const file of files) request = request.file('files[]', file)
  return request.withGuard('api').loginAs(user ?? (await demoAgency(5)))
}

async function creditScoreOf(organizationId: number) {
  const row = await db
    .from('agency_profiles')
    .where('organization_id', organizationId)
    .select('credit_score')
    .firstOrFail()
  return Number(row.credit_score)
}

/** A regulator of the department approving ZJ-001 (市生态环境局). */
function environmentBureau() {
  return createRegulatorOf('市生态环境局')
}

test.group('Service delivery: the clock, deliverables, acceptance', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld(SIGNED_PROJECT_WORLD)
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('signing starts the clock: 30 working days; the owner pauses for 补正 and the stopped working days move the due date; others cannot pause', async ({
    client,
    assert,
  }) => {
    const { projectId, contractId } = await signedProject(client)
    const started = await serviceOf(client, contractId)
    assert.equal(started.projectStatus, 'in_service')
    assert.equal(started.clock.timeLimitWorkingDays, 30)
    assert.equal(new Date(started.clock.dueAt).toISOString(), DUE)
    assert.equal(started.clock.remainingWorkingDays, 30)

    ;(
      await api(client, 'post', `/api/v1/contracts/${contractId}/pause`, await demoAgency(5)).json({
        reason: '等待业主提供项目选址资料',
      })
    ).assertStatus(403)
    const stranger = await createUserWithRole('owner')
    ;(
      await api(client, 'post', `/api/v1/contracts/${contractId}/pause`, stranger).json({
        reason: '等待业主提供项目选址资料',
      })
    ).assertStatus(403)
    const noReason = await api(
      client,
      'post',
      `/api/v1/contracts/${contractId}/pause`,
      await demoOwner()
    ).json({ reason: '' })
    noReason.assertStatus(422)
    assert.equal(noReason.body().errors[0].field, 'reason')

    clock.freeze(beijing('2026-10-19T10:00:00'))
    const paused = await api(
      client,
      'post',
      `/api/v1/contracts/${contractId}/pause`,
      await demoOwner()
    ).json({
      reason: '等待业主提供项目选址资料',
    })
    paused.assertStatus(200)
    assert.equal(paused.body().clock.paused.reason, '等待业主提供项目选址资料')
    ;(
      await api(client, 'post', `/api/v1/contracts/${contractId}/pause`, await demoOwner()).json({
        reason: '再次暂停',
      })
    ).assertStatus(409)
    const whilePaused = await deliver(client, contractId, [await textFile('报告正文')])
    whilePaused.assertStatus(409)

    clock.freeze(beijing('2026-10-21T10:00:00'))
    const resumed = await api(
      client,
      'post',
      `/api/v1/contracts/${contractId}/resume`,
      await demoOwner()
    )
    resumed.assertStatus(200)
    assert.equal(resumed.body().clock.stoppedWorkingDays, 2)
    assert.equal(new Date(resumed.body().clock.dueAt).toISOString(), '2026-11-27T16:00:00.000Z')
    assert.isNull(resumed.body().clock.paused)
    ;(
      await api(client, 'post', `/api/v1/contracts/${contractId}/resume`, await demoOwner())
    ).assertStatus(409)
    assert.deepEqual(
      resumed
        .body()
        .executionLog.map((entry: any) => entry.action)
        .slice(-3),
      ['service.started', 'service.paused', 'service.resumed']
    )
    // The agency sees the same clock; the project page shows the project in service.
    const agencyView = await api(
      client,
      'get',
      `/api/v1/contracts/${contractId}/service`,
      await demoAgency(5)
    )
    assert.equal(agencyView.body().clock.dueAt, resumed.body().clock.dueAt)
    assert.equal((await client.get(`/api/v1/projects/${projectId}`)).body().status, 'in_service')
  })

  test('the agency delivers PDF, DOCX and TXT with their text kept; a disguised program or no file is refused and nothing is written; the owner returns with a reason, then accepts', async ({
    client,
    assert,
  }) => {
    const { projectId, contractId } = await signedProject(client)
    const refused = await deliver(client, contractId, [await disguisedProgram()])
    refused.assertStatus(422)
    // Recognised as a program by its first bytes, whatever its name says.
    assert.oneOf(refused.body().errors[0].rule, ['file.extname', 'file.contentType'])
    const noFile = await client
      .post(`/api/v1/contracts/${contractId}/deliverables`)
      .json({ summary: '没有文件' })
      .withGuard('api')
      .loginAs(await demoAgency(5))
    noFile.assertStatus(422)
    const byOwner = await deliver(client, contractId, [await textFile('x')], await demoOwner())
    byOwner.assertStatus(403)
    assert.equal((await db.from('deliverables').count('* as n').first()).n, 0)

    clock.freeze(beijing('2026-11-02T09:00:00'))
    const first = await deliver(client, contractId, [
      await textPdf('Binjiang avenue environmental impact report'),
      await textDocx('滨江大道改造工程环境影响报告表'),
    ])
    first.assertStatus(201)
    assert.equal(first.body().projectStatus, 'delivered')
    assert.equal(first.body().deliverables[0].round, 1)
    assert.lengthOf(first.body().deliverables[0].files, 2)
    const texts = await db.from('deliverable_files').orderBy('id').select('text_content')
    assert.equal(texts[0].text_content, 'Binjiang avenue environmental impact report')
    assert.equal(texts[1].text_content, '滨江大道改造工程环境影响报告表')
    // Not a second submission while the first is under review.
    ;(await deliver(client, contractId, [await textFile('又一份')])).assertStatus(409)

    clock.freeze(beijing('2026-11-04T09:00:00'))
    const returned = await api(
      client,
      'post',
      `/api/v1/contracts/${contractId}/return`,
      await demoOwner()
    ).json({
      reason: '缺少声环境影响预测章节',
    })
    returned.assertStatus(200)
    assert.equal(returned.body().projectStatus, 'in_service')
    assert.equal(returned.body().deliverables[0].status, 'returned')
    assert.equal(returned.body().deliverables[0].returnReason, '缺少声环境影响预测章节')
    // The owner's review (Tue 3 and Wed 4 Nov) does not count against the agency.
    assert.equal(returned.body().clock.stoppedWorkingDays, 2)

    const second = await deliver(client, contractId, [await textFile('补充了声环境影响预测章节。')])
    second.assertStatus(201)
    assert.equal(second.body().deliverables[0].round, 2)
    const byAgency = await api(
      client,
      'post',
      `/api/v1/contracts/${contractId}/accept`,
      await demoAgency(5)
    )
    byAgency.assertStatus(403)
    const accepted = await api(
      client,
      'post',
      `/api/v1/contracts/${contractId}/accept`,
      await demoOwner()
    )
    accepted.assertStatus(200)
    assert.equal(accepted.body().projectStatus, 'accepted')
    assert.equal(accepted.body().deliverables[0].status, 'accepted')
    // The evaluation window: 15 working days (Wednesday 4 November → the end of Wednesday 25 November).
    assert.equal(
      new Date(accepted.body().evaluationDueAt).toISOString(),
      '2026-11-25T16:00:00.000Z'
    )
    assert.includeMembers(
      accepted.body().executionLog.map((entry: any) => entry.action),
      ['service.delivered', 'service.returned', 'service.accepted']
    )
    ;(
      await api(client, 'post', `/api/v1/contracts/${contractId}/accept`, await demoOwner())
    ).assertStatus(409)
    assert.equal((await client.get(`/api/v1/projects/${projectId}`)).body().status, 'accepted')
    assert.isTrue((await verifyAuditLog()).valid)
  })

  test('past the due date the service is overdue once, as a credit event on the agency; a paused service is not', async ({
    client,
    assert,
  }) => {
    const { contractId } = await signedProject(client)
    const agency = await demoAgency(5)
    const before = await creditScoreOf(agency.organizationId)
    clock.freeze(beijing('2026-11-20T10:00:00'))
    ;(
      await api(client, 'post', `/api/v1/contracts/${contractId}/pause`, await demoOwner()).json({
        reason: '等待业主补充监测数据',
      })
    ).assertStatus(200)
    clock.freeze(new Date('2026-11-25T16:00:01Z'))
    assert.equal((await runTick()).servicesOverdue, 0, 'a paused service is not overdue')
    // Resumed Thu 26 Nov: Mon 23 to Thu 26 stood still, the due date moves to the end of Tue 1 Dec.
    const resumed = await api(
      client,
      'post',
      `/api/v1/contracts/${contractId}/resume`,
      await demoOwner()
    )
    assert.equal(new Date(resumed.body().clock.dueAt).toISOString(), '2026-12-01T16:00:00.000Z')
    clock.freeze(new Date('2026-12-01T15:59:00Z'))
    assert.equal((await runTick()).servicesOverdue, 0)
    clock.freeze(new Date('2026-12-01T16:00:01Z'))
    assert.equal((await runTick()).servicesOverdue, 1)
    assert.equal((await runTick()).servicesOverdue, 0)
    assert.equal(await creditScoreOf(agency.organizationId), before - 5)
    const service = await serviceOf(client, contractId)
    assert.isNotNull(service.clock.overdueAt)
    assert.equal(service.clock.remainingWorkingDays, -1)
    const events = await db.from('credit_events').where('type', 'overdue')
    assert.lengthOf(events, 1)
    assert.equal(events[0].evidence_type, 'contract')
    assert.equal(Number(events[0].evidence_id), contractId)
  })
})

test.group('Evaluations, approval outcome and follow-ups', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld(SIGNED_PROJECT_WORLD)
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  async function acceptedContract(client: any) {
    const ids = await signedProject(client)
    clock.freeze(beijing('2026-11-02T09:00:00'))
    ;(await deliver(client, ids.contractId, [await textFile('报告正文')])).assertStatus(201)
    ;(
      await api(client, 'post', `/api/v1/contracts/${ids.contractId}/accept`, await demoOwner())
    ).assertStatus(200)
    return ids
  }

  test('a bad rating costs credit and opens a follow-up that regulators take through 整改, 督办, 回访 in order; the agency replies once', async ({
    client,
    assert,
  }) => {
    const { contractId } = await acceptedContract(client)
    const agency = await demoAgency(5)
    const before = await creditScoreOf(agency.organizationId)
    const invalid = await api(
      client,
      'post',
      `/api/v1/contracts/${contractId}/evaluate`,
      await demoOwner()
    ).json({
      quality: 6,
      timeliness: 0,
      attitude: 'good',
      feeCompliance: 3,
    })
    invalid.assertStatus(422)
    assert.sameMembers(
      invalid.body().errors.map((error: any) => error.field),
      ['quality', 'timeliness', 'attitude']
    )
    const rating = {
      quality: 2,
      timeliness: 4,
      attitude: 3,
      feeCompliance: 5,
      comment: '报告质量差',
    }
    const byAgency = await api(
      client,
      'post',
      `/api/v1/contracts/${contractId}/evaluate`,
      agency
    ).json(rating)
    byAgency.assertStatus(403)
    const given = await api(
      client,
      'post',
      `/api/v1/contracts/${contractId}/evaluate`,
      await demoOwner()
    ).json(rating)
    given.assertStatus(201)
    assert.equal(given.body().quality, 2)
    ;(
      await api(client, 'post', `/api/v1/contracts/${contractId}/evaluate`, await demoOwner()).json(
        rating
      )
    ).assertStatus(409)
    assert.equal(await creditScoreOf(agency.organizationId), before - 5)

    const reply = await api(
      client,
      'post',
      `/api/v1/evaluations/${given.body().id}/reply`,
      agency
    ).json({
      text: '已按意见修改完善报告。',
    })
    reply.assertStatus(200)
    assert.equal(reply.body().reply, '已按意见修改完善报告。')
    ;(
      await api(client, 'post', `/api/v1/evaluations/${given.body().id}/reply`, agency).json({
        text: '再答复一次',
      })
    ).assertStatus(409)
    ;(
      await api(
        client,
        'post',
        `/api/v1/evaluations/${given.body().id}/reply`,
        await demoOwner()
      ).json({
        text: '业主不能答复',
      })
    ).assertStatus(403)

    const regulator = await User.findByOrFail('email', 'regulator@demo.example.com')
    const cases = await api(client, 'get', '/api/v1/regulator/follow-ups', regulator)
    cases.assertStatus(200)
    assert.lengthOf(cases.body().data, 1)
    const caseId = cases.body().data[0].id
    assert.equal(cases.body().data[0].status, 'open')
    const step = (name: string, user: User = regulator) =>
      api(client, 'post', `/api/v1/regulator/follow-ups/${caseId}/steps`, user).json({
        step: name,
        date: '2026-11-05',
        note: `${name}：已电话联系机构负责人`,
      })
    ;(await step('rectification', agency)).assertStatus(403)
    ;(await step('revisit')).assertStatus(409)
    ;(await step('rectification')).assertStatus(201)
    ;(await step('supervision')).assertStatus(201)
    const closed = await step('revisit')
    closed.assertStatus(201)
    assert.equal(closed.body().status, 'closed')
    ;(await step('supervision')).assertStatus(409)
    const done = await api(client, 'get', '/api/v1/regulator/follow-ups?status=closed', regulator)
    assert.deepEqual(
      done.body().data[0].steps.map((entry: any) => [entry.step, entry.date]),
      [
        ['rectification', '2026-11-05'],
        ['supervision', '2026-11-05'],
        ['revisit', '2026-11-05'],
      ]
    )
    // The evaluation and the reply are public on the agency's page.
    const page = await client.get(`/agencies/${agency.organizationId}`)
    assert.include(page.text(), '报告质量差')
    assert.include(page.text(), '已按意见修改完善报告。')
  })

  test('silence within the window is a default good rating worth no credit points (自主自愿), and the project closes; the agency rates the owner, which is public', async ({
    client,
    assert,
  }) => {
    const { projectId, contractId } = await acceptedContract(client)
    const agency = await demoAgency(5)
    const before = await creditScoreOf(agency.organizationId)
    const rated = await api(
      client,
      'post',
      `/api/v1/contracts/${contractId}/evaluate-owner`,
      agency
    ).json({
      cooperation: 5,
      paymentTimeliness: 4,
      comment: '资料提供及时',
    })
    rated.assertStatus(201)
    ;(
      await api(client, 'post', `/api/v1/contracts/${contractId}/evaluate-owner`, agency).json({
        cooperation: 1,
        paymentTimeliness: 1,
      })
    ).assertStatus(409)

    clock.freeze(new Date('2026-11-25T16:00:01Z'))
    const late = await api(
      client,
      'post',
      `/api/v1/contracts/${contractId}/evaluate`,
      await demoOwner()
    ).json({
      quality: 5,
      timeliness: 5,
      attitude: 5,
      feeCompliance: 5,
    })
    late.assertStatus(409)
    assert.include(late.body().errors[0].message, '15')
    const report = await runTick()
    assert.equal(report.evaluationsDefaulted, 1)
    // Counted in the statistics, never in credit: an all-5 default used to be worth +1.
    assert.equal(await creditScoreOf(agency.organizationId), before)
    assert.lengthOf(
      await db
        .from('credit_events')
        .where('organization_id', agency.organizationId)
        .where('type', 'evaluation_good'),
      0
    )
    const service = await serviceOf(client, contractId)
    assert.equal(service.evaluations.ofAgency.origin, 'default')
    assert.equal(service.evaluations.ofAgency.quality, 5)
    assert.equal((await runTick()).projectsClosed, 1)
    assert.equal((await client.get(`/api/v1/projects/${projectId}`)).body().status, 'closed')
    // The closed project's electronic archive was sealed in that tick, and is not sealed again.
    await runTick()
    const archives = await db.from('project_archives').where('project_id', projectId)
    assert.lengthOf(archives, 1)
    assert.equal(archives[0].project_status, 'closed')

    const owner = await demoOwner()
    const page = await client.get(`/organizations/${owner.organizationId}`)
    assert.include(page.text(), '资料提供及时')
  })

  test('only the approving department records the approval outcome, once; passed first time earns credit', async ({
    client,
    assert,
  }) => {
    const { contractId } = await acceptedContract(client)
    const agency = await demoAgency(5)
    const before = await creditScoreOf(agency.organizationId)
    const otherRegulator = await User.findByOrFail('email', 'regulator@demo.example.com')
    const outcome = { outcome: 'passed' }
    ;(
      await api(
        client,
        'post',
        `/api/v1/contracts/${contractId}/record-approval`,
        otherRegulator
      ).json(outcome)
    ).assertStatus(403)
    ;(
      await api(
        client,
        'post',
        `/api/v1/contracts/${contractId}/record-approval`,
        await demoOwner()
      ).json(outcome)
    ).assertStatus(403)
    const bureau = await environmentBureau()
    const missing = await api(
      client,
      'post',
      `/api/v1/contracts/${contractId}/record-approval`,
      bureau
    ).json({
      outcome: 'corrections',
    })
    missing.assertStatus(422)
    assert.equal(missing.body().errors[0].field, 'corrections')
    const recorded = await api(
      client,
      'post',
      `/api/v1/contracts/${contractId}/record-approval`,
      bureau
    ).json(outcome)
    recorded.assertStatus(200)
    assert.deepInclude(recorded.body().approval, { outcome: 'passed', corrections: 0 })
    assert.equal(await creditScoreOf(agency.organizationId), before + 2)
    ;(
      await api(client, 'post', `/api/v1/contracts/${contractId}/record-approval`, bureau).json({
        outcome: 'rejected',
      })
    ).assertStatus(409)
  })

  test('the approval outcome goes by the department id: a regulator whose organisation is merely named after the department is refused; after the department is renamed its regulator still records', async ({
    client,
    assert,
  }) => {
    const { contractId } = await acceptedContract(client)
    const namesake = await createUserWithRole('regulator')
    await Organization.query()
      .where('id', namesake.organizationId)
      .update({ name: '眉山市生态环境局' })
    const url = `/api/v1/contracts/${contractId}/record-approval`
    ;(await api(client, 'post', url, namesake).json({ outcome: 'passed' })).assertStatus(403)

    const bureau = await environmentBureau()
    const department = await Department.findOrFail(bureau.departmentId!)
    await renameDepartment(
      department,
      { name: '市生态环境保护局', regionCode: '511400', reason: '机构改革更名' },
      null
    )
    const item = await db.from('service_items').where('code', 'ZJ-001').first()
    assert.equal(item.approval_department, '市生态环境保护局')
    const recorded = await api(client, 'post', url, bureau).json({ outcome: 'passed' })
    recorded.assertStatus(200)
    assert.equal(recorded.body().approval.outcome, 'passed')
  })

  test('服务双评价: the approving department rates the report beside the owner, with a weight of its own in credit; with the owner’s given rating they make the annual composite, published with its breakdown', async ({
    client,
    assert,
  }) => {
    const { contractId } = await acceptedContract(client)
    const agency = await demoAgency(5)
    const before = await creditScoreOf(agency.organizationId)
    ;(
      await api(client, 'post', `/api/v1/contracts/${contractId}/evaluate`, await demoOwner()).json(
        {
          quality: 4,
          timeliness: 4,
          attitude: 5,
          feeCompliance: 3,
        }
      )
    ).assertStatus(201)
    const bureau = await environmentBureau()
    const halfRated = await api(
      client,
      'post',
      `/api/v1/contracts/${contractId}/record-approval`,
      bureau
    ).json({ outcome: 'passed', departmentQuality: 5 })
    halfRated.assertStatus(422)
    assert.equal(halfRated.body().errors[0].field, 'departmentTimeliness')
    ;(
      await api(client, 'post', `/api/v1/contracts/${contractId}/record-approval`, bureau).json({
        outcome: 'passed',
        departmentQuality: 6,
        departmentTimeliness: 4,
      })
    ).assertStatus(422)
    const recorded = await api(
      client,
      'post',
      `/api/v1/contracts/${contractId}/record-approval`,
      bureau
    ).json({
      outcome: 'corrections',
      corrections: 1,
      departmentQuality: 5,
      departmentTimeliness: 4,
    })
    recorded.assertStatus(200)
    assert.deepEqual(recorded.body().approval.departmentRating, { quality: 5, timeliness: 4 })
    // The owner's mean 4 earns +1; the department's mean 4.5 earns +2 (its own rule); 补正 nothing.
    const score = await creditScoreOf(agency.organizationId)
    assert.equal(score, before + 3)
    const types = await db
      .from('credit_events')
      .where('organization_id', agency.organizationId)
      .orderBy('id')
      .select('type')
    assert.deepEqual(
      types.map((row) => row.type),
      ['evaluation_good', 'department_rating_good']
    )
    // Department 4.5 → 90 × 70 %, public credit × 10 %, owners 4 → 80 × 20 %.
    const profile = await client.get(`/api/v1/agencies/${agency.organizationId}`)
    const composite = profile.body().annualEvaluation
    assert.equal(composite.year, 2026)
    assert.deepEqual(
      composite.parts.map((part: any) => [part.part, part.value, part.weight]),
      [
        ['department', 90, 70],
        ['publicCredit', score, 10],
        ['owners', 80, 20],
      ]
    )
    assert.equal(composite.score, Math.round((63 + score / 10 + 16) * 100) / 100)
    const page = await client.get(`/agencies/${agency.organizationId}`)
    page.assertTextIncludes('2026 年度综合信用评价')
    page.assertTextIncludes('审批部门评价')
  })

  test('a scored selection after the item’s first rating scores the unrated agency with the item’s median, not the neutral 3, and says so', async ({
    client,
    assert,
  }) => {
    const { contractId } = await acceptedContract(client)
    // Agency 5 is rated 4, 4, 5, 3 by the owner: mean 4.
    ;(
      await api(client, 'post', `/api/v1/contracts/${contractId}/evaluate`, await demoOwner()).json(
        {
          quality: 4,
          timeliness: 4,
          attitude: 5,
          feeCompliance: 3,
        }
      )
    ).assertStatus(201)
    const projectId = await publishedProject(client, {
      method: 'scored',
      weights: { price: 60, credit: 20, performance: 20, plan: 0 },
      deadline: '2026-11-20T04:00:00Z',
    })
    await placeBids(client, projectId, [
      [5, 5_000_000],
      [6, 5_000_000],
    ])
    clock.freeze(new Date('2026-11-20T04:00:01Z'))
    await runTick()
    const project = (await client.get(`/api/v1/projects/${projectId}`)).body()
    assert.equal(project.result.newcomerRating, 4)
    const five = await demoAgency(5)
    const six = await demoAgency(6)
    const scoreOf = (agency: User) =>
      project.result.bids.find((entry: any) => entry.agencyId === agency.organizationId).score
    const credit5 = await creditScoreOf(five.organizationId)
    const credit6 = await creditScoreOf(six.organizationId)
    // Equal quotes: price 60 each; credit score / 100 × 20; performance 4 / 5 × 20 = 16 for both.
    assert.equal(scoreOf(five), Math.round((60 + (credit5 / 100) * 20 + 16) * 100) / 100)
    assert.equal(scoreOf(six), Math.round((60 + (credit6 / 100) * 20 + 16) * 100) / 100)
    const page = await client.get(`/projects/${projectId}`)
    page.assertTextIncludes('评价中位数 4.00 分')
  })

  test('before acceptance there is no evaluation or approval outcome', async ({ client }) => {
    const { contractId } = await signedProject(client)
    ;(
      await api(client, 'post', `/api/v1/contracts/${contractId}/evaluate`, await demoOwner()).json(
        {
          quality: 5,
          timeliness: 5,
          attitude: 5,
          feeCompliance: 5,
        }
      )
    ).assertStatus(409)
    ;(
      await api(
        client,
        'post',
        `/api/v1/contracts/${contractId}/record-approval`,
        await environmentBureau()
      ).json({
        outcome: 'passed',
      })
    ).assertStatus(409)
  })
})
