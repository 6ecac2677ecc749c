import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import { clock } from '#services/clock'

const NOW = new Date('2026-09-29T02:00:00Z')
const user = (email: string) => User.findByOrFail('email', email)

/** A published lowest-price project of the demo owner: ceiling ¥80,000, floor ¥10,000. */
async function publishedProject(client: any) {
  const owner = await user('owner@demo.example.com')
  const draft = await client
    .post(urlFor('api.v1.projects.store'))
    .json({
      title: '东坡区滨江大道改造工程环境影响评价',
      serviceItemCode: 'ZJ-001',
      fundingSource: 'fiscal',
      description: '编制东坡区滨江大道改造工程环境影响报告表，并配合完成技术评审。',
      ceilingPriceFen: 8_000_000,
      floorPriceFen: 1_000_000,
      method: 'lowest_price',
      deadline: '2026-10-09T04:00:00Z',
    })
    .withGuard('api')
    .loginAs(owner)
  draft.assertStatus(201)
  const id = draft.body().id as number
  const published = await client
    .post(urlFor('api.v1.projects.publish', { id }))
    .withGuard('api')
    .loginAs(owner)
  published.assertStatus(200)
  return id
}

/** The opening tag of the form control named `name` in the page. */
function controlNamed(html: string, name: string) {
  const tag = html.match(new RegExp(`<(?:input|textarea|select)[^>]*name="${name}"[^>]*>`))
  if (!tag) throw new Error(`no control named ${name} in the page`)
  return tag[0]
}

