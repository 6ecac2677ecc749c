// Assertions read best as `(await contractOf(client, id)).status`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld, WORLD_PASSWORD } from '#tests/worlds'
import User from '#models/user'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import { awardedProject as awardedFixture } from '#tests/selection_fixtures'
import { textSha256 } from '#domain/contract_template'
import { urlFor } from '@adonisjs/core/services/url_builder'

const NOW = new Date('2026-09-29T02:00:00Z')
const user = (email: string) => User.findByOrFail('email', email)
const owner = () => user('owner@demo.example.com')
const agency = (n: number) => user(`agency${n}@demo.example.com`)

/** A lowest-price project awarded to agency 5 (¥50,000.00), alternates 6 then 1. */
function awardedProject(client: any) {
  return awardedFixture(
    client,
    [
      [5, 5_000_000],
      [6, 5_200_000],
      [1, 5_400_000],
    ],
    { deliverables: '环境影响报告表一份（含附图附件），通过技术评审。' }
  )
}

async function contractOf(client: any, projectId: number) {
  const response = await client
    .get(`/api/v1/projects/${projectId}/contract`)
    .withGuard('api')
    .loginAs(await owner())
  response.assertStatus(200)
  return response.body()
}

const TERMS = {
  price: 5_000_000,
  deliverables: '环境影响报告表一份（含附图附件），通过技术评审。',
  timeLimitWorkingDays: 20,
  acceptanceCriteria: '报告表通过生态环境部门组织的技术评审。',
  disputeResolution: '向眉山仲裁委员会申请仲裁。',
  milestones: [
    { title: '签约后预付', amountFen: 1_500_000, condition: '合同生效后 5 个工作日内' },
    { title: '验收后支付', amountFen: 3_500_000 },
  ],
}

