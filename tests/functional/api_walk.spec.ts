// The walk reads values where they arrive: `(await walk.call(…)).body().id`.
/* eslint-disable @unicorn/no-await-expression-member */
/*
 * The API walk: one market day told through the JSON API alone, touching
 * every path of API.md — registration, catalog, registry, every selection
 * step, contract, payment and webhook, delivery, evaluation, regulation and
 * open data. Each answer must have the expected status AND match the schema
 * the OpenAPI document gives for that status, so the document and the API
 * cannot drift apart. At the end, every API.md path must have been walked.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Ajv2020Module from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { marketWorld, WORLD_PASSWORD } from '#tests/worlds'
import User from '#models/user'
import Payment from '#models/payment'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import { createRegulatorOf } from '#database/factories/account_factories'
import { registrationPayload, serviceItemPayload, testDepartment } from '#tests/helpers'
import {
  AFTER_DEADLINE,
  AFTER_PUBLICITY,
  DEADLINE,
  demoAgency,
  demoOwner,
} from '#tests/selection_fixtures'
import { textFile, textPdf } from '#tests/file_fixtures'
import { intentOf, postStripeEvent, stripeEvent } from '#tests/stripe'
import { stripe } from '#services/stripe'

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module
const addFormats = addFormatsModule.default ?? addFormatsModule

const NOW = new Date('2026-09-29T02:00:00Z')

/** Every path of API.md, as the OpenAPI document spells it. */
const API_MD_PATHS = [
  'post /api/v1/auth/register',
  'post /api/v1/auth/tokens',
  'get /api/v1/me',
  'get /api/v1/service-items',
  'post /api/v1/service-items',
  'put /api/v1/service-items/{code}',
  'get /api/v1/agencies',
  'get /api/v1/agencies/{id}',
  'put /api/v1/agency/profile',
  'post /api/v1/agency/qualifications',
  'post /api/v1/agency/practitioners',
  'post /api/v1/projects',
  'post /api/v1/projects/{id}/publish',
  'post /api/v1/projects/{id}/cancel',
  'get /api/v1/projects',
  'get /api/v1/projects/{id}',
  'post /api/v1/projects/{id}/bids',
  'delete /api/v1/projects/{id}/bids/mine',
  'post /api/v1/projects/{id}/direct/accept',
  'post /api/v1/projects/{id}/direct/decline',
  'post /api/v1/projects/{id}/pick',
  'post /api/v1/bids/{id}/justification',
  'post /api/v1/bids/{id}/reject',
  'post /api/v1/projects/{id}/objections',
  'post /api/v1/regulator/objections/{id}/decide',
  'get /api/v1/draws/{projectId}/verify',
  'get /api/v1/projects/{id}/contract',
  'put /api/v1/contracts/{id}',
  'post /api/v1/contracts/{id}/sign',
  'post /api/v1/milestones/{id}/payments',
  'post /api/v1/webhooks/stripe',
  'post /api/v1/contracts/{id}/deliverables',
  'post /api/v1/contracts/{id}/accept',
  'post /api/v1/contracts/{id}/return',
  'post /api/v1/contracts/{id}/pause',
  'post /api/v1/contracts/{id}/resume',
  'post /api/v1/contracts/{id}/record-approval',
  'post /api/v1/contracts/{id}/evaluate',
  'post /api/v1/evaluations/{id}/reply',
  'get /api/v1/regulator/fee-records',
  'post /api/v1/regulator/credit-events',
  'get /api/v1/regulator/credit-rules',
  'put /api/v1/regulator/credit-rules',
  'post /api/v1/regulator/bans',
  'post /api/v1/regulator/bans/{id}/lift',
  'get /api/v1/regulator/audit/verify',
  'get /api/v1/regulator/analytics',
  'post /api/v1/regulator/inspections',
  'post /api/v1/regulator/inspections/{id}/results',
  'get /api/v1/public/inspections',
  'get /api/v1/public/exposure',
  'get /api/v1/ocds/releases',
  'get /api/v1/ocds/records/{ocid}',
  'get /api/v1/exports/projects.csv',
  'get /api/v1/exports/agencies.csv',
]

