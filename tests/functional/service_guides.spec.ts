import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import ServiceItem from '#models/service_item'
import FeeRecord from '#models/fee_record'
import { createUserWithRole } from '#database/factories/account_factories'
import { createServiceItem } from '#actions/catalog/publish_service_item'
import { serviceItemPayload, testDepartment } from '#tests/helpers'
import { signedContract } from '#tests/payment_fixtures'
import { clock } from '#services/clock'
import { codeLegacyQualifications } from '#services/qualification_codes'
import { ServiceItemFactory } from '#database/factories/catalog_factories'

const NOW = new Date('2026-09-29T02:00:00Z')
const DEADLINE = '2026-10-09T04:00:00Z'

/** 建设项目环境影响报告表编制, as a catalog office would write its guide. */
const GUIDE = {
  provision: 'may_self_prepare',
  feeBasisDocument: '《四川省建设项目环境影响评价服务收费指导标准》',
  feeBasisArticle: '第三条',
  regionalCoverage: ['510100'],
  guideBasis: '《中华人民共和国环境影响评价法》第十六条',
  guideScope: '应编制环境影响报告表的建设项目',
  guideObject: '建设单位',
  guideContent: '1. 工程分析与污染源强核算\n2. 环境现状调查与监测\n3. 编制环境影响报告表',
  guideMethod: '现场踏勘与现状监测',
  guideConclusion: '项目环境可行性的明确结论',
  materials: '营业执照\n项目备案文件\n\n总平面图',
}

/** How many rows a table (or its filtered part) holds. */
async function countOf(query: any) {
  const [row] = await query.count('* as total')
  return Number(row.total)
}

const owner = () => User.findByOrFail('email', 'owner@demo.example.com')
const regulator = () => User.findByOrFail('email', 'regulator@demo.example.com')

function errorsOf(response: any) {
  return response
    .body()
    .errors.map((error: { field: string; rule: string }) => [error.field, error.rule])
}

