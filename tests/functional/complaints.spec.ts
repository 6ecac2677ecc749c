// Assertions read best as `(await runTick()).complaintsOverdue`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import Organization from '#models/organization'
import complaintsConfig from '#config/complaints'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import { trackingCodeHash } from '#domain/complaints'
import { createUserWithRole } from '#database/factories/account_factories'
import { demoAgency, demoOwner } from '#tests/selection_fixtures'
import { disguisedProgram, textPdf } from '#tests/file_fixtures'
import { countQueries, requestFrom } from '#tests/helpers'
import { signedContract } from '#tests/payment_fixtures'
import { sqlTime } from '#services/sql_time'

// Tue 29 Sep 2026, 10:00 Beijing. Ten working days cross the National Day holiday
// (1–7 Oct) and count the make-up Saturday 10 Oct: the limit is 24:00 on Mon 19 Oct.
const NOW = new Date('2026-09-29T02:00:00Z')
const DUE = '2026-10-19T16:00:00.000Z'
// One working day before: when Fri 16 Oct ends.
const REMIND = '2026-10-16T16:00:00.000Z'

const TEXT = '该机构在环评报告编制中另行收取“加急费”两万元，未列入合同。'
const regulator = () => User.findByOrFail('email', 'regulator@demo.example.com')

async function fileByApi(client: any, body: Record<string, unknown> = {}, as?: User) {
  const request = client
    .post('/api/v1/complaints')
    .json({ category: 'fee_violation', text: TEXT, ...body })
  if (as) request.withGuard('api').loginAs(as)
  return request
}

/** Files through the API and returns the id and the tracking code. */
async function filed(client: any, body: Record<string, unknown> = {}, as?: User) {
  const response = await fileByApi(client, body, as)
  response.assertStatus(201)
  return response.body() as { id: number; trackingCode: string }
}

async function asRegulator(client: any, path: string, body?: Record<string, unknown>) {
  const request = body ? client.post(path).json(body) : client.get(path)
  return request.withGuard('api').loginAs(await regulator())
}

async function assigned(client: any, body: Record<string, unknown> = {}) {
  const { id, trackingCode } = await filed(client, body)
  const staff = await regulator()
  ;(
    await asRegulator(client, `/api/v1/regulator/complaints/${id}/assign`, { userId: staff.id })
  ).assertStatus(200)
  return { id, trackingCode }
}

/** A timestamp column as an ISO instant: SQLite gives UTC text, MySQL a Date. */
function instant(value: string | Date) {
  return value instanceof Date
    ? value.toISOString()
    : new Date(`${value.replace(' ', 'T')}Z`).toISOString()
}

async function kindsOf(organizationId: number) {
  const rows = await db
    .from('notifications')
    .where('organization_id', organizationId)
    .orderBy('id')
    .select('kind')
  return rows.map((row) => row.kind as string)
}

async function scoreOf(organizationId: number) {
  const row = await db
    .from('agency_profiles')
    .where('organization_id', organizationId)
    .select('credit_score')
    .firstOrFail()
  return Number(row.credit_score)
}

async function counts() {
  const count = async (table: string) =>
    Number((await db.from(table).count('* as total').firstOrFail()).total)
  return {
    complaints: await count('complaints'),
    files: await count('complaint_files'),
    audit: await count('audit_events'),
    notifications: await count('notifications'),
  }
}

/**
 * An account old enough (thirty days before NOW) whose organisation has a
 * contract signed in the market: it files on a budget of its own.
 */
async function established(user: User) {
  await signedContract({ owner: user })
  await db
    .from('users')
    .where('id', user.id)
    .update({ created_at: sqlTime(new Date(NOW.getTime() - 30 * 86_400_000)) })
  return User.findOrFail(user.id)
}