type CallOptions = {
  as?: User
  token?: string
  json?: Record<string, unknown>
  fields?: Record<string, string>
  files?: Record<string, string>
  expect: number
}

/** Calls the API, checks the status, validates the answer against the document, records the path. */
class ApiWalk {
  walked = new Set<string>()
  private ajv = new Ajv2020({ strict: false, allErrors: true })
  private operations: { method: string; path: string; pattern: RegExp; literal: number }[] = []

  constructor(
    private client: any,
    private assert: any,
    private document: any
  ) {
    addFormats(this.ajv)
    this.ajv.addSchema(document, 'openapi.json')
    for (const [path, methods] of Object.entries<Record<string, unknown>>(document.paths)) {
      for (const method of Object.keys(methods)) {
        this.operations.push({
          method,
          path,
          pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`),
          literal: path.split('/').filter((segment) => !segment.startsWith('{')).length,
        })
      }
    }
  }

  /** The documented operation a concrete URL answers to (the most literal match wins). */
  operationOf(method: string, url: string) {
    const path = url.split('?')[0]
    const matches = this.operations
      .filter((operation) => operation.method === method && operation.pattern.test(path))
      .sort((a, b) => b.literal - a.literal)
    this.assert.isNotEmpty(matches, `${method} ${path} is not in the OpenAPI document`)
    return matches[0].path
  }

  /** Records a path walked outside `call` (the Stripe webhook is posted by Stripe's own signer). */
  mark(key: string) {
    this.walked.add(key)
  }

  async call(method: 'get' | 'post' | 'put' | 'delete', url: string, options: CallOptions) {
    let request = this.client[method](url)
    if (options.json) request = request.json(options.json)
    if (options.fields) request = request.fields(options.fields)
    for (const [name, path] of Object.entries(options.files ?? {})) {
      request = request.file(name, path)
    }
    if (options.token) request = request.bearerToken(options.token)
    else if (options.as) request = request.withGuard('api').loginAs(options.as)
    const response = await request
    const path = this.operationOf(method, url)
    const key = `${method} ${path}`
    this.assert.equal(
      response.status(),
      options.expect,
      `${key} answered ${response.status()}: ${response.text().slice(0, 300)}`
    )
    const documented = this.document.paths[path][method].responses
    this.assert.property(
      documented,
      String(options.expect),
      `${key}: ${options.expect} is not documented`
    )
    const content = documented[String(options.expect)].content?.['application/json']
    if (content?.schema && String(response.header('content-type')).includes('json')) {
      const pointer = `/paths/${path.replaceAll('/', '~1')}/${method}/responses/${options.expect}/content/application~1json/schema`
      const check = this.ajv.compile({ $ref: `openapi.json#${pointer}` })
      this.assert.isTrue(
        check(response.body()),
        `${key} ${options.expect}: ${this.ajv.errorsText(check.errors)}`
      )
    }
    this.walked.add(key)
    return response
  }
}

test.group('API walk', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await testDepartment()
  })
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('a market day through the JSON API walks every API.md path; each answer has its status and its documented shape', async ({
    client,
    assert,
  }) => {
    const walk = new ApiWalk(client, assert, (await client.get('/api/v1/openapi.json')).body())
    const owner = await demoOwner()
    const regulator = await User.findByOrFail('email', 'regulator@demo.example.com')
    const agency = demoAgency

    // — Accounts —
    await walk.call('post', '/api/v1/auth/register', {
      json: registrationPayload({ role: 'owner' }),
      expect: 201,
    })
    const newcomer = registrationPayload({ role: 'agency', region: '510100' })
    await walk.call('post', '/api/v1/auth/register', { json: newcomer, expect: 201 })
    const token = (
      await walk.call('post', '/api/v1/auth/tokens', {
        json: { email: newcomer.email, password: newcomer.password },
        expect: 200,
      })
    ).body().token
    const me = (await walk.call('get', '/api/v1/me', { token, expect: 200 })).body()

    // — Catalog —
    await walk.call('get', '/api/v1/service-items', { expect: 200 })
    const item = serviceItemPayload()
    await walk.call('post', '/api/v1/service-items', { as: regulator, json: item, expect: 201 })
    await walk.call('put', `/api/v1/service-items/${item.code}`, {
      as: regulator,
      json: {
        ...item,
        status: 'active',
        timeLimitWorkingDays: 12,
        changeReason: '按新规定缩短服务时限',
      },
      expect: 200,
    })

    // — The agency registry: zero threshold —
    await walk.call('put', '/api/v1/agency/profile', {
      token,
      json: { items: ['ZJ-001'], region: '510100', description: '环评乙级团队' },
      expect: 200,
    })
    await walk.call('post', '/api/v1/agency/qualifications', {
      token,
      fields: {
        type: 'engineering_consulting',
        level: 'b',
        certificateNo: 'HP-2026-001',
        issuer: '四川省生态环境厅',
        validUntil: '2028-06-30',
      },
      files: { file: await textPdf('qualification certificate') },
      expect: 201,
    })
    await walk.call('post', '/api/v1/agency/practitioners', {
      token,
      json: { name: '周工程师', idNumber: '11010519491231002X', role: 'manager' },
      expect: 201,
    })
    await walk.call('get', '/api/v1/agencies?item=ZJ-001&region=510000', { expect: 200 })
    await walk.call('get', `/api/v1/agencies/${me.organization.id}`, { expect: 200 })

    // — Projects published at 10:00 on 29 Sep, due at 12:00 on 9 Oct —
    const draft = (overrides: Record<string, unknown>) =>
      walk.call('post', '/api/v1/projects', {
        as: owner,
        json: {
          title: '滨江大道改造工程环境影响评价',
          serviceItemCode: 'ZJ-001',
          fundingSource: 'fiscal',
          description: '编制滨江大道改造工程环境影响报告表，并配合完成技术评审。',
          ceilingPriceFen: 8_000_000,
          method: 'lowest_price',
          deadline: DEADLINE,
          ...overrides,
        },
        expect: 201,
      })
    const publish = (id: number) =>
      walk.call('post', `/api/v1/projects/${id}/publish`, { as: owner, expect: 200 })

    const lowest = (await draft({})).body().id
    await publish(lowest)
    const preferred = (
      await draft({ method: 'credit_preferred', longlistSize: 4, shortlistSize: 2 })
    ).body().id
    await publish(preferred)
    const cancelled = (await draft({ title: '取消的项目' })).body().id
    await publish(cancelled)
    await walk.call('post', `/api/v1/projects/${cancelled}/cancel`, {
      as: owner,
      json: { reason: '项目规划调整，不再建设' },
      expect: 200,
    })
    await walk.call('get', '/api/v1/projects?status=published&item=ZJ-001', { expect: 200 })

    const bid = (projectId: number, n: number, quoteFen: number) =>
      agency(n).then((as) =>
        walk.call('post', `/api/v1/projects/${projectId}/bids`, {
          as,
          json: { quoteFen },
          expect: 201,
        })
      )
    await bid(lowest, 1, 7_000_000)
    await bid(lowest, 5, 6_900_000)
    await bid(lowest, 6, 3_000_000)
    await bid(lowest, 8, 7_500_000)
    await walk.call('delete', `/api/v1/projects/${lowest}/bids/mine`, {
      as: await agency(8),
      expect: 204,
    })
    for (const n of [1, 5, 6, 7]) await bid(preferred, n, 5_000_000)

    // 直接选取: one named agency declines, another accepts.
    const direct = async (n: number) => {
      const id = (
        await draft({
          method: 'direct',
          ceilingPriceFen: 3_000_000,
          directAgencyId: (await agency(n)).organizationId,
        })
      ).body().id
      await publish(id)
      return id
    }
    await walk.call('post', `/api/v1/projects/${await direct(1)}/direct/decline`, {
      as: await agency(1),
      expect: 200,
    })
    await walk.call('post', `/api/v1/projects/${await direct(5)}/direct/accept`, {
      as: await agency(5),
      json: { quoteFen: 2_800_000 },
      expect: 200,
    })

    // — Opening at the deadline —
    clock.freeze(AFTER_DEADLINE)
    await runTick()
    const opened = (await walk.call('get', `/api/v1/projects/${lowest}`, { expect: 200 })).body()
    const low = opened.result.bids.find((entry: any) => entry.abnormallyLow)
    await walk.call('post', `/api/v1/bids/${low.id}/justification`, {
      as: await agency(6),
      json: { text: '我们有现成的区域监测数据，可以大幅降低成本。' },
      expect: 200,
    })
    await walk.call('post', `/api/v1/bids/${low.id}/reject`, {
      as: owner,
      json: { reason: '报价低于成本，说明不足以证明能保证质量' },
      expect: 200,
    })
    const shortlist = (
      await walk.call('get', `/api/v1/projects/${preferred}`, { expect: 200 })
    ).body().result.shortlist
    await walk.call('post', `/api/v1/projects/${preferred}/pick`, {
      as: owner,
      json: { agencyId: shortlist[0], reason: '承诺工期更短，类似项目经验更多' },
      expect: 200,
    })
    await walk.call('get', `/api/v1/draws/${lowest}/verify`, { expect: 200 })
    const objection = (
      await walk.call('post', `/api/v1/projects/${lowest}/objections`, {
        as: await agency(1),
        json: { reason: '中选机构的业绩材料与事实不符，请核查。' },
        expect: 201,
      })
    ).body()
    await walk.call('post', `/api/v1/regulator/objections/${objection.id}/decide`, {
      as: regulator,
      json: { upheld: false, decision: '经核查，中选机构业绩材料属实，质疑不成立。' },
      expect: 200,
    })

    // — Award, contract, signatures —
    clock.freeze(AFTER_PUBLICITY)
    await runTick()
    const contract = (
      await walk.call('get', `/api/v1/projects/${lowest}/contract`, { as: owner, expect: 200 })
    ).body()
    const filled = (
      await walk.call('put', `/api/v1/contracts/${contract.id}`, {
        as: owner,
        json: {
          price: 6_900_000,
          deliverables: '环境影响报告表一份（含附图附件），通过技术评审。',
          timeLimitWorkingDays: 20,
          acceptanceCriteria: '报告表通过生态环境部门组织的技术评审。',
          disputeResolution: '向眉山仲裁委员会申请仲裁。',
          milestones: [
            { title: '签约后预付', amountFen: 2_000_000 },
            { title: '验收后支付', amountFen: 4_900_000 },
          ],
        },
        expect: 200,
      })
    ).body()
    for (const signer of [owner, await agency(5)]) {
      await walk.call('post', `/api/v1/contracts/${contract.id}/sign`, {
        as: signer,
        json: {
          password: WORLD_PASSWORD,
          revision: filled.revision,
          textSha256: filled.textSha256,
        },
        expect: 200,
      })
    }

    // — Payment through Stripe, confirmed by its signed webhook —
    const started = (
      await walk.call('post', `/api/v1/milestones/${filled.milestones[0].id}/payments`, {
        as: owner,
        expect: 201,
      })
    ).body()
    const payment = await Payment.findOrFail(started.paymentId)
    // The owner pays at Stripe (test card); the market confirms the success with Stripe.
    await stripe().paymentIntents.confirm(payment.stripePaymentIntentId, {
      payment_method: 'pm_card_visa',
    })
    const webhook = await postStripeEvent(
      stripeEvent('payment_intent.succeeded', intentOf(payment, 'succeeded'))
    )
    assert.deepEqual(webhook.body, { received: true, outcome: 'processed' })
    walk.mark('post /api/v1/webhooks/stripe')

    // — Delivery, acceptance, approval, evaluation —
    const service = `/api/v1/contracts/${contract.id}`
    await walk.call('post', `${service}/pause`, {
      as: owner,
      json: { reason: '等待业主提供项目选址资料' },
      expect: 200,
    })
    await walk.call('post', `${service}/resume`, { as: owner, expect: 200 })
    const deliver = async () =>
      walk.call('post', `${service}/deliverables`, {
        as: await agency(5),
        fields: { summary: '环境影响报告表（送审稿）及附图' },
        files: { 'files[]': await textFile('滨江大道改造工程环境影响报告表正文') },
        expect: 201,
      })
    await deliver()
    await walk.call('post', `${service}/return`, {
      as: owner,
      json: { reason: '缺少声环境影响预测章节' },
      expect: 200,
    })
    await deliver()
    await walk.call('post', `${service}/accept`, { as: owner, expect: 200 })
    const bureau = await createRegulatorOf('市生态环境局')
    await walk.call('post', `${service}/record-approval`, {
      as: bureau,
      json: { outcome: 'corrections', corrections: 1 },
      expect: 200,
    })
    const evaluation = (
      await walk.call('post', `${service}/evaluate`, {
        as: owner,
        json: { quality: 4, timeliness: 5, attitude: 5, feeCompliance: 5, comment: '报告规范' },
        expect: 201,
      })
    ).body()
    await walk.call('post', `/api/v1/evaluations/${evaluation.id}/reply`, {
      as: await agency(5),
      json: { text: '感谢评价' },
      expect: 200,
    })

    // — Regulators —
    await walk.call('get', '/api/v1/regulator/fee-records?flagged=true', {
      as: regulator,
      expect: 200,
    })
    const target = (await agency(7)).organizationId
    await walk.call('post', '/api/v1/regulator/credit-events', {
      as: regulator,
      json: {
        agencyId: target,
        type: 'regulator_penalty',
        points: -10,
        reason: '出具报告数据不实',
      },
      expect: 201,
    })
    const rules = (
      await walk.call('get', '/api/v1/regulator/credit-rules', { as: regulator, expect: 200 })
    ).body()
    await walk.call('put', '/api/v1/regulator/credit-rules', {
      as: regulator,
      json: { rules: rules.rules, reason: '年度复核，分值不变' },
      expect: 200,
    })
    const ban = (
      await walk.call('post', '/api/v1/regulator/bans', {
        as: regulator,
        json: {
          agencyId: target,
          reason: '出具虚假报告',
          legalBasis: '《眉山市规范行政审批中介服务专项行动方案》',
          startsAt: '2026-10-14T00:00:00+08:00',
          endsAt: '2027-10-14T00:00:00+08:00',
        },
        expect: 201,
      })
    ).body()
    await walk.call('get', '/api/v1/public/exposure', { expect: 200 })
    await walk.call('post', `/api/v1/regulator/bans/${ban.id}/lift`, {
      as: regulator,
      json: { reason: '整改到位，经复核提前解除' },
      expect: 204,
    })
    const audit = (
      await walk.call('get', '/api/v1/regulator/audit/verify', { as: regulator, expect: 200 })
    ).body()
    assert.isTrue(audit.valid)
    const analytics = (
      await walk.call('get', '/api/v1/regulator/analytics?from=2026-10&item=ZJ-001', {
        as: regulator,
        expect: 200,
      })
    ).body()
    assert.equal(analytics.totals.contracts, 1)
    // 双随机、一公开: one agency and one inspector drawn; the drawn inspector's result is published.
    const plan = (
      await walk.call('post', '/api/v1/regulator/inspections', {
        as: regulator,
        json: { agencyCount: 1, inspectorCount: 1, itemCode: 'ZJ-001', name: '环评机构抽查' },
        expect: 201,
      })
    ).body()
    await walk.call('post', `/api/v1/regulator/inspections/${plan.id}/results`, {
      as: await User.findOrFail(plan.inspectors[0].id),
      json: {
        agencyId: plan.agencies[0].agency.id,
        outcome: 'qualified',
        note: '资料齐全，执业规范',
      },
      expect: 201,
    })
    await walk.call('get', '/api/v1/public/inspections', { expect: 200 })

    // — Open data —
    const releases = (await walk.call('get', '/api/v1/ocds/releases', { expect: 200 })).body()
    await walk.call('get', `/api/v1/ocds/records/${releases.releases[0].ocid}`, { expect: 200 })
    await walk.call('get', '/api/v1/exports/projects.csv', { expect: 200 })
    await walk.call('get', '/api/v1/exports/agencies.csv', { expect: 200 })

    // Every API.md path was walked.
    assert.deepEqual(
      API_MD_PATHS.filter((path) => !walk.walked.has(path)),
      [],
      'API.md paths not walked'
    )
  })
})
