import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import { marketWorld } from '#tests/worlds'
import Project from '#models/project'
import User from '#models/user'
import { createUserWithRole } from '#database/factories/account_factories'
import { commitmentOf } from '#domain/verifiable_draw'
import { clock } from '#services/clock'

/** Tue 29 Sep 2026, 10:00 in Beijing: three working days later is Fri 9 Oct (National Day between). */
const NOW = new Date('2026-09-29T02:00:00Z')

function projectPayload(overrides: Record<string, unknown> = {}) {
  return {
    title: '东坡区滨江大道改造工程环境影响评价',
    serviceItemCode: 'ZJ-001',
    description: '编制东坡区滨江大道改造工程环境影响报告表，并配合完成技术评审。',
    deliverables: '环境影响报告表（含附图附件）一式五份及电子版',
    location: '眉山市东坡区',
    fundingSource: 'fiscal',
    ceilingPriceFen: 8_000_000,
    method: 'random',
    deadline: '2026-10-09T04:00:00Z',
    ...overrides,
  }
}

test.group('Projects: drafts, publication, cancellation', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  const owner = () => User.findByOrFail('email', 'owner@demo.example.com')

  test('an owner drafts a project; the draft is visible to its owner only', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/api/v1/projects')
      .json(projectPayload())
      .withGuard('api')
      .loginAs(await owner())
    response.assertStatus(201)
    assert.match(response.body().code, /^XM-\d{4}-\d{6}$/)
    assert.equal(response.body().status, 'draft')

    const anonymous = await client.get(`/api/v1/projects/${response.body().id}`)
    anonymous.assertStatus(404)
    const list = await client.get('/api/v1/projects')
    assert.equal(list.body().meta.total, 0)
    const own = await client
      .get(`/api/v1/projects/${response.body().id}`)
      .withGuard('api')
      .loginAs(await owner())
    own.assertStatus(200)
    assert.equal(own.body().timeLimitWorkingDays, 30)
  })

  test('barriers the seeds forbid are refused, each with its reason', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/api/v1/projects')
      .json(
        projectPayload({
          description: '仅限本地企业报名，注册资本不低于500万元，须具备环评甲级资质。',
        })
      )
      .withGuard('api')
      .loginAs(await owner())
    response.assertStatus(422)
    const rules = response.body().errors.map((error: { rule: string }) => error.rule)
    assert.sameMembers(rules, [
      'project.barrier.region',
      'project.barrier.capital',
      'project.barrier.qualification',
    ])
    const region = response
      .body()
      .errors.find((error: { rule: string }) => error.rule === 'project.barrier.region')
    assert.include(region.message, '本地企业')
    assert.lengthOf(await Project.all(), 0)
  })

  test('a time limit beyond the item, a floor not below the ceiling and naming an agency outside direct selection are refused', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/api/v1/projects')
      .json(
        projectPayload({ timeLimitWorkingDays: 45, floorPriceFen: 9_000_000, directAgencyId: 3 })
      )
      .withGuard('api')
      .loginAs(await owner())
    response.assertStatus(422)
    const fields = response.body().errors.map((error: { field: string }) => error.field)
    assert.sameMembers(fields, ['timeLimitWorkingDays', 'floorPriceFen', 'directAgencyId'])
  })

  test('a direct selection naming an agency that does not exist is refused at its field, in a new draft and in an edited one (it was a 500)', async ({
    client,
    assert,
  }) => {
    const created = await client
      .post('/api/v1/projects')
      .json(projectPayload({ method: 'direct', directAgencyId: 7_772_258 }))
      .withGuard('api')
      .loginAs(await owner())
    created.assertStatus(422)
    assert.equal(created.body().errors[0].field, 'directAgencyId')
    assert.equal(created.body().errors[0].message, '所指定的机构不存在')

    const draft = await client
      .post('/api/v1/projects')
      .json(projectPayload())
      .withGuard('api')
      .loginAs(await owner())
    draft.assertStatus(201)
    const edited = await client
      .put(`/api/v1/projects/${draft.body().id}`)
      .json(projectPayload({ method: 'direct', directAgencyId: 7_772_258 }))
      .withGuard('api')
      .loginAs(await owner())
    edited.assertStatus(422)
    assert.equal(edited.body().errors[0].field, 'directAgencyId')
  })

  test('the investment project code is checked by form, kept in its standard form and shown on the project page', async ({
    client,
    assert,
  }) => {
    const wrong = await client
      .post('/api/v1/projects')
      .json(projectPayload({ investmentProjectCode: '川发改投资〔2020〕12号' }))
      .withGuard('api')
      .loginAs(await owner())
    wrong.assertStatus(422)
    assert.equal(wrong.body().errors[0].field, 'investmentProjectCode')
    assert.include(wrong.body().errors[0].message, '年份-行政区划代码-行业代码-项目类型代码-流水号')

    const typed = await client
      .post('/api/v1/projects')
      .json(projectPayload({ investmentProjectCode: '２０２０－511402－48－01－012345' }))
      .withGuard('api')
      .loginAs(await owner())
    typed.assertStatus(201)
    const project = await Project.findOrFail(typed.body().id)
    assert.equal(project.investmentProjectCode, '2020-511402-48-01-012345')
    const page = await client.get(`/projects/${project.id}`).loginAs(await owner())
    page.assertTextIncludes('2020-511402-48-01-012345')
  })

  test('publication needs three working days of announcement, counted across National Day', async ({
    client,
    assert,
  }) => {
    const user = await owner()
    const early = await client
      .post('/api/v1/projects')
      .json(projectPayload({ deadline: '2026-10-08T08:00:00Z' }))
      .withGuard('api')
      .loginAs(user)
    const refused = await client
      .post(`/api/v1/projects/${early.body().id}/publish`)
      .withGuard('api')
      .loginAs(user)
    refused.assertStatus(422)
    assert.equal(refused.body().errors[0].field, 'deadline')
    assert.include(refused.body().errors[0].message, '2026-10-09')

    const draft = await client
      .post('/api/v1/projects')
      .json(projectPayload())
      .withGuard('api')
      .loginAs(user)
    const published = await client
      .post(`/api/v1/projects/${draft.body().id}/publish`)
      .withGuard('api')
      .loginAs(user)
    published.assertStatus(200)
    assert.equal(published.body().status, 'published')
    assert.match(published.body().drawCommitment, /^[0-9a-f]{64}$/)

    const stored = await Project.findOrFail(draft.body().id)
    assert.equal(stored.rulesetVersion, 1)
    const seed = encryption.decrypt<string>(stored.drawSeedEncrypted!)
    assert.match(seed!, /^[0-9a-f]{64}$/)
    assert.equal(commitmentOf(seed!), published.body().drawCommitment)

    const publicView = await client.get(`/api/v1/projects/${stored.id}`)
    publicView.assertStatus(200)
    assert.notInclude(publicView.text(), seed!)
    assert.notProperty(publicView.body(), 'drawSeedEncrypted')
    assert.equal(publicView.body().responseCount, 0)

    const twice = await client
      .post(`/api/v1/projects/${stored.id}/publish`)
      .withGuard('api')
      .loginAs(user)
    twice.assertStatus(409)

    const [event] = await db
      .from('audit_events')
      .where('action', 'project.published')
      .orderBy('id', 'desc')
      .limit(1)
    assert.include(event.payload, published.body().drawCommitment)
  })

  test('cancellation before opening needs a public reason; a cancelled project stays cancelled', async ({
    client,
    assert,
  }) => {
    const user = await owner()
    const draft = await client
      .post('/api/v1/projects')
      .json(projectPayload())
      .withGuard('api')
      .loginAs(user)
    await client.post(`/api/v1/projects/${draft.body().id}/publish`).withGuard('api').loginAs(user)

    const noReason = await client
      .post(`/api/v1/projects/${draft.body().id}/cancel`)
      .json({})
      .withGuard('api')
      .loginAs(user)
    noReason.assertStatus(422)
    const cancelled = await client
      .post(`/api/v1/projects/${draft.body().id}/cancel`)
      .json({ reason: '项目规划调整，暂缓实施' })
      .withGuard('api')
      .loginAs(user)
    cancelled.assertStatus(200)
    assert.equal(cancelled.body().status, 'cancelled')
    const listed = await client.get('/api/v1/projects').qs({ status: 'cancelled' })
    assert.equal(listed.body().data[0].cancelReason, '项目规划调整，暂缓实施')

    const again = await client
      .post(`/api/v1/projects/${draft.body().id}/cancel`)
      .json({ reason: '重复取消' })
      .withGuard('api')
      .loginAs(user)
    again.assertStatus(409)
  })

  test('direct selection above the threshold is refused at publication', async ({
    client,
    assert,
  }) => {
    const user = await owner()
    const agency = await db
      .from('organizations')
      .where('name', '四川绿源环境科技有限公司')
      .firstOrFail()
    const draft = await client
      .post('/api/v1/projects')
      .json(
        projectPayload({ method: 'direct', directAgencyId: agency.id, ceilingPriceFen: 6_000_000 })
      )
      .withGuard('api')
      .loginAs(user)
    draft.assertStatus(201)
    const refused = await client
      .post(`/api/v1/projects/${draft.body().id}/publish`)
      .withGuard('api')
      .loginAs(user)
    refused.assertStatus(422)
    assert.equal(refused.body().errors[0].rule, 'project.overDirectThreshold')
  })

  test('agencies cannot post projects, and another owner cannot publish yours', async ({
    client,
  }) => {
    const agency = await createUserWithRole('agency')
    const refused = await client
      .post('/api/v1/projects')
      .json(projectPayload())
      .withGuard('api')
      .loginAs(agency)
    refused.assertStatus(403)

    const draft = await client
      .post('/api/v1/projects')
      .json(projectPayload())
      .withGuard('api')
      .loginAs(await owner())
    const otherOwner = await createUserWithRole('owner')
    const foreign = await client
      .post(`/api/v1/projects/${draft.body().id}/publish`)
      .withGuard('api')
      .loginAs(otherOwner)
    foreign.assertStatus(403)
  })
})
