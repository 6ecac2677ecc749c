import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import { mkdir, writeFile } from 'node:fs/promises'
import Qualification from '#models/qualification'
import { createUserWithRole } from '#database/factories/account_factories'

const fixtures = app.makePath('tmp/test-fixtures')

/** A tiny but real PDF: file-type recognises it by its %PDF- signature. */
const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
)

async function fixture(name: string, bytes: Buffer) {
  await mkdir(fixtures, { recursive: true })
  const path = `${fixtures}/${name}`
  await writeFile(path, bytes)
  return path
}

const qualificationFields = {
  type: 'surveying',
  level: 'b',
  certificateNo: '乙测资字51100999',
  issuer: '四川省自然资源厅',
  validUntil: '2028-06-30',
}

test.group('Qualification scans', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a PDF scan is stored under a random name and served only to the agency and to staff', async ({
    client,
    assert,
  }) => {
    const agency = await createUserWithRole('agency')
    const pdf = await fixture('licence.pdf', PDF_BYTES)
    const response = await client
      .post('/api/v1/agency/qualifications')
      .withGuard('api')
      .loginAs(agency)
      .fields(qualificationFields)
      .file('file', pdf)
    response.assertStatus(201)
    assert.equal(response.body().status, 'unverified')
    assert.isTrue(response.body().hasFile)

    const stored = await Qualification.findOrFail(response.body().id)
    assert.match(stored.fileKey!, /^qualifications\/[0-9a-f-]{36}\.pdf$/)
    assert.equal(stored.fileMime, 'application/pdf')

    const own = await client
      .get(`/api/v1/qualifications/${stored.id}/file`)
      .withGuard('api')
      .loginAs(agency)
    own.assertStatus(200)
    own.assertHeader('content-type', 'application/pdf')

    const regulator = await createUserWithRole('regulator')
    const inspected = await client.get(`/qualifications/${stored.id}/file`).loginAs(regulator)
    inspected.assertStatus(200)

    const competitor = await createUserWithRole('agency')
    const refused = await client
      .get(`/api/v1/qualifications/${stored.id}/file`)
      .withGuard('api')
      .loginAs(competitor)
    refused.assertStatus(403)
    const owner = await createUserWithRole('owner')
    const ownerRefused = await client.get(`/qualifications/${stored.id}/file`).loginAs(owner)
    ownerRefused.assertStatus(403)
    const anonymous = await client.get(`/api/v1/qualifications/${stored.id}/file`)
    anonymous.assertStatus(401)
  })

  test('an EXE renamed ".pdf" is refused from its content, and nothing is stored', async ({
    client,
    assert,
  }) => {
    const agency = await createUserWithRole('agency')
    const exe = Buffer.alloc(4096)
    exe.write('MZ', 0)
    exe.writeUInt32LE(0x80, 0x3c)
    exe.write('PE\0\0', 0x80, 'binary')
    const path = await fixture('invoice.pdf', exe)
    const response = await client
      .post('/api/v1/agency/qualifications')
      .withGuard('api')
      .loginAs(agency)
      .fields(qualificationFields)
      .file('file', path)
    response.assertStatus(422)
    // The body parser names the file by its content (exe) and our rule sniffs it again:
    // either way the refusal comes from the bytes, not from the ".pdf" in the name.
    const [error] = response.body().errors
    assert.equal(error.field, 'file')
    assert.oneOf(error.rule, ['file.extname', 'file.contentType'])
    assert.include(error.message, 'PDF')
    assert.lengthOf(await Qualification.query().where('organization_id', agency.organizationId), 0)
  })

  test('a file over 10 MB is refused', async ({ client, assert }) => {
    const agency = await createUserWithRole('agency')
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)
    PDF_BYTES.copy(big)
    const path = await fixture('big.pdf', big)
    const response = await client
      .post('/api/v1/agency/qualifications')
      .withGuard('api')
      .loginAs(agency)
      .fields(qualificationFields)
      .file('file', path)
    response.assertStatus(422)
    assert.equal(response.body().errors[0].rule, 'file.size')
  })

  test('a regulator spot-checks a qualification; a checked one can no longer be removed', async ({
    client,
    assert,
  }) => {
    const agency = await createUserWithRole('agency')
    const regulator = await createUserWithRole('regulator')
    const created = await client
      .post('/api/v1/agency/qualifications')
      .withGuard('api')
      .loginAs(agency)
      .json(qualificationFields)
    const id = created.body().id

    const pending = await client
      .get('/api/v1/regulator/qualifications')
      .withGuard('api')
      .loginAs(regulator)
    assert.include(
      pending.body().data.map((q: { id: number }) => q.id),
      id
    )

    const byAgency = await client
      .post(`/api/v1/regulator/qualifications/${id}/checks`)
      .withGuard('api')
      .loginAs(agency)
      .json({ outcome: 'verified', note: '自查' })
    byAgency.assertStatus(403)

    const checked = await client
      .post(`/api/v1/regulator/qualifications/${id}/checks`)
      .withGuard('api')
      .loginAs(regulator)
      .json({ outcome: 'false', note: '发证机关查无此证' })
    checked.assertStatus(201)
    const qualification = await Qualification.query()
      .where('id', id)
      .preload('checks')
      .firstOrFail()
    assert.equal(qualification.status, 'false')
    assert.equal(qualification.checks[0].note, '发证机关查无此证')

    const removal = await client
      .delete(`/api/v1/agency/qualifications/${id}`)
      .withGuard('api')
      .loginAs(agency)
    removal.assertStatus(409)

    const page = await client.get(`/agencies/${agency.organizationId}`)
    page.assertTextIncludes('核验不实')
  })
})
