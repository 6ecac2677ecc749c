/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import FeeRecord from '#models/fee_record'
import { createUserWithRole, departmentNamed } from '#database/factories/account_factories'
import { signedContract } from '#tests/payment_fixtures'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'
import { DEFAULT_RULES, flatParameters } from '#domain/rules'

/** Tue 29 Sep 2026, 10:00 in Beijing: three working days later is Fri 9 Oct (National Day between). */
const NOW = new Date('2026-09-29T02:00:00Z')
/** ¥300,000: far above the ¥50,000 direct-selection threshold. */
const LARGE = 30_000_000

const demoUser = (email: string) => User.findByOrFail('email', email)

function payload(overrides: Record<string, unknown> = {}) {
  return {
    title: '东坡区滨江大道改造工程环境影响评价',
    serviceItemCode: 'ZJ-001',
    description: '编制东坡区滨江大道改造工程环境影响报告表，并配合完成技术评审。',
    region: '511400',
    fundingSource: 'fiscal',
    ceilingPriceFen: 8_000_000,
    method: 'random',
    deadline: '2026-10-09T04:00:00Z',
    ...overrides,
  }
}

async function listedAgencyId() {
  const agency = await db
    .from('organizations')
    .where('name', '四川绿源环境科技有限公司')
    .firstOrFail()
  return Number(agency.id)
}

