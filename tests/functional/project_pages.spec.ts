import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import Project from '#models/project'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import { idNumberCheckCharacter } from '#domain/id_card'
import app from '@adonisjs/core/services/app'
import { mkdir, writeFile } from 'node:fs/promises'

/** A tiny but real PDF: file-type recognises it by its %PDF- signature. */
const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
)

const NOW = new Date('2026-09-29T02:00:00Z')
const user = (email: string) => User.findByOrFail('email', email)

test.group('Project pages: an owner runs a random draw end to end without JavaScript', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('post a draft by the form, publish it, agencies bid, the result and the verify page are public', async ({
    client,
    assert,
  }) => {
    const owner = await user('owner@demo.example.com')
    const drafted = await client
      .post('/owner/projects')
      .loginAs(owner)
      .form({
        title: '滨江大道改造工程环境影响评价',
        serviceItemCode: 'ZJ-001',
        fundingSource: 'fiscal',
        description: '编制滨江大道改造工程环境影响报告表，并配合完成技术评审。',
        ceilingYuan: '80000.00',
        method: 'random',
        // Beijing time, as the datetime-local field sends it.
        deadline: '2026-10-09T12:00',
      })
      .withCsrfToken()
      .redirects(0)
    drafted.assertStatus(302)
    const project = await Project.query().orderBy('id', 'desc').firstOrFail()
    assert.equal(project.ceilingPriceFen, 8_000_000)
    assert.equal(project.responseDeadline.toUTC().toISO(), '2026-10-09T04:00:00.000Z')

    const published = await client
      .post(`/owner/projects/${project.id}/publish`)
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    published.assertStatus(302)

    for (const n of [1, 5, 6]) {
      const response = await client
        .post(`/agency/projects/${project.id}/bids`)
        .loginAs(await user(`agency${n}@demo.example.com`))
        .form({ quoteYuan: `${60000 + n}.50` })
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(302)
    }

    // Sealed: the owner's page shows the count, never a quote.
    const ownerView = await client.get(`/projects/${project.id}`).loginAs(owner)
    ownerView.assertStatus(200)
    assert.notInclude(ownerView.text(), '60,001.50')
    const agencyView = await client
      .get(`/projects/${project.id}`)
      .loginAs(await user('agency1@demo.example.com'))
    assert.include(agencyView.text(), '¥60,001.50')
    assert.notInclude(agencyView.text(), '60,005.50')

    clock.freeze(new Date('2026-10-09T04:00:01Z'))
    await runTick()
    const result = await client.get(`/projects/${project.id}`)
    result.assertStatus(200)
    for (const quote of ['¥60,001.50', '¥60,005.50', '¥60,006.50']) {
      assert.include(result.text(), quote)
    }
    const list = await client.get('/projects').qs({ status: 'publicity' })
    assert.include(list.text(), project.code)
    // The owner's panel says what happens next instead of standing empty.
    const ownerDuringPublicity = await client.get(`/projects/${project.id}`).loginAs(owner)
    ownerDuringPublicity.assertTextIncludes('中选结果公示中')

    const verify = await client.get(`/projects/${project.id}/verify`)
    verify.assertStatus(200)
    assert.include(verify.text(), 'data-island="draw-verification"')
    assert.include(verify.text(), '✓')
    assert.notInclude(verify.text(), '✗')
  })

  test('a lowest-price result without a tie shows no draw section, only the proof link', async ({
    client,
    assert,
  }) => {
    const owner = await user('owner@demo.example.com')
    await client
      .post('/owner/projects')
      .loginAs(owner)
      .form({
        title: '滨江大道改造工程环境影响评价',
        serviceItemCode: 'ZJ-001',
        fundingSource: 'fiscal',
        description: '编制滨江大道改造工程环境影响报告表，并配合完成技术评审。',
        ceilingYuan: '80000.00',
        method: 'lowest_price',
        deadline: '2026-10-09T12:00',
      })
      .withCsrfToken()
      .redirects(0)
    const project = await Project.query().orderBy('id', 'desc').firstOrFail()
    await client
      .post(`/owner/projects/${project.id}/publish`)
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    for (const n of [1, 5, 6]) {
      await client
        .post(`/agency/projects/${project.id}/bids`)
        .loginAs(await user(`agency${n}@demo.example.com`))
        .form({ quoteYuan: `${60000 + n}.50` })
        .withCsrfToken()
        .redirects(0)
    }
    clock.freeze(new Date('2026-10-09T04:00:01Z'))
    await runTick()
    await project.refresh()
    assert.equal(project.status, 'publicity')

    const result = await client.get(`/projects/${project.id}`)
    result.assertStatus(200)
    result.assertTextIncludes('¥60,001.50')
    assert.notInclude(result.text(), '可验证随机抽取')
    result.assertTextIncludes('在浏览器中验证本次抽取')
  })

  test('the owner cancels from its own panel only after ticking 我确认终止; publication stays apart', async ({
    client,
    assert,
  }) => {
    const owner = await user('owner@demo.example.com')
    await client
      .post('/owner/projects')
      .loginAs(owner)
      .form({
        title: '滨江大道改造工程环境影响评价',
        serviceItemCode: 'ZJ-001',
        fundingSource: 'fiscal',
        description: '编制滨江大道改造工程环境影响报告表，并配合完成技术评审。',
        ceilingYuan: '80000.00',
        method: 'random',
        deadline: '2026-10-09T12:00',
      })
      .withCsrfToken()
      .redirects(0)
    const project = await Project.query().orderBy('id', 'desc').firstOrFail()
    const page = await client.get(`/projects/${project.id}`).loginAs(owner)
    const html = page.text()
    const danger = html.indexOf('class="panel danger-zone"')
    assert.isAbove(danger, html.lastIndexOf('发布采购公告'))
    assert.include(html.slice(danger), '我确认终止')
    assert.match(html.slice(danger), /type="checkbox"[^>]*required/)

    const unconfirmed = await client
      .post(`/owner/projects/${project.id}/cancel`)
      .loginAs(owner)
      .header('referer', `/projects/${project.id}`)
      .form({ reason: '项目审批条件发生变化' })
      .withCsrfToken()
    unconfirmed.assertStatus(200)
    unconfirmed.assertTextIncludes('请勾选确认框后再提交')
    await project.refresh()
    assert.equal(project.status, 'draft')

    const confirmed = await client
      .post(`/owner/projects/${project.id}/cancel`)
      .loginAs(owner)
      .form({ reason: '项目审批条件发生变化', confirmed: '1' })
      .withCsrfToken()
      .redirects(0)
    confirmed.assertStatus(302)
    await project.refresh()
    assert.equal(project.status, 'cancelled')
    const after = await client.get(`/projects/${project.id}`).loginAs(owner)
    assert.notInclude(after.text(), '我确认终止')
  })

  test('a form with bad input re-renders with field errors instead of failing', async ({
    client,
  }) => {
    const owner = await user('owner@demo.example.com')
    const response = await client
      .post('/owner/projects')
      .loginAs(owner)
      .header('referer', '/owner/projects/new?item=ZJ-001&method=random')
      .form({ title: 'x', serviceItemCode: 'ZJ-001', ceilingYuan: '-5', method: 'random' })
      .withCsrfToken()
    response.assertStatus(200)
    response.assertTextIncludes('field-error')

    // Weights half filled in: each missing one is named in words, not by its key.
    const weights = await client
      .post('/owner/projects')
      .loginAs(owner)
      .header('referer', '/owner/projects/new?item=ZJ-001&method=scored')
      .form({
        'title': '滨江大道改造工程环境影响评价',
        'serviceItemCode': 'ZJ-001',
        'fundingSource': 'fiscal',
        'description': '编制滨江大道改造工程环境影响报告表。',
        'ceilingYuan': '80000.00',
        'method': 'scored',
        'deadline': '2026-10-09T12:00',
        'weights[credit]': '20',
      })
      .withCsrfToken()
    weights.assertStatus(200)
    weights.assertTextIncludes('请填写价格权重')
    weights.assertTextIncludes('请填写业绩权重')
  })

  test('an agency sees the projects open for its items and its quotes; another agency sees none of them', async ({
    client,
    assert,
  }) => {
    const page = await client
      .get('/agency/projects')
      .loginAs(await user('agency1@demo.example.com'))
    page.assertStatus(200)
    const owner = await client.get('/agency/projects').loginAs(await user('owner@demo.example.com'))
    assert.oneOf(owner.status(), [302, 403])
  })

  test('an owner names a key person for conflict checks; the page never shows the ID number', async ({
    client,
    assert,
  }) => {
    const owner = await user('owner@demo.example.com')
    const idNumber = '51140219700101001' + idNumberCheckCharacter('51140219700101001')
    const saved = await client
      .post('/owner/persons')
      .loginAs(owner)
      .form({ name: '王建国', idNumber, role: 'manager' })
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(302)
    const page = await client.get('/owner/persons').loginAs(owner)
    page.assertStatus(200)
    assert.include(page.text(), '王建国')
    assert.notInclude(page.text(), idNumber)
  })
})