test.group('Contracts: generated on award, filled by the owner, signed by both', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('the award makes a contract from the model text at the winning quote; only the parties and staff read it', async ({
    client,
    assert,
  }) => {
    const projectId = await awardedProject(client)
    const contract = await contractOf(client, projectId)
    assert.equal(contract.status, 'drafting')
    assert.equal(contract.priceFen, 5_000_000)
    assert.include(contract.text, '四川清源环保工程咨询有限公司')
    assert.include(contract.text, '眉山市东坡区城市建设投资有限公司')
    assert.include(contract.text, '¥50,000.00')
    assert.equal(contract.textSha256, textSha256(contract.text))
    assert.deepEqual(
      contract.milestones.map((milestone: any) => milestone.amountFen),
      [5_000_000]
    )

    const winner = await client
      .get(`/api/v1/projects/${projectId}/contract`)
      .withGuard('api')
      .loginAs(await agency(5))
    winner.assertStatus(200)
    const regulator = await client
      .get(`/api/v1/projects/${projectId}/contract`)
      .withGuard('api')
      .loginAs(await user('regulator@demo.example.com'))
    regulator.assertStatus(200)
    const loser = await client
      .get(`/api/v1/projects/${projectId}/contract`)
      .withGuard('api')
      .loginAs(await agency(6))
    loser.assertStatus(403)
    const anonymous = await client.get(`/api/v1/projects/${projectId}/contract`)
    anonymous.assertStatus(401)
  })

  test('the owner fills declared fields only: a fixed clause, a price above the quote or milestones off the price are refused', async ({
    client,
    assert,
  }) => {
    const projectId = await awardedProject(client)
    const { id } = await contractOf(client, projectId)
    const put = async (body: Record<string, unknown>, as?: User) =>
      client
        .put(`/api/v1/contracts/${id}`)
        .json(body)
        .withGuard('api')
        .loginAs(as ?? (await owner()))

    const fixed = await put({ ...TERMS, body: '乙方放弃一切权利' })
    fixed.assertStatus(422)
    assert.equal(fixed.body().errors[0].field, 'body')
    assert.include(fixed.body().errors[0].message, '固定条款')

    const overQuote = await put({
      ...TERMS,
      price: 5_000_001,
      milestones: [{ title: '一次付清', amountFen: 5_000_001 }],
    })
    overQuote.assertStatus(422)
    assert.equal(overQuote.body().errors[0].field, 'price')

    const offSum = await put({
      ...TERMS,
      milestones: [{ title: '一次付清', amountFen: 4_999_999 }],
    })
    offSum.assertStatus(422)
    assert.include(offSum.body().errors[0].message, '¥49,999.99')

    const byAgency = await put(TERMS, await agency(5))
    byAgency.assertStatus(403)

    const saved = await put({ ...TERMS, supplementaryTerms: '乙方须派驻现场人员一名。' })
    saved.assertStatus(200)
    assert.equal(saved.body().revision, 2)
    assert.include(saved.body().text, '1. 签约后预付：¥15,000.00（合同生效后 5 个工作日内）')
    assert.include(
      saved.body().text,
      '补充条款（由业主补充，非示范文本条款）\n乙方须派驻现场人员一名。'
    )
    assert.include(saved.body().text, '向眉山仲裁委员会申请仲裁。')

    // Regulators list the contracts that carry supplementary terms.
    const regulatorList = await client
      .get('/contracts')
      .qs({ supplementary: '1' })
      .loginAs(await user('regulator@demo.example.com'))
    regulatorList.assertStatus(200)
    regulatorList.assertTextIncludes('含补充条款')
  })

  test('on the contract page, a price above the winning quote is refused at the price field, and milestones off the price under their legend', async ({
    client,
    assert,
  }) => {
    const projectId = await awardedProject(client)
    const { id } = await contractOf(client, projectId)
    const refused = await client
      .post(urlFor('contracts.update', { id }))
      .loginAs(await owner())
      .header('referer', urlFor('contracts.show', { id }))
      .form({
        'priceYuan': '50000.01',
        'deliverables': TERMS.deliverables,
        'timeLimitWorkingDays': '20',
        'acceptanceCriteria': TERMS.acceptanceCriteria,
        'disputeResolution': TERMS.disputeResolution,
        'milestones[0][title]': '一次付清',
        'milestones[0][amountYuan]': '50000.00',
      })
      .withCsrfToken()
    refused.assertStatus(200)
    const html = refused.text()
    const price = html.match(/<p class="field-error" id="field-priceYuan-error">([^<]*)<\/p>/)
    assert.include(price?.[1] ?? '', '合同价款不得超过中选报价')
    assert.match(html, /<input[^>]*name="priceYuan"[^>]*aria-invalid="true"/)
    const milestones = html.match(/<p class="field-error" id="field-milestones-error">([^<]*)<\/p>/)
    assert.include(milestones?.[1] ?? '', '各支付节点金额合计')
    assert.equal((await contractOf(client, projectId)).revision, 1)
  })

  test('signing: a wrong password signs nothing; a change voids a signature; both signatures make it signed and the notice public', async ({
    client,
    assert,
  }) => {
    const projectId = await awardedProject(client)
    const { id } = await contractOf(client, projectId)
    // Each signer reads the contract first and signs the revision it was shown.
    const sign = async (as: User, password = WORLD_PASSWORD) => {
      const { revision, textSha256: shown } = await contractOf(client, projectId)
      return client
        .post(`/api/v1/contracts/${id}/sign`)
        .json({ password, revision, textSha256: shown })
        .header('user-agent', 'contract-test/1.0')
        .withGuard('api')
        .loginAs(as)
    }

    const wrong = await sign(await owner(), 'not-my-password')
    wrong.assertStatus(422)
    assert.equal(wrong.body().errors[0].field, 'password')
    assert.lengthOf((await contractOf(client, projectId)).signatures, 0)

    const first = await sign(await owner())
    first.assertStatus(200)
    assert.equal(first.body().status, 'signing')
    const again = await sign(await owner())
    again.assertStatus(409)

    // The owner changes a term: the signature given is void, both sign again.
    await client
      .put(`/api/v1/contracts/${id}`)
      .json(TERMS)
      .withGuard('api')
      .loginAs(await owner())
    const afterChange = await contractOf(client, projectId)
    assert.equal(afterChange.status, 'drafting')
    assert.isTrue(afterChange.signatures[0].void)

    await sign(await agency(5))
    const done = await sign(await owner())
    done.assertStatus(200)
    assert.equal(done.body().status, 'signed')
    const valid = done.body().signatures.filter((signature: any) => !signature.void)
    assert.lengthOf(valid, 2)
    for (const signature of valid) {
      assert.equal(signature.textSha256, textSha256(done.body().text))
      assert.equal(signature.userAgent, 'contract-test/1.0')
      assert.isNotEmpty(signature.ip)
    }

    const project = await client.get(`/api/v1/projects/${projectId}`)
    assert.equal(project.body().status, 'in_service')
    const page = await client.get(`/projects/${projectId}`)
    assert.include(page.text(), '合同公示')
    assert.include(page.text(), '¥50,000.00')
    assert.notInclude(page.text(), '签约后预付')
    const late = await client
      .put(`/api/v1/contracts/${id}`)
      .json(TERMS)
      .withGuard('api')
      .loginAs(await owner())
    late.assertStatus(409)

    // 解除: only the owner ends a contract in force; the project is terminated and OCDS says so.
    const byAgency = await client
      .post(`/api/v1/contracts/${id}/terminate`)
      .json({ ground: 'agreement', statement: '项目取消建设' })
      .withGuard('api')
      .loginAs(await agency(5))
    byAgency.assertStatus(403)
    const ended = await client
      .post(`/api/v1/contracts/${id}/terminate`)
      .json({ ground: 'agreement', statement: '项目取消建设，经双方协商解除' })
      .withGuard('api')
      .loginAs(await owner())
    ended.assertStatus(200)
    assert.equal(ended.body().status, 'terminated')
    assert.deepEqual(ended.body().refunds, { refunds: [], cancelled: [], errors: [] })
    const terminatedProject = await client.get(`/api/v1/projects/${projectId}`)
    assert.equal(terminatedProject.body().status, 'terminated')
    const releases = await client.get('/api/v1/ocds/releases').qs({ perPage: 100 })
    const tags = releases.body().releases.flatMap((release: any) => release.tag)
    assert.include(tags, 'contractTermination')
  })

  test('the winner refuses to sign; the owner takes the next alternate, who gets its own contract', async ({
    client,
    assert,
  }) => {
    const projectId = await awardedProject(client)
    const { id } = await contractOf(client, projectId)
    const early = await client
      .post(`/api/v1/projects/${projectId}/take-next-alternate`)
      .withGuard('api')
      .loginAs(await owner())
    early.assertStatus(409)
    const refused = await client
      .post(`/api/v1/contracts/${id}/refuse`)
      .json({ reason: '报价测算有误，无法按此价格履约' })
      .withGuard('api')
      .loginAs(await agency(5))
    refused.assertStatus(200)
    assert.equal(refused.body().status, 'refused')
    const [event] = await db.from('audit_events').where('action', 'contract.refused')
    assert.exists(event)

    const next = await client
      .post(`/api/v1/projects/${projectId}/take-next-alternate`)
      .withGuard('api')
      .loginAs(await owner())
    next.assertStatus(201)
    assert.equal(next.body().agencyOrganizationId, (await agency(6)).organizationId)
    assert.equal(next.body().priceFen, 5_200_000)
    const project = await client.get(`/api/v1/projects/${projectId}`)
    assert.equal(project.body().result.winnerAgencyId, (await agency(6)).organizationId)
  })

  test('a contract not signed within the signing window expires at the tick', async ({
    client,
    assert,
  }) => {
    const projectId = await awardedProject(client)
    const contract = await contractOf(client, projectId)
    clock.freeze(new Date(new Date(contract.signingDueAt).getTime() - 1000))
    assert.equal((await runTick()).contractsExpired, 0)
    clock.freeze(new Date(contract.signingDueAt))
    assert.equal((await runTick()).contractsExpired, 1)
    assert.equal((await contractOf(client, projectId)).status, 'expired')
  })

  test('the contract page and the print view show the same text to the parties', async ({
    client,
    assert,
  }) => {
    const projectId = await awardedProject(client)
    const contract = await contractOf(client, projectId)
    const page = await client.get(`/contracts/${contract.id}`).loginAs(await owner())
    page.assertStatus(200)
    const print = await client.get(`/contracts/${contract.id}/print`).loginAs(await agency(5))
    print.assertStatus(200)
    for (const response of [page, print]) {
      assert.include(response.text(), contract.textSha256)
      assert.include(response.text(), '中介服务合同（通用示范文本）')
    }
    const stranger = await client.get(`/contracts/${contract.id}`).loginAs(await agency(6))
    stranger.assertStatus(403)
  })
  test('a signature covers what the signer read: a term added after the agency read revision 1 refuses its signature with 409 E_REVISION_CHANGED, and nothing is signed', async ({
    client,
    assert,
  }) => {
    const projectId = await awardedProject(client)
    const read = await contractOf(client, projectId)
    assert.equal(read.revision, 1)

    // The owner adds a clause after the agency read the contract.
    const changed = await client
      .put(`/api/v1/contracts/${read.id}`)
      .json({ ...TERMS, supplementaryTerms: '乙方放弃全部违约索赔。' })
      .withGuard('api')
      .loginAs(await owner())
    changed.assertStatus(200)
    assert.equal(changed.body().revision, 2)

    const stale = await client
      .post(`/api/v1/contracts/${read.id}/sign`)
      .json({ password: WORLD_PASSWORD, revision: read.revision, textSha256: read.textSha256 })
      .withGuard('api')
      .loginAs(await agency(5))
    stale.assertStatus(409)
    const [error] = stale.body().errors
    assert.equal(error.code, 'E_REVISION_CHANGED')
    assert.equal(error.revision, 2)
    assert.equal(error.textSha256, changed.body().textSha256)
    assert.include(error.message, '第 2 版')

    // The right revision with a hash of another text is refused alike.
    const otherText = await client
      .post(`/api/v1/contracts/${read.id}/sign`)
      .json({ password: WORLD_PASSWORD, revision: 2, textSha256: read.textSha256 })
      .withGuard('api')
      .loginAs(await agency(5))
    otherText.assertStatus(409)
    assert.equal(otherText.body().errors[0].code, 'E_REVISION_CHANGED')

    const after = await contractOf(client, projectId)
    assert.lengthOf(after.signatures, 0)
    assert.equal(after.status, 'drafting')
    const given = await db.from('audit_events').where('action', 'contract.signature_given')
    assert.lengthOf(given, 0)

    // Having read revision 2, the agency signs it, and its signature covers that text.
    const signed = await client
      .post(`/api/v1/contracts/${read.id}/sign`)
      .json({ password: WORLD_PASSWORD, revision: 2, textSha256: changed.body().textSha256 })
      .withGuard('api')
      .loginAs(await agency(5))
    signed.assertStatus(200)
    assert.equal(signed.body().signatures[0].revision, 2)
    assert.equal(signed.body().signatures[0].textSha256, changed.body().textSha256)
  })

  test('a term added after the agency signed voids its signature: the owner’s signature alone does not bring the new revision into force', async ({
    client,
    assert,
  }) => {
    const projectId = await awardedProject(client)
    const first = await contractOf(client, projectId)
    const sign = (as: User, contract: { id: number; revision: number; textSha256: string }) =>
      client
        .post(`/api/v1/contracts/${contract.id}/sign`)
        .json({
          password: WORLD_PASSWORD,
          revision: contract.revision,
          textSha256: contract.textSha256,
        })
        .withGuard('api')
        .loginAs(as)
    ;(await sign(await agency(5), first)).assertStatus(200)

    const changed = await client
      .put(`/api/v1/contracts/${first.id}`)
      .json({ ...TERMS, supplementaryTerms: '乙方放弃全部违约索赔。' })
      .withGuard('api')
      .loginAs(await owner())
    changed.assertStatus(200)
    assert.equal(changed.body().status, 'drafting')
    assert.isTrue(changed.body().signatures[0].void)

    const byOwner = await sign(await owner(), changed.body())
    byOwner.assertStatus(200)
    assert.equal(byOwner.body().status, 'signing')
    assert.isNull(byOwner.body().signedAt)
    const project = await client.get(`/api/v1/projects/${projectId}`)
    assert.notEqual(project.body().status, 'in_service')
  })

  test('a signature without the revision and text hash it covers is refused with 422 naming them, and nothing is signed', async ({
    client,
    assert,
  }) => {
    const projectId = await awardedProject(client)
    const { id } = await contractOf(client, projectId)
    const missing = await client
      .post(`/api/v1/contracts/${id}/sign`)
      .json({ password: WORLD_PASSWORD })
      .withGuard('api')
      .loginAs(await owner())
    missing.assertStatus(422)
    assert.sameMembers(
      missing.body().errors.map((error: { field: string }) => error.field),
      ['revision', 'textSha256']
    )
    const malformed = await client
      .post(`/api/v1/contracts/${id}/sign`)
      .json({ password: WORLD_PASSWORD, revision: 'latest', textSha256: 'abc' })
      .withGuard('api')
      .loginAs(await owner())
    malformed.assertStatus(422)
    assert.lengthOf((await contractOf(client, projectId)).signatures, 0)
  })

  test('the signing form carries the revision it shows; after a change it refuses, names the new revision and shows it, and signs once the signer sends the new one', async ({
    client,
    assert,
  }) => {
    const projectId = await awardedProject(client)
    const { id } = await contractOf(client, projectId)
    const hidden = (html: string, name: string) =>
      html.match(new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`))?.[1]
    const signer = await agency(5)
    const page = await client.get(`/contracts/${id}`).loginAs(signer)
    page.assertStatus(200)
    const shown = {
      revision: hidden(page.text(), 'revision'),
      sha: hidden(page.text(), 'textSha256'),
    }
    assert.equal(shown.revision, '1')
    assert.match(shown.sha ?? '', /^[0-9a-f]{64}$/)

    await client
      .put(`/api/v1/contracts/${id}`)
      .json({ ...TERMS, supplementaryTerms: '乙方放弃全部违约索赔。' })
      .withGuard('api')
      .loginAs(await owner())

    const stale = await client
      .post(`/contracts/${id}/sign`)
      .form({ password: WORLD_PASSWORD, revision: shown.revision, textSha256: shown.sha })
      .withCsrfToken()
      .loginAs(signer)
      .redirects(0)
    stale.assertStatus(302)
    stale.assertHeader('location', `/contracts/${id}`)
    stale.assertFlashMessage(
      'error',
      '合同已修改为第 2 版（您看到的是第 1 版），未签署。请阅读第 2 版全文后再签署。'
    )
    assert.lengthOf((await contractOf(client, projectId)).signatures, 0)

    const reread = await client.get(`/contracts/${id}`).loginAs(signer)
    reread.assertTextIncludes('乙方放弃全部违约索赔。')
    assert.equal(hidden(reread.text(), 'revision'), '2')
    const signed = await client
      .post(`/contracts/${id}/sign`)
      .form({
        password: WORLD_PASSWORD,
        revision: hidden(reread.text(), 'revision'),
        textSha256: hidden(reread.text(), 'textSha256'),
      })
      .withCsrfToken()
      .loginAs(signer)
      .redirects(0)
    signed.assertFlashMessage('success', '已签署，等待对方签署。')
    const [signature] = (await contractOf(client, projectId)).signatures
    assert.equal(signature.revision, 2)
  })

  test('wrong passwords at signing are locked out after five: the sixth attempt answers 429 even with the right password, and nothing is signed; the other party still signs', async ({
    client,
    assert,
  }) => {
    const projectId = await awardedProject(client)
    const { id, revision, textSha256: shown } = await contractOf(client, projectId)
    const sign = async (as: User, password: string) =>
      client
        .post(`/api/v1/contracts/${id}/sign`)
        .json({ password, revision, textSha256: shown })
        .withGuard('api')
        .loginAs(as)
    const signer = await agency(5)
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await sign(signer, `guess-${attempt}`)
      wrong.assertStatus(422)
      assert.equal(wrong.body().errors[0].field, 'password')
    }
    const locked = await sign(signer, WORLD_PASSWORD)
    locked.assertStatus(429)
    assert.equal(locked.body().errors[0].code, 'E_TOO_MANY_REQUESTS')
    assert.isAbove(Number(locked.header('retry-after')), 0)

    // The page says so in words, and signs nothing either.
    const form = await client
      .post(`/contracts/${id}/sign`)
      .form({ password: WORLD_PASSWORD, revision, textSha256: shown })
      .withCsrfToken()
      .loginAs(signer)
      .redirects(0)
    form.assertStatus(302)
    form.assertHeader('location', `/contracts/${id}`)
    assert.include(form.flashMessages().error, '签署密码错误次数过多')
    assert.lengthOf((await contractOf(client, projectId)).signatures, 0)

    // The lock is the signer's own: the owner signs.
    ;(await sign(await owner(), WORLD_PASSWORD)).assertStatus(200)
  })
})

test.group('Model contract templates', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  const BODY = [
    '建设项目环境影响评价技术服务合同（眉山市示范文本）',
    '委托方：{{ownerName}}（{{ownerUscc}}）',
    '受托方：{{agencyName}}（{{agencyUscc}}）',
    '合同价款：{{price}}',
    '支付：',
    '{{milestones}}',
    '受托方对环境影响报告表的结论负责，不得出具虚假报告。',
  ].join('\n')

  test('a regulator publishes an item template; awards of that item use it; contracts keep their version', async ({
    client,
    assert,
  }) => {
    const regulator = await user('regulator@demo.example.com')
    const publish = async (body: Record<string, unknown>, as: User = regulator) =>
      client.post('/api/v1/regulator/contract-templates').json(body).withGuard('api').loginAs(as)
    const payload = {
      key: 'zj-001',
      title: '环境影响评价技术服务合同',
      body: BODY,
      serviceItemCode: 'ZJ-001',
      fundingSource: 'fiscal',
      changeReason: '按省生态环境厅示范文本编制',
    }
    ;(await publish(payload, await owner())).assertStatus(403)
    const unknown = await publish({ ...payload, body: `${BODY}\n{{bankAccount}}` })
    unknown.assertStatus(422)
    assert.include(unknown.body().errors[0].message, 'bankAccount')
    const missing = await publish({ ...payload, body: BODY.replace('{{milestones}}', '') })
    missing.assertStatus(422)
    assert.include(missing.body().errors[0].message, 'milestones')
    const noReason = await publish({ ...payload, changeReason: undefined })
    noReason.assertStatus(422)

    const first = await publish(payload)
    first.assertStatus(201)
    assert.equal(first.body().version, 1)

    const projectId = await awardedProject(client)
    const contract = await contractOf(client, projectId)
    assert.include(contract.text, '建设项目环境影响评价技术服务合同（眉山市示范文本）')

    const second = await publish({
      ...payload,
      body: `${BODY}\n第二版新增条款。`,
      changeReason: '增加条款',
    })
    assert.equal(second.body().version, 2)
    const after = await contractOf(client, projectId)
    assert.equal(after.templateId, contract.templateId)
    assert.notInclude(after.text, '第二版新增条款')

    const versions = await client.get('/api/v1/contract-templates/zj-001')
    assert.deepEqual(
      versions.body().data.map((version: any) => version.version),
      [2, 1]
    )
    const page = await client.get('/contract-templates/zj-001')
    page.assertStatus(200)
    page.assertTextIncludes('增加条款')
    const list = await client.get('/contract-templates')
    list.assertTextIncludes('中介服务合同（通用示范文本）')
    const form = await client
      .get('/regulator/contract-templates/new')
      .qs({ key: 'zj-001' })
      .loginAs(regulator)
    form.assertStatus(200)
  })
})