/** The field's error paragraph, or null. */
function fieldError(html: string, id: string) {
  const paragraph = html.match(new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`))
  return paragraph ? paragraph[1] : null
}

/** The owner's project form, every field filled in as a person would; `changes` override. */
/** The project form's second step, for an item and a method (the page a refusal goes back to). */
function projectFormPage(method = 'random') {
  return urlFor('owner.projects.create', {}, { qs: { item: 'ZJ-001', method } })
}

function projectForm(changes: Record<string, string>) {
  return {
    title: '滨江大道改造工程环境影响评价',
    serviceItemCode: 'ZJ-001',
    fundingSource: 'fiscal',
    description: '编制滨江大道改造工程环境影响报告表，并配合完成技术评审。',
    ceilingYuan: '80000.00',
    method: 'random',
    deadline: '2026-10-09T12:00',
    ...changes,
  }
}

test.group('Refusals are shown at the field they concern', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('a quote above the ceiling is refused next to the quote field, naming the ceiling, and the field is marked invalid', async ({
    client,
    assert,
  }) => {
    const id = await publishedProject(client)
    const page = urlFor('projects.show', { id })
    const refused = await client
      .post(urlFor('agency.bids.store', { id }))
      .loginAs(await user('agency1@demo.example.com'))
      .header('referer', page)
      .form({ quoteYuan: '80000.01' })
      .withCsrfToken()
    refused.assertStatus(200)
    const html = refused.text()

    assert.equal(fieldError(html, 'field-quoteYuan'), '报价不能高于最高限价 ¥80,000.00')
    const quote = controlNamed(html, 'quoteYuan')
    assert.include(quote, 'aria-invalid="true"')
    assert.match(quote, /aria-describedby="[^"]*field-quoteYuan-error[^"]*"/)
    // The summary above the form names the reason too, linked to the field.
    assert.include(html, '<a href="#field-quoteYuan">报价不能高于最高限价 ¥80,000.00</a>')
    const bids = await db.from('bids').where('project_id', id).count('* as n').first()
    assert.equal(Number(bids.n), 0)
  })

  test('a quote below the floor is refused at the quote field; the API names the field in fen', async ({
    client,
    assert,
  }) => {
    const id = await publishedProject(client)
    const agency = await user('agency1@demo.example.com')
    const refused = await client
      .post(urlFor('agency.bids.store', { id }))
      .loginAs(agency)
      .header('referer', urlFor('projects.show', { id }))
      .form({ quoteYuan: '9999.99' })
      .withCsrfToken()
    assert.equal(fieldError(refused.text(), 'field-quoteYuan'), '报价不能低于最低限价 ¥10,000.00')
    assert.include(controlNamed(refused.text(), 'quoteYuan'), 'aria-invalid="true"')

    const api = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 999_999 })
      .withGuard('api')
      .loginAs(agency)
    api.assertStatus(422)
    assert.deepEqual(api.body().errors, [
      {
        field: 'quoteFen',
        rule: 'project.quoteUnderFloor',
        message: '报价不能低于最低限价 ¥10,000.00',
      },
    ])
  })

  test('a floor not below the ceiling is refused at the floor field of the project form', async ({
    client,
    assert,
  }) => {
    const refused = await client
      .post(urlFor('owner.projects.store'))
      .loginAs(await user('owner@demo.example.com'))
      .header('referer', projectFormPage())
      .form(projectForm({ floorYuan: '90000.00' }))
      .withCsrfToken()
    refused.assertStatus(200)
    assert.equal(fieldError(refused.text(), 'field-floorYuan'), '最低限价必须低于最高限价')
    assert.include(controlNamed(refused.text(), 'floorYuan'), 'aria-invalid="true"')
    assert.include(controlNamed(refused.text(), 'ceilingYuan'), 'aria-invalid="false"')
  })

  test('scored weights that do not sum to 100 are refused under the weights legend, with the total', async ({
    client,
    assert,
  }) => {
    const refused = await client
      .post(urlFor('owner.projects.store'))
      .loginAs(await user('owner@demo.example.com'))
      .header('referer', projectFormPage('scored'))
      .form(
        projectForm({
          'method': 'scored',
          'weights[price]': '40',
          'weights[credit]': '20',
          'weights[performance]': '20',
        })
      )
      .withCsrfToken()
    refused.assertStatus(200)
    const html = refused.text()
    assert.equal(fieldError(html, 'field-weights'), '各项权重之和须为 100 分（现为 80 分）')
    assert.match(html, /<fieldset[^>]*aria-describedby="field-weights-hint field-weights-error"/)
  })

  test('a refusal that concerns no field (bidding after the deadline) is flashed with its reason', async ({
    client,
    assert,
  }) => {
    const id = await publishedProject(client)
    clock.freeze(new Date('2026-10-09T04:00:01Z'))
    const refused = await client
      .post(urlFor('agency.bids.store', { id }))
      .loginAs(await user('agency1@demo.example.com'))
      .header('referer', urlFor('projects.show', { id }))
      .form({ quoteYuan: '70000.00' })
      .withCsrfToken()
    refused.assertStatus(200)
    assert.match(refused.text(), /<div class="alert alert-error" role="alert">[^<]+<\/div>/)
    assert.notInclude(refused.text(), 'class="field-error"')
  })
})

test.group('Each form names its own fields', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test("a project's short description is refused as the project's description, not an agency's", async ({
    client,
    assert,
  }) => {
    const owner = await user('owner@demo.example.com')
    const page = await client
      .post(urlFor('owner.projects.store'))
      .loginAs(owner)
      .header('referer', projectFormPage())
      .form(projectForm({ description: '太短' }))
      .withCsrfToken()
    assert.equal(fieldError(page.text(), 'field-description'), '项目概况至少需要 10 个字符')
    assert.include(controlNamed(page.text(), 'description'), 'aria-invalid="true"')
    assert.notInclude(page.text(), '机构简介')

    const api = await client
      .post(urlFor('api.v1.projects.store'))
      .json({
        title: '滨江大道改造工程环境影响评价',
        serviceItemCode: 'ZJ-001',
        fundingSource: 'fiscal',
        description: '太短',
        ceilingPriceFen: 8_000_000,
        method: 'random',
        deadline: '2026-10-09T04:00:00Z',
      })
      .withGuard('api')
      .loginAs(owner)
    api.assertStatus(422)
    const description = api.body().errors.find((error: any) => error.field === 'description')
    assert.equal(description.message, '项目概况至少需要 10 个字符')
  })

  test('a credit event with an unknown type is refused as a credit event type, not a qualification type', async ({
    client,
    assert,
  }) => {
    const agency = await user('agency1@demo.example.com')
    const refused = await client
      .post(urlFor('api.v1.regulator.credit_events.store'))
      .json({ agencyId: agency.organizationId, type: 'bribery', reason: '查实的违规行为' })
      .withGuard('api')
      .loginAs(await user('regulator@demo.example.com'))
    refused.assertStatus(422)
    assert.equal(refused.body().errors[0].field, 'type')
    assert.equal(refused.body().errors[0].message, '请选择有效的信用事件类型')
  })

  test('in English too, each form uses its own label', async ({ client, assert }) => {
    const refused = await client
      .post(urlFor('api.v1.regulator.credit_events.store'))
      .header('accept-language', 'en')
      .json({ agencyId: 1, type: 'bribery', reason: 'a verified breach' })
      .withGuard('api')
      .loginAs(await user('regulator@demo.example.com'))
    refused.assertStatus(422)
    assert.include(refused.body().errors[0].message, 'credit event type')
  })
})