test.group('Project documents', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('the owner attaches a PDF to a draft; it is public once published and fixed from then on', async ({
    client,
    assert,
  }) => {
    const owner = await user('owner@demo.example.com')
    const draft = await client
      .post('/api/v1/projects')
      .json({
        title: '滨江大道改造工程环境影响评价',
        serviceItemCode: 'ZJ-001',
        fundingSource: 'fiscal',
        description: '编制滨江大道改造工程环境影响报告表，并配合完成技术评审。',
        ceilingPriceFen: 8_000_000,
        method: 'random',
        deadline: '2026-10-09T04:00:00Z',
      })
      .withGuard('api')
      .loginAs(owner)
    const id = draft.body().id
    await mkdir(app.makePath('tmp/test-fixtures'), { recursive: true })
    const pdf = app.makePath('tmp/test-fixtures/采购文件.pdf')
    await writeFile(pdf, PDF_BYTES)
    const exe = app.makePath('tmp/test-fixtures/setup.pdf')
    await writeFile(exe, Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff'))

    const refused = await client
      .post(`/api/v1/projects/${id}/attachments`)
      .file('file', exe)
      .withGuard('api')
      .loginAs(owner)
    refused.assertStatus(422)
    const attached = await client
      .post(`/api/v1/projects/${id}/attachments`)
      .file('file', pdf)
      .withGuard('api')
      .loginAs(owner)
    attached.assertStatus(201)
    const url = attached.body().url

    // A draft's document is the owner's only.
    const early = await client.get(url)
    early.assertStatus(404)

    await client.post(`/api/v1/projects/${id}/publish`).withGuard('api').loginAs(owner)
    const shown = await client.get(`/api/v1/projects/${id}`)
    assert.equal(shown.body().attachments[0].name, '采购文件.pdf')
    const download = await client.get(url)
    download.assertStatus(200)
    assert.include(download.header('content-type'), 'application/pdf')

    const late = await client
      .post(`/api/v1/projects/${id}/attachments`)
      .file('file', pdf)
      .withGuard('api')
      .loginAs(owner)
    late.assertStatus(409)
  })
})