test.group('Service guides (服务指南)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    await testDepartment()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('a regulator publishes an item with its guide; the API and the printable item page show it, and a revision keeps the earlier guide', async ({
    client,
    assert,
  }) => {
    const staff = await createUserWithRole('regulator')
    const payload = serviceItemPayload({
      ...GUIDE,
      feeType: 'government_guided',
      qualificationType: 'surveying',
      qualificationLevel: 'b',
    })
    const created = await client
      .post('/api/v1/service-items')
      .json(payload)
      .withGuard('api')
      .loginAs(staff)
    created.assertStatus(201)
    assert.containsSubset(created.body(), {
      requiredQualification: '测绘资质（乙级及以上）',
      qualification: { type: 'surveying', level: 'b', label: '测绘资质（乙级及以上）' },
      guide: {
        provision: 'may_self_prepare',
        feeBasis: { document: GUIDE.feeBasisDocument, article: '第三条' },
        regionalCoverage: [{ regionCode: '510100', name: '四川省成都市' }],
        content: ['工程分析与污染源强核算', '环境现状调查与监测', '编制环境影响报告表'],
        materials: ['营业执照', '项目备案文件', '总平面图'],
      },
    })

    const revised = await client
      .put(`/api/v1/service-items/${payload.code}`)
      .json({
        ...payload,
        provision: 'mandatory',
        materials: '营业执照',
        status: 'active',
        changeReason: '依据新规定，本事项须委托中介机构',
      })
      .withGuard('api')
      .loginAs(staff)
    revised.assertStatus(200)
    const shown = await client.get(`/api/v1/service-items/${payload.code}`)
    assert.equal(shown.body().guide.provision, 'mandatory')
    assert.deepEqual(
      shown.body().history.map((version: any) => [version.version, version.guide.provision]),
      [
        [2, 'mandatory'],
        [1, 'may_self_prepare'],
      ]
    )
    assert.deepEqual(shown.body().history[1].guide.materials, [
      '营业执照',
      '项目备案文件',
      '总平面图',
    ])

    const page = await client.get(`/service-items/${payload.code}`)
    page.assertStatus(200)
    for (const text of [
      '服务指南 · 现行版本（第 2 版）',
      '一、服务依据',
      '四、服务内容',
      '环境现状调查与监测',
      '七、业主需提供的材料（一次性告知）',
      '《四川省建设项目环境影响评价服务收费指导标准》 第三条',
      '测绘资质（乙级及以上）',
      '必须委托中介机构',
      '法定服务时限',
      '四川省成都市',
      'class="service-guide"',
    ]) {
      page.assertTextIncludes(text)
    }
  })

  test('the guide is refused with 422 where it breaks a rule: a level not of the type, a level without a type, a guided fee without its basis, an unknown region', async ({
    client,
    assert,
  }) => {
    const staff = await createUserWithRole('regulator')
    const post = (overrides: Record<string, unknown>) =>
      client
        .post('/api/v1/service-items')
        .json(serviceItemPayload(overrides))
        .withGuard('api')
        .loginAs(staff)

    // A client of before the list sends the requirement as text: refused by name, never dropped.
    const asText = await post({ requiredQualification: '测绘资质（工程测量）' })
    asText.assertStatus(422)
    assert.equal(asText.body().errors[0].field, 'requiredQualification')
    assert.include(asText.body().errors[0].message, 'qualificationType')

    const wrongLevel = await post({
      qualificationType: 'real_estate_appraisal',
      qualificationLevel: 'a',
    })
    wrongLevel.assertStatus(422)
    assert.deepEqual(errorsOf(wrongLevel), [['qualificationLevel', 'qualification.level']])

    const noType = await post({ qualificationLevel: 'a' })
    noType.assertStatus(422)
    assert.deepEqual(errorsOf(noType), [['qualificationType', 'qualification.typeRequired']])

    const freeText = await post({ qualificationType: '测绘资质（工程测量）' })
    freeText.assertStatus(422)
    assert.deepInclude(errorsOf(freeText), ['qualificationType', 'enum'])

    const noBasis = await post({ feeType: 'government_guided', feeBasisDocument: null })
    noBasis.assertStatus(422)
    assert.deepInclude(errorsOf(noBasis), ['feeBasisDocument', 'required'])

    const unknownRegion = await post({ regionalCoverage: ['999999'] })
    unknownRegion.assertStatus(422)
    assert.deepInclude(errorsOf(unknownRegion), ['regionalCoverage.0', 'enum'])
    assert.equal(await countOf(db.from('service_items').where('code', 'like', 'T-%')), 0)
  })

  test('the regulator’s form writes the guide without JavaScript: text areas become lists, chosen regions are kept', async ({
    client,
    assert,
  }) => {
    const staff = await regulator()
    const item = await ServiceItem.findByOrFail('code', 'ZJ-004')
    const form = await client.get('/regulator/service-items/ZJ-004/edit').loginAs(staff)
    form.assertStatus(200)
    form.assertTextIncludes('name="guideContent"')
    form.assertTextIncludes('name="regionalCoverage[]"')
    form.assertTextIncludes('地质灾害危险性现状评估')

    const revised = await client
      .post('/regulator/service-items/ZJ-004')
      .loginAs(staff)
      .form({
        name: item.name,
        category: item.category,
        legalBasis: item.legalBasis,
        qualificationType: 'geohazard_assessment',
        qualificationLevel: 'a',
        approvalItem: item.approvalItem,
        departmentId: String(item.departmentId),
        timeLimitWorkingDays: '15',
        feeType: 'market',
        provision: 'mandatory',
        feeBasisDocument: '',
        regionalCoverage: ['510100', '510700'],
        guideBasis: '《地质灾害防治条例》第二十一条',
        guideContent: '一、地质灾害调查\n二、危险性评估',
        materials: '用地范围坐标',
        status: 'active',
        changeReason: '补充区域评估覆盖范围，提高资质要求',
      })
      .withCsrfToken()
      .redirects(0)
    revised.assertStatus(302)
    const stored = await ServiceItem.findByOrFail('code', 'ZJ-004')
    assert.equal(stored.version, 2)
    assert.equal(stored.requiredQualification, '地质灾害防治单位资质（评估类）（甲级及以上）')
    assert.deepEqual(stored.serviceGuide.regionalCoverage, ['510100', '510700'])
    assert.deepEqual(stored.serviceGuide.content, ['地质灾害调查', '危险性评估'])
    assert.isNull(stored.serviceGuide.feeBasis)
  })

  test('an owner records self-preparation of a may-self-prepare item instead of selecting, and withdraws it; both steps are in the audit log', async ({
    client,
    assert,
  }) => {
    const buyer = await owner()
    const recorded = await client
      .post('/api/v1/owner/self-preparations')
      .json({
        serviceItemCode: 'zj-001',
        title: '东坡区污水处理厂提标改造工程环境影响报告表',
        statement: '本单位环保部具备报告表编制能力，由 3 名环评工程师自行编制。',
      })
      .withGuard('api')
      .loginAs(buyer)
    recorded.assertStatus(201)
    assert.containsSubset(recorded.body(), {
      serviceItemCode: 'ZJ-001',
      serviceItemVersion: 1,
      status: 'recorded',
      regionCode: '511400',
    })
    const id = recorded.body().id

    const mine = await client.get('/api/v1/owner/self-preparations').withGuard('api').loginAs(buyer)
    assert.deepEqual(
      mine.body().data.map((record: any) => record.id),
      [id]
    )

    const withdrawn = await client
      .post(`/api/v1/owner/self-preparations/${id}/withdraw`)
      .json({ reason: '技术力量不足，改为在中介超市选取' })
      .withGuard('api')
      .loginAs(buyer)
    withdrawn.assertStatus(200)
    assert.equal(withdrawn.body().status, 'withdrawn')
    const again = await client
      .post(`/api/v1/owner/self-preparations/${id}/withdraw`)
      .json({ reason: '再次撤回' })
      .withGuard('api')
      .loginAs(buyer)
    again.assertStatus(409)

    const events = await db
      .from('audit_events')
      .where('subject_type', 'self_preparation')
      .where('subject_id', String(id))
      .orderBy('id')
      .select('action')
    assert.deepEqual(
      events.map((event) => event.action),
      ['self_preparation.recorded', 'self_preparation.withdrawn']
    )
  })

  test('self-preparation of a mandatory item is refused with the reason; another owner cannot withdraw a record', async ({
    client,
    assert,
  }) => {
    const buyer = await owner()
    const refused = await client
      .post('/api/v1/owner/self-preparations')
      .json({
        serviceItemCode: 'ZJ-007',
        title: '滨江大道规划放线测量',
        statement: '本单位自行测量。',
      })
      .withGuard('api')
      .loginAs(buyer)
    refused.assertStatus(422)
    assert.deepEqual(errorsOf(refused), [['serviceItemCode', 'selfPreparation.item_mandatory']])
    assert.include(refused.body().errors[0].message, '须委托中介机构')
    assert.equal(await countOf(db.from('self_preparations')), 0)

    const recorded = await client
      .post('/api/v1/owner/self-preparations')
      .json({
        serviceItemCode: 'ZJ-005',
        title: '砂石厂水土保持方案',
        statement: '自行编制水土保持方案。',
      })
      .withGuard('api')
      .loginAs(buyer)
    recorded.assertStatus(201)
    const stranger = await createUserWithRole('owner')
    const foreign = await client
      .post(`/api/v1/owner/self-preparations/${recorded.body().id}/withdraw`)
      .json({ reason: '不是我的登记' })
      .withGuard('api')
      .loginAs(stranger)
    foreign.assertStatus(403)
    const agency = await User.findByOrFail('email', 'agency1@demo.example.com')
    const notOwner = await client
      .post('/api/v1/owner/self-preparations')
      .json({
        serviceItemCode: 'ZJ-005',
        title: '砂石厂水土保持方案',
        statement: '自行编制水土保持方案。',
      })
      .withGuard('api')
      .loginAs(agency)
    notOwner.assertStatus(403)
  })

  test('the guide page leads an owner to the self-preparation form, which records without JavaScript', async ({
    client,
    assert,
  }) => {
    const buyer = await owner()
    const guide = await client.get('/service-items/ZJ-002').loginAs(buyer)
    guide.assertTextIncludes('允许企业自主编制')
    guide.assertTextIncludes('/owner/self-preparations?item=ZJ-002')
    const form = await client.get('/owner/self-preparations?item=ZJ-002').loginAs(buyer)
    form.assertStatus(200)
    form.assertTextIncludes('<option value="ZJ-002" selected>')
    // Mandatory items are not offered.
    assert.notInclude(form.text(), 'value="ZJ-007"')

    const saved = await client
      .post('/owner/self-preparations')
      .loginAs(buyer)
      .form({
        serviceItemCode: 'ZJ-002',
        title: '食品产业园节能报告',
        region: '511400',
        statement: '由本单位能源管理部门自行编制。',
      })
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(302)
    saved.assertHeader('location', '/owner/self-preparations')
    const list = await client.get('/owner/self-preparations').loginAs(buyer)
    list.assertTextIncludes('食品产业园节能报告')

    const mandatory = await client
      .post('/owner/self-preparations')
      .loginAs(buyer)
      .form({ serviceItemCode: 'ZJ-007', title: '放线测量', statement: '自行测量放线。' })
      .withCsrfToken()
      .redirects(0)
    mandatory.assertStatus(302)
    assert.equal(await countOf(db.from('self_preparations')), 1)
  })

  test('a project published where a regional assessment covers its item is told so; elsewhere it is not', async ({
    client,
    assert,
  }) => {
    const buyer = await owner()
    const draft = (region: string) =>
      client
        .post('/api/v1/projects')
        .json({
          title: `天府新区片区地震安全性评价 ${region}`,
          serviceItemCode: 'ZJ-003',
          fundingSource: 'fiscal',
          description: '对片区内拟建工程开展地震安全性评价。',
          ceilingPriceFen: 8_000_000,
          floorPriceFen: 1_000_000,
          method: 'lowest_price',
          deadline: DEADLINE,
          region,
        })
        .withGuard('api')
        .loginAs(buyer)
    const covered = await draft('510100')
    covered.assertStatus(201)
    const published = await client
      .post(`/api/v1/projects/${covered.body().id}/publish`)
      .withGuard('api')
      .loginAs(buyer)
    published.assertStatus(200)
    assert.equal(published.body().regionalAssessment.regionCode, '510100')
    assert.include(published.body().regionalAssessment.message, '不再单独编报')
    const event = await db
      .from('audit_events')
      .where('action', 'project.published')
      .where('subject_id', String(covered.body().id))
      .firstOrFail()
    assert.equal(JSON.parse(event.payload).regionalAssessment, '510100')

    const elsewhere = await draft('511400')
    const plain = await client
      .post(`/api/v1/projects/${elsewhere.body().id}/publish`)
      .withGuard('api')
      .loginAs(buyer)
    plain.assertStatus(200)
    assert.isNull(plain.body().regionalAssessment)
  })

  test('fee records are flagged for regulators when the deliverables leave out guide content or charge beyond it, and when a guided fee has no basis', async ({
    client,
    assert,
  }) => {
    const staff = await createUserWithRole('regulator')
    const item = await createServiceItem(
      serviceItemPayload({ ...GUIDE, feeType: 'market', feeMinFen: null, feeMaxFen: null }) as any,
      null
    )
    const { contract, milestones } = await signedContract({ serviceItemId: item.id })
    contract.fieldValues = JSON.stringify({
      deliverables: '工程分析与污染源强核算；编制环境影响报告表；社会稳定风险评估报告',
    })
    await contract.save()
    const payment = await FeeRecord.create({
      contractId: contract.id,
      milestoneId: milestones[0].id,
      paymentId: null,
      kind: 'payment',
      amountFen: milestones[0].amountFen,
      stripeObjectId: 'pi_guide_1',
      stripeEventId: 'evt_guide_1',
      occurredAt: DateTime.fromISO('2026-03-02T02:00:00Z'),
    })
    // A guided fee published before guides were required: no basis (written as a legacy row would be).
    const legacy = await createServiceItem(
      serviceItemPayload({ feeType: 'government_guided', feeBasisDocument: null }) as any,
      null
    )
    const guided = await signedContract({ serviceItemId: legacy.id, milestones: [300_000] })
    const unbased = await FeeRecord.create({
      contractId: guided.contract.id,
      milestoneId: guided.milestones[0].id,
      paymentId: null,
      kind: 'payment',
      amountFen: 300_000,
      stripeObjectId: 'pi_guide_2',
      stripeEventId: 'evt_guide_2',
      occurredAt: DateTime.fromISO('2026-03-03T02:00:00Z'),
    })

    const list = await client
      .get('/api/v1/regulator/fee-records')
      .qs({ flagged: true })
      .withGuard('api')
      .loginAs(staff)
    list.assertStatus(200)
    const flagsOf = (id: number) =>
      list.body().data.find((row: any) => row.id === id).flags as {
        code: string
        message: string
      }[]
    assert.deepEqual(
      flagsOf(payment.id).map((flag) => flag.code),
      ['outside_fee_basis', 'service_reduced']
    )
    assert.include(flagsOf(payment.id)[0].message, '社会稳定风险评估报告')
    assert.include(flagsOf(payment.id)[1].message, '环境现状调查与监测')
    assert.deepEqual(
      flagsOf(unbased.id).map((flag) => flag.code),
      ['fee_basis_missing']
    )
  })

  test('an agency declares a qualification from the list; a level the type does not have is refused', async ({
    client,
    assert,
  }) => {
    const agency = await User.findByOrFail('email', 'agency1@demo.example.com')
    const declare = (fields: Record<string, unknown>) =>
      client
        .post('/api/v1/agency/qualifications')
        .json({
          certificateNo: '川测资字 0099',
          issuer: '四川省自然资源厅',
          validUntil: '2028-06-30',
          ...fields,
        })
        .withGuard('api')
        .loginAs(agency)
    const accepted = await declare({ type: 'surveying', level: 'a' })
    accepted.assertStatus(201)
    const stored = await db
      .from('qualifications')
      .where('certificate_no', '川测资字 0099')
      .firstOrFail()
    assert.containsSubset(stored, {
      type: '测绘资质',
      level: '甲级',
      type_code: 'surveying',
      level_code: 'a',
    })

    const wrongLevel = await declare({ type: 'archaeology', level: 'a' })
    wrongLevel.assertStatus(422)
    assert.deepEqual(errorsOf(wrongLevel), [['level', 'qualification.level']])
    const freeText = await declare({ type: '测绘资质（工程测量）' })
    freeText.assertStatus(422)
  })

  test('the guide, the regulator’s form and the owner’s records escape hostile text', async ({
    client,
    assert,
  }) => {
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>{{ 1+1 }}'
    const staff = await createUserWithRole('regulator')
    const payload = serviceItemPayload({
      ...GUIDE,
      feeBasisDocument: hostile,
      guideBasis: hostile,
      guideContent: hostile,
      materials: hostile,
    })
    const created = await client
      .post('/api/v1/service-items')
      .json(payload)
      .withGuard('api')
      .loginAs(staff)
    created.assertStatus(201)
    const buyer = await owner()
    await client
      .post('/api/v1/owner/self-preparations')
      .json({ serviceItemCode: payload.code, title: hostile, statement: hostile })
      .withGuard('api')
      .loginAs(buyer)
    for (const [user, url] of [
      [null, `/service-items/${payload.code}`],
      [staff, `/regulator/service-items/${payload.code}/edit`],
      [buyer, '/owner/self-preparations'],
    ] as const) {
      const request = client.get(url)
      const page = user ? await request.loginAs(user) : await request
      page.assertStatus(200)
      assert.notInclude(page.text(), '<script>alert(1)')
      assert.notInclude(page.text(), '<img src=x')
      assert.include(page.text(), '&lt;script&gt;alert(1)')
    }
  })

  test('free-text qualifications from before the list are coded where the list knows the words, and the rest is left as it was', async ({
    assert,
  }) => {
    const surveying = await ServiceItemFactory.merge({
      code: 'L-001',
      requiredQualification: '测绘资质（工程测量）',
    }).create()
    const unknown = await ServiceItemFactory.merge({
      code: 'L-002',
      requiredQualification: '环境影响评价资质',
    }).create()
    const agency = await User.findByOrFail('email', 'agency1@demo.example.com')
    const insert = (type: string, level: string | null) =>
      db.table('qualifications').insert({
        organization_id: agency.organizationId,
        type,
        level,
        certificate_no: `旧证 ${type}`,
        issuer: '四川省自然资源厅',
        valid_until: '2028-12-31',
        status: 'unverified',
        created_at: new Date(),
      })
    await insert('房地产估价机构备案', '一级')
    await insert('雷电防护装置检测资质乙级', null)
    await insert('环境影响评价工程师', '乙级')

    // The surveying item and its first version, and two of the three holdings, are coded.
    assert.equal(await codeLegacyQualifications(db.connection()), 4)
    const item = async (id: number) => {
      const row = await db.from('service_items').where('id', id).firstOrFail()
      return [row.qualification_type, row.qualification_level]
    }
    assert.deepEqual(await item(surveying.id), ['surveying', null])
    assert.deepEqual(await item(unknown.id), [null, null])
    const version = await db
      .from('service_item_versions')
      .where('service_item_id', surveying.id)
      .firstOrFail()
    assert.equal(version.qualification_type, 'surveying')
    const held = await db
      .from('qualifications')
      .where('certificate_no', 'like', '旧证%')
      .orderBy('id')
      .select('type_code', 'level_code')
    assert.deepEqual(
      held.map((row) => [row.type_code, row.level_code]),
      [
        ['real_estate_appraisal', 'class_1'],
        ['lightning_protection', 'b'],
        [null, null],
      ]
    )
    // Coded rows are not coded again.
    assert.equal(await codeLegacyQualifications(db.connection()), 0)
  })
})