test.group('Funding scope: the market follows the money', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  const draft = async (client: any, user: User, body: Record<string, unknown>) =>
    client.post('/api/v1/projects').json(payload(body)).withGuard('api').loginAs(user)
  const show = async (client: any, user: User, id: number) =>
    client.get(`/api/v1/projects/${id}`).withGuard('api').loginAs(user)
  const publish = async (client: any, user: User, id: number) =>
    client.post(`/api/v1/projects/${id}/publish`).withGuard('api').loginAs(user)

  test('a funding source is required and must be one of the list', async ({ client, assert }) => {
    const owner = await demoUser('owner@demo.example.com')
    const missing = await client
      .post('/api/v1/projects')
      .json({ ...payload(), fundingSource: undefined })
      .withGuard('api')
      .loginAs(owner)
    missing.assertStatus(422)
    assert.deepInclude(
      missing.body().errors.map((error: any) => [error.field, error.rule]),
      ['fundingSource', 'required']
    )
    const unknown = await draft(client, owner, { fundingSource: '财政资金' })
    unknown.assertStatus(422)
    assert.equal(unknown.body().errors[0].field, 'fundingSource')
    assert.equal(unknown.body().errors[0].rule, 'enum')

    const social = await draft(client, owner, { fundingSource: 'social' })
    social.assertStatus(201)
    assert.equal((await show(client, owner, social.body().id)).body().fundingSource, 'social')
  })

  test('a social-investment project above the threshold selects directly, under the social-investment rule set; a fiscal one is refused with the threshold', async ({
    client,
    assert,
  }) => {
    const owner = await demoUser('owner@demo.example.com')
    const agencyId = await listedAgencyId()
    const social = await draft(client, owner, {
      fundingSource: 'social',
      method: 'direct',
      directAgencyId: agencyId,
      ceilingPriceFen: LARGE,
    })
    social.assertStatus(201)
    const published = await publish(client, owner, social.body().id)
    published.assertStatus(200)
    const socialSet = await db.from('rule_sets').where('funding_source', 'social').firstOrFail()
    assert.equal(published.body().rulesetVersion, Number(socialSet.version))

    const fiscal = await draft(client, owner, {
      method: 'direct',
      directAgencyId: agencyId,
      ceilingPriceFen: LARGE,
    })
    fiscal.assertStatus(201)
    const refused = await publish(client, owner, fiscal.body().id)
    refused.assertStatus(422)
    assert.equal(refused.body().errors[0].rule, 'project.overDirectThreshold')
    assert.include(refused.body().errors[0].message, '50,000')
  })

  test('the rule set is chosen by region and funding source at publication and recorded on the project; the rules page shows the sets side by side', async ({
    client,
    assert,
  }) => {
    const admin = await demoUser('admin@demo.example.com')
    const owner = await demoUser('owner@demo.example.com')
    // Sichuan, fiscal money: lowest price is not allowed, announcements last five working days.
    const sichuan = await client
      .post('/api/v1/admin/rules')
      .json({
        parameters: {
          allowedMethods: {
            direct: 'yes',
            random: 'yes',
            lowest_price: 'no',
            average_price: 'yes',
            credit_preferred: 'yes',
            scored: 'yes',
          },
          minAnnouncementWorkingDays: 5,
        },
        regionCode: '510000',
        fundingSource: 'fiscal',
        effectiveFrom: '2026-09-29',
        reason: '四川省财政性资金项目不采用最低价法',
      })
      .withGuard('api')
      .loginAs(admin)
    sichuan.assertStatus(201)
    assert.equal(sichuan.body().regionCode, '510000')
    assert.equal(sichuan.body().fundingSource, 'fiscal')
    const version = sichuan.body().version

    // Refused in Meishan (Sichuan) when published, with the reason; allowed in Beijing (general set).
    const lowest = await draft(client, owner, {
      method: 'lowest_price',
      deadline: '2026-10-20T04:00:00Z',
    })
    lowest.assertStatus(201)
    const refused = await publish(client, owner, lowest.body().id)
    refused.assertStatus(422)
    assert.equal(refused.body().errors[0].field, 'method')
    assert.equal(refused.body().errors[0].rule, 'project.methodNotAllowed')
    assert.include(refused.body().errors[0].message, '不允许该选取方式')
    const beijing = await draft(client, owner, {
      method: 'lowest_price',
      region: '110000',
      deadline: '2026-10-20T04:00:00Z',
    })
    beijing.assertStatus(201)
    const beijingPublished = await publish(client, owner, beijing.body().id)
    beijingPublished.assertStatus(200)
    assert.equal(beijingPublished.body().rulesetVersion, 1)

    // In Sichuan the fiscal project runs under the Sichuan set: five working days of announcement.
    const meishan = await draft(client, owner, { deadline: '2026-10-20T04:00:00Z' })
    meishan.assertStatus(201)
    const meishanPublished = await publish(client, owner, meishan.body().id)
    meishanPublished.assertStatus(200)
    assert.equal(meishanPublished.body().rulesetVersion, version)
    const early = await draft(client, owner, { deadline: '2026-10-09T04:00:00Z' })
    const tooEarly = await publish(client, owner, early.body().id)
    tooEarly.assertStatus(422)
    assert.equal(tooEarly.body().errors[0].rule, 'project.deadlineTooEarly')
    const events = await db.from('audit_events').where('action', 'project.published')
    const audit = events.find((event) => String(event.payload).includes(meishan.body().code))
    assert.include(String(audit.payload), `"rulesetVersion":${version}`)

    const page = await client.get('/rules')
    page.assertStatus(200)
    page.assertTextIncludes('所有资金来源')
    page.assertTextIncludes('社会投资')
    page.assertTextIncludes('财政性资金')
    page.assertTextIncludes('四川省')
    page.assertTextIncludes('自愿（业主自主选择，任何方式、不限金额）')
    page.assertTextIncludes('允许的选取方式：最低价')
    const api = await client.get('/api/v1/rules')
    const entry = api.body().data.find((row: any) => row.version === version)
    assert.equal(entry.regionCode, '510000')
    assert.deepEqual(entry.changes.map((change: any) => change.parameter).sort(), [
      'allowedMethods.lowest_price',
      'minAnnouncementWorkingDays',
    ])
  })

  test('a department-commissioned project is owned by the department and refuses direct selection, each with its reason', async ({
    client,
    assert,
  }) => {
    const department = await departmentNamed('眉山市生态环境局')
    const staff = await createUserWithRole('owner')
    await User.query().where('id', staff.id).update({ department_id: department.id })
    staff.departmentId = department.id
    const outsider = await demoUser('owner@demo.example.com')
    const agencyId = await listedAgencyId()

    const direct = await draft(client, staff, {
      commissioningDepartmentId: department.id,
      method: 'direct',
      directAgencyId: agencyId,
      ceilingPriceFen: 1_000_000,
    })
    direct.assertStatus(422)
    assert.deepEqual(
      direct.body().errors.map((error: any) => [error.field, error.rule]),
      [['method', 'project.commissionedNeedsCompetition']]
    )
    assert.include(direct.body().errors[0].message, '须竞争性选取')

    const foreign = await draft(client, outsider, { commissioningDepartmentId: department.id })
    foreign.assertStatus(422)
    assert.equal(foreign.body().errors[0].rule, 'project.commissionedOwnerNotDepartment')
    const unknown = await draft(client, staff, { commissioningDepartmentId: 999_999 })
    unknown.assertStatus(422)
    assert.equal(unknown.body().errors[0].rule, 'project.departmentUnknown')

    const competitive = await draft(client, staff, { commissioningDepartmentId: department.id })
    competitive.assertStatus(201)
    assert.equal(
      (await show(client, staff, competitive.body().id)).body().commissioningDepartmentId,
      department.id
    )
    const published = await publish(client, staff, competitive.body().id)
    published.assertStatus(200)
    const page = await client.get(`/projects/${competitive.body().id}`)
    page.assertTextIncludes('委托审批部门')
    page.assertTextIncludes('眉山市生态环境局')
  })

  test('the fee of a commissioned service paid by anyone but the department is flagged to regulators', async ({
    client,
    assert,
  }) => {
    const department = await departmentNamed('眉山市生态环境局')
    const staff = await createUserWithRole('owner')
    await User.query().where('id', staff.id).update({ department_id: department.id })
    const { contract, milestones } = await signedContract({ owner: staff })
    await db
      .from('projects')
      .where('id', contract.projectId)
      .update({ commissioning_department_id: department.id })
    // The applicant, a user of no department, pays the first milestone; the department the second.
    const applicant = await createUserWithRole('owner')
    const pay = async (payer: User, milestoneId: number, amountFen: number, tag: string) => {
      const [paymentId] = await db.table('payments').insert({
        contract_id: contract.id,
        milestone_id: milestoneId,
        amount_fen: amountFen,
        currency: 'cny',
        status: 'succeeded',
        refunded_fen: 0,
        idempotency_key: `fund-${tag}-${contract.id}`,
        stripe_payment_intent_id: `pi_fund_${tag}_${contract.id}`,
        created_by_user_id: payer.id,
        created_at: sqlTime(NOW),
        updated_at: sqlTime(NOW),
      })
      return FeeRecord.create({
        contractId: contract.id,
        milestoneId,
        paymentId: Number(paymentId),
        kind: 'payment',
        amountFen,
        stripeObjectId: `pi_fund_${tag}_${contract.id}`,
        stripeEventId: `evt_fund_${tag}_${contract.id}`,
        occurredAt: DateTime.fromJSDate(NOW),
      })
    }
    const byApplicant = await pay(applicant, milestones[0].id, milestones[0].amountFen, 'a')
    const byDepartment = await pay(staff, milestones[1].id, milestones[1].amountFen, 'b')

    const regulator = await createUserWithRole('regulator')
    const list = await client
      .get('/api/v1/regulator/fee-records')
      .withGuard('api')
      .loginAs(regulator)
    list.assertStatus(200)
    const flagsOf = (id: number) =>
      list
        .body()
        .data.find((row: any) => row.id === id)
        .flags.map((flag: any) => flag.code)
    assert.deepEqual(flagsOf(byApplicant.id), ['not_paid_by_department'])
    assert.deepEqual(flagsOf(byDepartment.id), [])
    const flag = list.body().data.find((row: any) => row.id === byApplicant.id).flags[0]
    assert.include(flag.message, '不得由申请人承担')
  })

  test('an emergency exemption selects directly at any amount with its reason published, and regulators are told at once; without a reason it is refused', async ({
    client,
    assert,
  }) => {
    const owner = await demoUser('owner@demo.example.com')
    const agencyId = await listedAgencyId()
    const noReason = await draft(client, owner, {
      method: 'direct',
      directAgencyId: agencyId,
      ceilingPriceFen: LARGE,
      exemption: 'natural_disaster',
    })
    noReason.assertStatus(422)
    assert.deepEqual(
      noReason.body().errors.map((error: any) => [error.field, error.rule]),
      [['exemptionReason', 'project.exemptionReasonRequired']]
    )
    const notDirect = await draft(client, owner, {
      exemption: 'state_secret',
      exemptionReason: '涉及国家秘密的工程',
    })
    notDirect.assertStatus(422)
    assert.equal(notDirect.body().errors[0].rule, 'project.exemptionIsDirect')

    const reason = '山洪灾害后应急抢险，须立即开展地质灾害危险性评估'
    const exempt = await draft(client, owner, {
      method: 'direct',
      directAgencyId: agencyId,
      ceilingPriceFen: LARGE,
      exemption: 'natural_disaster',
      exemptionReason: reason,
    })
    exempt.assertStatus(201)
    const published = await publish(client, owner, exempt.body().id)
    published.assertStatus(200)
    const shown = await client.get(`/api/v1/projects/${exempt.body().id}`)
    assert.equal(shown.body().exemption, 'natural_disaster')
    assert.equal(shown.body().exemptionReason, reason)

    const regulators = await db.from('organizations').where('kind', 'regulator').select('id')
    const signals = await db
      .from('notifications')
      .where('kind', 'project.exempted')
      .where('project_id', exempt.body().id)
    assert.sameMembers(
      signals.map((row) => Number(row.organization_id)),
      regulators.map((row) => Number(row.id))
    )
    assert.isAbove(signals.length, 0)
    const page = await client.get(`/projects/${exempt.body().id}`)
    page.assertTextIncludes('应急豁免')
    page.assertTextIncludes(reason)

    // The regulators' signals list it, with the reason, on the page and in the API.
    const regulator = await createUserWithRole('regulator')
    const desk = await client.get('/regulator/signals').loginAs(regulator)
    desk.assertStatus(200)
    desk.assertTextIncludes('应急豁免直接选取')
    desk.assertTextIncludes(reason)
    const api = await client.get('/api/v1/regulator/signals').withGuard('api').loginAs(regulator)
    assert.deepEqual(
      api.body().exemptions.map((row: any) => [row.projectId, row.exemption, row.reason]),
      [[exempt.body().id, 'natural_disaster', reason]]
    )
  })

  test('the owner form offers the funding sources and re-renders a refusal at its field', async ({
    client,
  }) => {
    const owner = await demoUser('owner@demo.example.com')
    const form = await client
      .get('/owner/projects/new')
      .qs({ item: 'ZJ-001', method: 'direct' })
      .loginAs(owner)
    form.assertStatus(200)
    form.assertTextIncludes('<option value="social"')
    form.assertTextIncludes('社会投资')
    form.assertTextIncludes('name="exemption"')

    const refused = await client
      .post('/owner/projects')
      .form({
        title: '东坡区滨江大道改造工程环境影响评价',
        serviceItemCode: 'ZJ-001',
        description: '编制东坡区滨江大道改造工程环境影响报告表，并配合完成技术评审。',
        fundingSource: 'fiscal',
        ceilingYuan: '300000',
        method: 'direct',
        directAgencyId: String(await listedAgencyId()),
        deadline: '2026-10-09T12:00',
        exemption: 'accident_emergency',
      })
      .header('referer', '/owner/projects/new?item=ZJ-001&method=direct')
      .withCsrfToken()
      .loginAs(owner)
    refused.assertStatus(200)
    refused.assertTextIncludes('应急豁免须填写公开的理由')
  })

  test('an owner records a selection made outside the market where the rules make it voluntary; it is public like a result; a fiscal one or a future day is refused', async ({
    client,
    assert,
  }) => {
    const owner = await demoUser('owner@demo.example.com')
    const agency = await db
      .from('organizations')
      .where('name', '四川绿源环境科技有限公司')
      .firstOrFail()
    const record = {
      title: '某商业综合体项目环境影响评价',
      serviceItemCode: 'ZJ-001',
      fundingSource: 'social',
      agencyName: agency.name,
      agencyUscc: agency.uscc,
      priceFen: LARGE,
      selectedOn: '2026-09-28',
      reason: '开发企业长期合作的评价机构，经内部比选确定',
    }
    const post = (body: Record<string, unknown>) =>
      client.post('/api/v1/outside-selections').json(body).withGuard('api').loginAs(owner)

    const fiscal = await post({ ...record, fundingSource: 'fiscal' })
    fiscal.assertStatus(422)
    assert.equal(fiscal.body().errors[0].field, 'fundingSource')
    assert.equal(fiscal.body().errors[0].rule, 'project.outsideNotVoluntary')
    assert.include(fiscal.body().errors[0].message, '要求在超市内选取')
    const future = await post({ ...record, selectedOn: '2026-10-30' })
    future.assertStatus(422)
    assert.equal(future.body().errors[0].rule, 'project.selectedInFuture')
    const agencyUser = await demoUser('agency1@demo.example.com')
    const notOwner = await client
      .post('/api/v1/outside-selections')
      .json(record)
      .withGuard('api')
      .loginAs(agencyUser)
    notOwner.assertStatus(403)
    assert.lengthOf(await db.from('outside_selections'), 0)

    const recorded = await post(record)
    recorded.assertStatus(201)
    const socialSet = await db.from('rule_sets').where('funding_source', 'social').firstOrFail()
    assert.equal(recorded.body().rulesetVersion, Number(socialSet.version))
    assert.equal(recorded.body().selectedOn, '2026-09-28')

    const list = await client.get('/api/v1/outside-selections')
    list.assertStatus(200)
    assert.equal(list.body().meta.total, 1)
    assert.include(list.body().data[0], {
      title: record.title,
      agencyUscc: agency.uscc,
      priceFen: LARGE,
      selectedOn: '2026-09-28',
      fundingSource: 'social',
    })
    const page = await client.get('/outside-selections')
    page.assertStatus(200)
    page.assertTextIncludes(record.reason)
    page.assertTextIncludes(agency.uscc)
    const audit = await db.from('audit_events').where('action', 'outside_selection.recorded')
    assert.lengthOf(audit, 1)

    // The owner's form, without JavaScript: refused at its field, then recorded.
    const form = await client.get('/owner/outside-selections/new').loginAs(owner)
    form.assertStatus(200)
    form.assertTextIncludes('name="agencyUscc"')
    const refused = await client
      .post('/owner/outside-selections')
      .form({
        ...record,
        fundingSource: 'fiscal',
        priceFen: undefined,
        priceYuan: '3000',
      })
      .header('referer', '/owner/outside-selections/new')
      .withCsrfToken()
      .loginAs(owner)
    refused.assertStatus(200)
    refused.assertTextIncludes('要求在超市内选取')
    const saved = await client
      .post('/owner/outside-selections')
      .form({ ...record, priceFen: undefined, priceYuan: '3000' })
      .withCsrfToken()
      .loginAs(owner)
      .redirects(0)
    saved.assertStatus(302)
    assert.equal(saved.header('location'), '/outside-selections')
    assert.lengthOf(await db.from('outside_selections'), 2)
  })

  test('the admin form loads and publishes the rule set of one funding source', async ({
    client,
    assert,
  }) => {
    const admin = await demoUser('admin@demo.example.com')
    const form = await client.get('/admin/rules').qs({ fundingSource: 'social' }).loginAs(admin)
    form.assertStatus(200)
    form.assertTextIncludes('本次发布适用于：社会投资 · 全国')
    form.assertTextIncludes('<option value="voluntary" selected')
    form.assertTextIncludes('name="fundingSource" value="social"')

    const fields: Record<string, string> = {}
    for (const [path, value] of flatParameters({ ...DEFAULT_RULES, marketScope: 'voluntary' })) {
      const name = path === 'directSelectionThresholdFen' ? 'directSelectionThresholdYuan' : path
      const shown = path === 'directSelectionThresholdFen' ? Number(value) / 100 : value
      fields[
        `parameters${name
          .split('.')
          .map((key) => `[${key}]`)
          .join('')}`
      ] = String(shown)
    }
    const saved = await client
      .post('/admin/rules')
      .form({
        ...fields,
        'parameters[allowedMethods][scored]': 'no',
        'fundingSource': 'social',
        'regionCode': '',
        'effectiveFrom': '2026-10-12',
        'reason': '社会投资项目不采用综合评分',
      })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    saved.assertStatus(302)
    const latest = await db.from('rule_sets').orderBy('version', 'desc').firstOrFail()
    assert.equal(latest.funding_source, 'social')
    assert.isNull(latest.region_code)
    assert.equal(JSON.parse(latest.parameters).allowedMethods.scored, 'no')
    const log = await client.get('/rules')
    log.assertTextIncludes('允许的选取方式：综合评分：允许 → 不允许')
  })
})