test.group('Complaints 投诉举报', (group) => {
  const configured = { ...complaintsConfig }
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    complaintsConfig.filingsPerHour = 1000
    await limiter.clear()
    return async () => {
      clock.unfreeze()
      Object.assign(complaintsConfig, configured)
      await limiter.clear()
    }
  })

  test('anyone complains anonymously through the API and gets a tracking code; only its hash is kept; tracking shows the state and no one’s identity', async ({
    client,
    assert,
  }) => {
    const agency = await demoAgency(1)
    const response = await fileByApi(client, { agencyId: agency.organizationId })
    response.assertStatus(201)
    const { id, trackingCode, state, dueAt } = response.body()
    assert.equal(state, 'filed')
    assert.match(trackingCode, /^[\w-]{24}$/)
    assert.equal(new Date(dueAt).toISOString(), DUE)

    const row = await db.from('complaints').where('id', id).firstOrFail()
    assert.equal(row.tracking_code_hash, trackingCodeHash(trackingCode))
    assert.notInclude(JSON.stringify(row), trackingCode)
    assert.equal(row.complainant_kind, 'anonymous')
    assert.isNull(row.complainant_user_id)
    assert.equal(instant(row.remind_at), REMIND)
    assert.equal(instant(row.due_at), DUE)
    const audit = await db.from('audit_events').where('action', 'complaint.filed').firstOrFail()
    assert.notInclude(audit.payload, TEXT)
    assert.notInclude(audit.payload, trackingCode)
    assert.deepEqual(await kindsOf((await regulator()).organizationId), ['complaint.filed'])

    const tracked = await client.get(`/api/v1/complaints/track/${trackingCode}`)
    tracked.assertStatus(200)
    assert.include(tracked.body(), { state: 'filed', category: 'fee_violation', overdue: false })
    const organization = await Organization.findOrFail(agency.organizationId)
    assert.deepEqual(tracked.body().agency, { id: organization.id, name: organization.name })
    assert.notProperty(tracked.body(), 'complainant')
    assert.notProperty(tracked.body(), 'assignee')
    assert.notProperty(tracked.body(), 'text')
    // One character changed (a code ending in "x" gets "y": the code is random).
    const altered = `${trackingCode.slice(0, -1)}${trackingCode.endsWith('x') ? 'y' : 'x'}`
    ;(await client.get(`/api/v1/complaints/track/${altered}`)).assertStatus(404)
    ;(await client.get('/api/v1/complaints/track/short')).assertStatus(404)
  })

  test('bad input answers 422 naming each field, and nothing is written', async ({
    client,
    assert,
  }) => {
    const before = await counts()
    const missing = await client
      .post('/api/v1/complaints')
      .json({ text: '太短', contactPhone: '12345', contactEmail: 'not-an-address' })
    missing.assertStatus(422)
    assert.sameMembers(
      missing.body().errors.map((error: { field: string }) => error.field),
      ['category', 'text', 'contactPhone', 'contactEmail']
    )
    assert.include(missing.body().errors[0].message, '投诉')

    const owner = await demoOwner()
    const wrongSubjects = await fileByApi(client, {
      agencyId: owner.organizationId,
      ownerId: 999_999,
      projectId: 999_999,
    })
    wrongSubjects.assertStatus(422)
    assert.deepEqual(
      wrongSubjects.body().errors.map((error: { field: string; rule: string }) => error.rule),
      ['complaint.unknownAgency', 'complaint.unknownOwner', 'complaint.unknownProject']
    )

    const program = await client
      .post('/api/v1/complaints')
      .field('category', 'false_report')
      .field('text', TEXT)
      .file('files[]', await disguisedProgram('evidence.pdf'))
    program.assertStatus(422)
    // Refused by what the bytes are (a program), whatever the name says.
    assert.match(program.body().errors[0].rule, /^file\.(extname|contentType)$/)

    assert.deepEqual(await counts(), before)
  })

  test('public filing is rate-limited per IP (429 with Retry-After); an established owner has a budget of its own; regulators may not file', async ({
    client,
    assert,
  }) => {
    complaintsConfig.filingsPerHour = 2
    await filed(client)
    await filed(client)
    const refused = await fileByApi(client)
    refused.assertStatus(429)
    assert.equal(refused.body().errors[0].code, 'E_TOO_MANY_REQUESTS')
    assert.isAbove(Number(refused.header('retry-after')), 0)

    const owner = await established(await demoOwner())
    const named = await filed(client, {}, owner)
    const row = await db.from('complaints').where('id', named.id).firstOrFail()
    assert.equal(row.complainant_kind, 'user')
    assert.equal(row.complainant_organization_id, owner.organizationId)

    const form = await client
      .post('/complaints')
      .form({ category: 'other', text: TEXT })
      .withCsrfToken()
    form.assertStatus(429)
    assert.include(form.text(), '提交过于频繁')

    ;(await fileByApi(client, {}, await regulator())).assertStatus(403)
    ;(await client.get('/api/v1/complaints/track/x').bearerToken('mkt_MQ.forged')).assertStatus(404)
    const forged = await client
      .post('/api/v1/complaints')
      .json({ category: 'other', text: TEXT })
      .bearerToken('mkt_MQ.forged')
    forged.assertStatus(401)
  })

  test('fresh accounts cannot multiply a budget: new accounts share their address’s budget with the public and one market-wide budget; an established account keeps its own', async ({
    client,
    assert,
  }) => {
    complaintsConfig.filingsPerHour = 2
    complaintsConfig.newAccountFilingsPerHour = 3
    const [first, second, third] = [
      await createUserWithRole('owner'),
      await createUserWithRole('agency'),
      await createUserWithRole('owner'),
    ]
    ;(await fileByApi(client, {}, first)).assertStatus(201)
    ;(await fileByApi(client, {}, second)).assertStatus(201)
    const thirdAccount = await fileByApi(client, {}, third)
    thirdAccount.assertStatus(429)
    assert.equal(thirdAccount.body().errors[0].code, 'E_TOO_MANY_REQUESTS')
    // The address's budget is spent for the public there too.
    ;(await fileByApi(client)).assertStatus(429)

    // From other addresses, new accounts together get three filings an hour, market-wide.
    const fileFrom = async (address: string, user: User) => {
      const token = await User.accessTokens.create(user, ['*'])
      return requestFrom(address, 'POST', '/api/v1/complaints', {
        json: { category: 'fee_violation', text: TEXT },
        token: token.value!.release(),
      })
    }
    assert.equal((await fileFrom('127.0.0.2', await createUserWithRole('owner'))).status, 201)
    const beyond = await fileFrom('127.0.0.3', await createUserWithRole('agency'))
    assert.equal(beyond.status, 429)
    // The public at another address still has its own budget.
    const anonymous = await requestFrom('127.0.0.3', 'POST', '/api/v1/complaints', {
      json: { category: 'fee_violation', text: TEXT },
    })
    assert.equal(anonymous.status, 201)

    // An established account files on its own budget, from the spent address too.
    const settled = await established(await createUserWithRole('owner'))
    ;(await fileByApi(client, {}, settled)).assertStatus(201)
    ;(await fileByApi(client, {}, settled)).assertStatus(201)
    ;(await fileByApi(client, {}, settled)).assertStatus(429)
  })

  test('the form works without JavaScript: CSRF-protected, evidence attached, the code shown once, the tracking page shows the state', async ({
    client,
    assert,
  }) => {
    const agency = await demoAgency(5)
    const form = await client.get(`/complaints/new?agencyId=${agency.organizationId}`)
    form.assertStatus(200)
    assert.include(form.text(), "name='_csrf'")
    assert.include(form.text(), 'enctype="multipart/form-data"')

    const forged = await client
      .post('/complaints')
      .form({ category: 'other', text: TEXT })
      .redirects(0)
    forged.assertStatus(302)
    assert.equal((await counts()).complaints, 0)

    const invalid = await client
      .post('/complaints')
      .form({ category: 'other', text: '短' })
      .header('referer', '/complaints/new')
      .withCsrfToken()
    assert.include(invalid.text(), 'field-error')
    assert.include(invalid.text(), '投诉内容至少需要 10 个字符')

    const submitted = await client
      .post('/complaints')
      .field('category', 'false_report')
      .field('text', TEXT)
      .field('agencyId', String(agency.organizationId))
      .field('contactName', '张先生')
      .field('contactPhone', '13812345678')
      .file('files[]', await textPdf('Invoice 20000 yuan'))
      .withCsrfToken()
    submitted.assertStatus(200)
    const code = /id="tracking-code">([\w-]+)</.exec(submitted.text())?.[1]
    assert.exists(code)
    assert.include(submitted.text(), '只显示这一次')
    const row = await db.from('complaints').firstOrFail()
    assert.equal(row.complainant_kind, 'public')
    assert.equal(row.contact_name, '张先生')
    assert.lengthOf(await db.from('complaint_files').where('complaint_id', row.id), 1)

    const again = await client.get('/complaints/filed').redirects(0)
    again.assertStatus(302)
    assert.equal(again.header('location'), '/complaints/track')

    const tracked = await client.get(`/complaints/track?code=${code}`)
    tracked.assertStatus(200)
    assert.include(tracked.text(), '已受理，待分派')
    assert.include(tracked.text(), '2026-10-19 24:00')
    assert.notInclude(tracked.text(), '张先生')
    assert.equal(tracked.header('referrer-policy'), 'no-referrer')
    ;(await client.get('/complaints/track?code=nobody-has-this-code-123')).assertStatus(404)
  })

  test('only regulators list, assign and answer (403 otherwise); an unassigned or answered complaint cannot be answered (409)', async ({
    client,
    assert,
  }) => {
    const { id } = await filed(client)
    const owner = await demoOwner()
    const agency = await demoAgency(1)
    for (const outsider of [owner, agency]) {
      const list = await client
        .get('/api/v1/regulator/complaints')
        .withGuard('api')
        .loginAs(outsider)
      list.assertStatus(403)
      const assign = await client
        .post(`/api/v1/regulator/complaints/${id}/assign`)
        .json({ userId: outsider.id })
        .withGuard('api')
        .loginAs(outsider)
      assign.assertStatus(403)
      const answer = await client
        .post(`/api/v1/regulator/complaints/${id}/answer`)
        .json({ upheld: true, decision: '经查属实', public: true })
        .withGuard('api')
        .loginAs(outsider)
      answer.assertStatus(403)
    }
    const answer = { upheld: false, decision: '经核查，收费符合合同约定。', public: true }
    const early = await asRegulator(client, `/api/v1/regulator/complaints/${id}/answer`, answer)
    early.assertStatus(409)
    assert.include(early.body().errors[0].message, '请先分派')

    const notStaff = await asRegulator(client, `/api/v1/regulator/complaints/${id}/assign`, {
      userId: owner.id,
    })
    notStaff.assertStatus(422)
    assert.equal(notStaff.body().errors[0].field, 'userId')

    const colleague = await createUserWithRole('regulator')
    const handed = await asRegulator(client, `/api/v1/regulator/complaints/${id}/assign`, {
      userId: colleague.id,
    })
    handed.assertStatus(200)
    assert.equal(handed.body().state, 'assigned')
    assert.equal(handed.body().assignee.id, colleague.id)
    assert.deepEqual(await kindsOf(colleague.organizationId), ['complaint.assigned'])

    const list = await asRegulator(client, '/api/v1/regulator/complaints?state=assigned')
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((complaint: { id: number }) => complaint.id),
      [id]
    )
    ;(await asRegulator(client, '/api/v1/regulator/complaints?state=lost')).assertStatus(422)

    const answered = await asRegulator(client, `/api/v1/regulator/complaints/${id}/answer`, answer)
    answered.assertStatus(200)
    assert.include(answered.body(), { state: 'answered', outcome: 'rejected', public: true })
    const second = await asRegulator(client, `/api/v1/regulator/complaints/${id}/answer`, answer)
    second.assertStatus(409)
    ;(
      await asRegulator(client, `/api/v1/regulator/complaints/${id}/assign`, {
        userId: colleague.id,
      })
    ).assertStatus(409)
    const actions = await db
      .from('audit_events')
      .where('subject_type', 'complaint')
      .orderBy('id')
      .select('action')
    assert.deepEqual(
      actions.map((row) => row.action),
      ['complaint.filed', 'complaint.assigned', 'complaint.answered']
    )
  })

  test('an upheld complaint about an agency becomes a credit event with the complaint as evidence, and the score follows at once', async ({
    client,
    assert,
  }) => {
    const agency = await demoAgency(1)
    assert.equal(await scoreOf(agency.organizationId), 80)
    const first = await assigned(client, { agencyId: agency.organizationId })
    const upheld = { upheld: true, decision: '经查属实：另行收取加急费。', public: true }

    const rejectedWithCredit = await asRegulator(
      client,
      `/api/v1/regulator/complaints/${first.id}/answer`,
      { ...upheld, upheld: false, creditEvent: true }
    )
    rejectedWithCredit.assertStatus(422)
    assert.equal(rejectedWithCredit.body().errors[0].rule, 'complaint.creditNeedsUpheld')
    assert.equal(
      (await db.from('complaints').where('id', first.id).firstOrFail()).state,
      'assigned'
    )

    const answered = await asRegulator(client, `/api/v1/regulator/complaints/${first.id}/answer`, {
      ...upheld,
      creditEvent: true,
    })
    answered.assertStatus(200)
    assert.include(answered.body().credit, { points: -10, score: 70 })
    assert.equal(await scoreOf(agency.organizationId), 70)
    const event = await db
      .from('credit_events')
      .where('id', answered.body().creditEventId)
      .firstOrFail()
    assert.include(event, { type: 'upheld_complaint', evidence_type: 'complaint' })
    assert.equal(Number(event.evidence_id), first.id)
    const profile = await client.get(`/api/v1/agencies/${agency.organizationId}`)
    assert.deepInclude(profile.body().credit.events[0], {
      type: 'upheld_complaint',
      evidence: { type: 'complaint', id: first.id },
    })
    assert.include(await kindsOf(agency.organizationId), 'complaint.answered')

    const second = await assigned(client, { agencyId: agency.organizationId })
    const ownPoints = await asRegulator(
      client,
      `/api/v1/regulator/complaints/${second.id}/answer`,
      { ...upheld, public: false, creditPoints: -15 }
    )
    ownPoints.assertStatus(200)
    assert.equal(await scoreOf(agency.organizationId), 55)

    const aboutNobody = await assigned(client)
    const noAgency = await asRegulator(
      client,
      `/api/v1/regulator/complaints/${aboutNobody.id}/answer`,
      { ...upheld, creditEvent: true }
    )
    noAgency.assertStatus(422)
    assert.equal(noAgency.body().errors[0].rule, 'complaint.creditNeedsAgency')
    const positive = await asRegulator(
      client,
      `/api/v1/regulator/complaints/${aboutNobody.id}/answer`,
      { ...upheld, creditPoints: 5 }
    )
    positive.assertStatus(422)
  })

  test('the tick reminds one working day before the limit, then marks an unanswered complaint overdue once and escalates to every regulator', async ({
    client,
    assert,
  }) => {
    const staff = await regulator()
    const otherRegulator = await createUserWithRole('regulator')
    const { id, trackingCode } = await assigned(client)
    const tick = async (at: string) => {
      clock.freeze(new Date(at))
      const report = await runTick()
      return { reminded: report.complaintsReminded, overdue: report.complaintsOverdue }
    }

    assert.deepEqual(await tick('2026-10-16T15:59:59Z'), { reminded: 0, overdue: 0 })
    assert.deepEqual(await tick(REMIND), { reminded: 1, overdue: 0 })
    assert.deepEqual(await tick('2026-10-17T03:00:00Z'), { reminded: 0, overdue: 0 })
    assert.deepEqual(await kindsOf(staff.organizationId), [
      'complaint.filed',
      'complaint.assigned',
      'complaint.reminder',
    ])
    assert.deepEqual(await kindsOf(otherRegulator.organizationId), ['complaint.filed'])

    assert.deepEqual(await tick('2026-10-19T15:59:59Z'), { reminded: 0, overdue: 0 })
    assert.deepEqual(await tick(DUE), { reminded: 0, overdue: 1 })
    assert.deepEqual(await tick('2026-10-20T08:00:00Z'), { reminded: 0, overdue: 0 })
    assert.include(await kindsOf(staff.organizationId), 'complaint.overdue')
    assert.deepEqual(await kindsOf(otherRegulator.organizationId), [
      'complaint.filed',
      'complaint.overdue',
    ])
    const escalations = await db.from('notifications').where('kind', 'complaint.overdue')
    assert.lengthOf(escalations, 2)

    const desk = await asRegulator(client, '/api/v1/regulator/complaints')
    assert.include(desk.body().data[0], { id, overdue: true })
    const tracked = await client.get(`/api/v1/complaints/track/${trackingCode}`)
    assert.include(tracked.body(), { state: 'assigned', overdue: true })

    // A complaint nobody took is reminded to every regulator, and never twice.
    clock.freeze(NOW)
    await filed(client)
    assert.deepEqual(await tick(REMIND), { reminded: 1, overdue: 0 })
    assert.lengthOf(await db.from('notifications').where('kind', 'complaint.reminder'), 3)
  })

  test('the public list shows only published outcomes and never the complainant, the text or the contact', async ({
    client,
    assert,
  }) => {
    const owner = await demoOwner()
    const agency = await demoAgency(6)
    const staff = await regulator()
    const answer = async (id: number, decision: string, published: boolean) => {
      await asRegulator(client, `/api/v1/regulator/complaints/${id}/assign`, { userId: staff.id })
      const response = await asRegulator(client, `/api/v1/regulator/complaints/${id}/answer`, {
        upheld: true,
        decision,
        public: published,
      })
      response.assertStatus(200)
    }
    const named = await filed(client, { agencyId: agency.organizationId }, owner)
    const withContact = await filed(client, {
      category: 'overdue_service',
      text: '报告拖延两个月仍未交付，多次催促无果。',
      contactName: '李女士',
      contactPhone: '13900001111',
    })
    const hidden = await filed(client, {
      category: 'bid_collusion',
      text: '三家机构报价雷同，疑似串通。',
    })
    await filed(client, { category: 'other', text: '尚未答复的投诉内容不应公开。' })
    await answer(named.id, '查实：违规收取加急费，已责令退还。', true)
    await answer(withContact.id, '查实：已督促限期交付。', true)
    await answer(hidden.id, '查实：移送有关部门处理。', false)

    const api = await client.get('/api/v1/complaints')
    api.assertStatus(200)
    assert.deepEqual(
      api.body().data.map((outcome: { id: number }) => outcome.id),
      [withContact.id, named.id]
    )
    assert.equal(api.body().meta.total, 2)
    const page = await client.get('/complaints')
    page.assertStatus(200)
    for (const output of [JSON.stringify(api.body()), page.text()]) {
      assert.include(output, '查实：违规收取加急费，已责令退还。')
      assert.include(output, '查实：已督促限期交付。')
      assert.notInclude(output, '移送有关部门处理')
      assert.notInclude(output, '尚未答复')
      assert.notInclude(output, '李女士')
      assert.notInclude(output, '13900001111')
      assert.notInclude(output, TEXT)
      assert.notInclude(output, '眉山市东坡区城市建设投资有限公司')
    }
    assert.notProperty(api.body().data[0], 'complainant')

    const home = await client.get('/')
    assert.include(home.text(), 'href="/complaints"')
  })

  test('the regulator desk lists open complaints with due dates and overdue marks, assigns and answers from the page; evidence is for regulators only', async ({
    client,
    assert,
  }) => {
    const staff = await regulator()
    const owner = await demoOwner()
    const agency = await demoAgency(1)
    const response = await client
      .post('/api/v1/complaints')
      .field('category', 'fee_violation')
      .field('text', TEXT)
      .field('agencyId', String(agency.organizationId))
      .file('files[]', await textPdf('Receipt'))
    response.assertStatus(201)
    const { id } = response.body()
    clock.freeze(new Date('2026-10-20T01:00:00Z'))

    const desk = await client.get('/regulator/complaints').loginAs(staff)
    desk.assertStatus(200)
    assert.include(desk.text(), TEXT)
    assert.include(desk.text(), '2026-10-19 24:00')
    assert.include(desk.text(), '已超期')
    ;(await client.get('/regulator/complaints').loginAs(owner)).assertStatus(403)
    const dashboard = await client.get('/dashboard/regulator').loginAs(staff)
    assert.include(dashboard.text(), 'href="/regulator/complaints"')

    const file = await db.from('complaint_files').where('complaint_id', id).firstOrFail()
    const download = await client.get(`/regulator/complaint-files/${file.id}`).loginAs(staff)
    download.assertStatus(200)
    assert.equal(download.header('content-type'), 'application/pdf')
    ;(await client.get(`/regulator/complaint-files/${file.id}`).loginAs(owner)).assertStatus(403)

    const handed = await client
      .post(`/regulator/complaints/${id}/assign`)
      .form({ userId: staff.id })
      .header('referer', '/regulator/complaints')
      .loginAs(staff)
      .withCsrfToken()
    assert.include(handed.text(), `第 ${id} 号投诉已分派。`)
    const answered = await client
      .post(`/regulator/complaints/${id}/answer`)
      .form({ decision: '经查属实，已责令退还。', upheld: 'true', public: '1', creditEvent: '1' })
      .header('referer', '/regulator/complaints')
      .loginAs(staff)
      .withCsrfToken()
    assert.include(answered.text(), `第 ${id} 号投诉已答复。`)
    const row = await db.from('complaints').where('id', id).firstOrFail()
    assert.equal(row.outcome, 'upheld')
    assert.isTrue(Boolean(row.outcome_public))
    assert.isNotNull(row.credit_event_id)
    assert.equal(await scoreOf(agency.organizationId), 70)
  })

  test('the desk and the public list run the same number of queries whatever the number of complaints', async ({
    client,
    assert,
  }) => {
    const staff = await regulator()
    const answerPublicly = async (id: number) => {
      await asRegulator(client, `/api/v1/regulator/complaints/${id}/assign`, { userId: staff.id })
      await asRegulator(client, `/api/v1/regulator/complaints/${id}/answer`, {
        upheld: false,
        decision: '经核查不属实。',
        public: true,
      })
    }
    const fileOne = async (n: number) => {
      const agency = await demoAgency(n)
      const { id } = await filed(
        client,
        { agencyId: agency.organizationId, ownerId: (await demoOwner()).organizationId },
        await demoOwner()
      )
      return id
    }
    const measure = async () => ({
      desk: await countQueries(() => client.get('/regulator/complaints').loginAs(staff)),
      api: await countQueries(() => asRegulator(client, '/api/v1/regulator/complaints')),
      public: await countQueries(() => client.get('/complaints')),
    })
    await answerPublicly(await fileOne(1))
    await fileOne(2)
    const few = await measure()
    for (const n of [3, 4, 5]) await answerPublicly(await fileOne(n))
    for (const n of [6, 7]) await fileOne(n)
    assert.deepEqual(await measure(), few)
  })
})
