// Assertions read best as `(await scoreOf(1))`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import { recomputeAllScores } from '#services/credit_ledger'
import { UserFactory, createUserWithRole } from '#database/factories/account_factories'
import { disguisedProgram, textPdf } from '#tests/file_fixtures'

/** A Monday: the penalty is recorded then; 一般失信 may be repaired from 11 August. */
const RECORDED = new Date('2026-05-11T02:00:00Z')
const BEFORE_MINIMUM = new Date('2026-08-10T02:00:00Z')
const AFTER_MINIMUM = new Date('2026-08-11T02:00:00Z')

const user = (email: string) => User.findByOrFail('email', email)
const regulatorUser = () => user('regulator@demo.example.com')
const agency = (n: number) => user(`agency${n}@demo.example.com`)

const CORRECTION = '已全额退还多收费用并重新提交合规报告，整改完毕。'
const COMMITMENT =
  '本机构承诺已纠正失信行为并履行相关义务，所提交材料真实有效；今后诚信经营，如有违反愿意接受失信惩戒。'

async function scoreOf(organizationId: number) {
  const row = await db
    .from('agency_profiles')
    .where('organization_id', organizationId)
    .select('credit_score')
    .firstOrFail()
  return Number(row.credit_score)
}

/** A regulator penalty (一般失信, −10) against agency 1, recorded at RECORDED. */
async function penalty(client: any, as?: User) {
  clock.freeze(RECORDED)
  const target = await agency(1)
  const recorded = await client
    .post('/api/v1/regulator/credit-events')
    .json({ agencyId: target.organizationId, type: 'regulator_penalty', reason: '违规收取费用' })
    .withGuard('api')
    .loginAs(as ?? (await regulatorUser()))
  recorded.assertStatus(201)
  const event = await db.from('credit_events').orderBy('id', 'desc').firstOrFail()
  return { target, eventId: Number(event.id) }
}

async function applyByApi(
  client: any,
  as: User,
  fields: Record<string, string | number>,
  files: string[] = []
) {
  let request = client.post('/api/v1/credit-repairs').withGuard('api').loginAs(as)
  for (const [name, value] of Object.entries(fields)) request = request.field(name, String(value))
  for (const file of files) request = request.file('files[]', file)
  return request
}

const fullApplication = (eventId: number) => ({
  creditEventId: eventId,
  correction: CORRECTION,
  commitment: COMMITMENT,
  signed: 'true',
})

test.group('Credit repair (信用修复)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld({ items: ['ZJ-001'], agencies: [1, 5] })
    return () => clock.unfreeze()
  })

  test('refused before the minimum publication period, naming the day; granted after it: the event stops counting and showing, its ban is lifted and the commitment is published', async ({
    client,
    assert,
  }) => {
    const regulator = await regulatorUser()
    const { target, eventId } = await penalty(client)
    const event = await db.from('credit_events').where('id', eventId).firstOrFail()
    assert.equal(event.severity, 'general')
    assert.equal(await scoreOf(target.organizationId), 70)
    // The penalty caused a ban (禁入) that names it.
    const ban = await client
      .post('/api/v1/regulator/bans')
      .json({
        agencyId: target.organizationId,
        reason: '违规收取费用',
        legalBasis: '中介服务管理办法第二十条',
        startsAt: '2026-05-11',
        creditEventId: eventId,
      })
      .withGuard('api')
      .loginAs(regulator)
    ban.assertStatus(201)

    // The public sees the general information during its publication year.
    const shown = await client.get(`/api/v1/agencies/${target.organizationId}`)
    assert.include(
      shown.body().credit.events.map((row: any) => row.id),
      eventId
    )

    // One day before the 3-month minimum: refused, naming the day.
    clock.freeze(BEFORE_MINIMUM)
    const early = await applyByApi(client, target, fullApplication(eventId), [
      await textPdf('Refund receipt'),
    ])
    early.assertStatus(409)
    assert.include(early.body().errors[0].message, '2026-08-11')
    assert.lengthOf(await db.from('credit_appeals'), 0)
    assert.lengthOf(await db.from('credit_appeal_files'), 0)

    // On the day: accepted, decided within the rule's working days.
    clock.freeze(AFTER_MINIMUM)
    const applied = await applyByApi(client, target, fullApplication(eventId), [
      await textPdf('Refund receipt'),
    ])
    applied.assertStatus(201)
    assert.equal(applied.body().kind, 'repair')
    assert.equal(applied.body().commitment, COMMITMENT)
    // 5 working days from Tuesday 11 August: the decision is due by the end of Tuesday 18 August.
    assert.equal(applied.body().decisionDueAt, '2026-08-19T00:00:00.000+08:00')
    const second = await applyByApi(client, target, fullApplication(eventId), [
      await textPdf('Refund receipt'),
    ])
    second.assertStatus(409)

    // The regulator sees the correction, the commitment and the evidence.
    const desk = await client.get('/regulator/credit-appeals').loginAs(regulator)
    desk.assertTextIncludes(CORRECTION)
    desk.assertTextIncludes(COMMITMENT)
    const [file] = await db.from('credit_appeal_files')
    const evidence = await client
      .get(`/regulator/credit-repair-files/${file.id}`)
      .loginAs(regulator)
    evidence.assertStatus(200)
    ;(await client.get(`/regulator/credit-repair-files/${file.id}`).loginAs(target)).assertStatus(
      403
    )

    const granted = await client
      .post(`/api/v1/regulator/credit-repairs/${applied.body().id}/decide`)
      .json({ granted: true, decision: '整改到位，准予修复' })
      .withGuard('api')
      .loginAs(regulator)
    granted.assertStatus(200)
    // At once, together: no points, not public, the ban lifted.
    assert.equal(await scoreOf(target.organizationId), 80)
    assert.equal(
      (await db.from('credit_events').where('id', eventId).firstOrFail()).status,
      'repaired'
    )
    const banRow = await db.from('bans').where('credit_event_id', eventId).firstOrFail()
    assert.isNotNull(banRow.lifted_at)
    const profile = await client.get(`/api/v1/agencies/${target.organizationId}`)
    assert.notInclude(
      profile.body().credit.events.map((row: any) => row.id),
      eventId
    )
    assert.isFalse(profile.body().banned)
    await recomputeAllScores()
    assert.equal(await scoreOf(target.organizationId), 80)
    // The commitment stays published on the agency's page; the agency still sees its record.
    const page = await client.get(`/agencies/${target.organizationId}`)
    page.assertTextIncludes(COMMITMENT)
    assert.notInclude(page.text(), '违规收取费用')
    const own = await client.get('/api/v1/agency/credit-events').withGuard('api').loginAs(target)
    assert.equal(own.body().data.find((row: any) => row.id === eventId).status, 'repaired')
    ;(
      await client
        .post(`/api/v1/regulator/credit-repairs/${applied.body().id}/decide`)
        .json({ granted: false, decision: '重复处理' })
        .withGuard('api')
        .loginAs(regulator)
    ).assertStatus(409)
  })

  test('an application needs the correction, a signed commitment and evidence that is what it claims to be', async ({
    client,
    assert,
  }) => {
    const { target, eventId } = await penalty(client)
    clock.freeze(AFTER_MINIMUM)
    const bare = await applyByApi(client, target, { creditEventId: eventId, correction: '改了' })
    bare.assertStatus(422)
    assert.includeMembers(
      bare.body().errors.map((error: any) => error.field),
      ['correction', 'commitment', 'signed', 'files']
    )
    const program = await applyByApi(client, target, fullApplication(eventId), [
      await disguisedProgram('receipt.pdf'),
    ])
    program.assertStatus(422)
    assert.match(program.body().errors[0].rule, /^file\.(extname|contentType)$/)
    // Not the agency's own event, not an agency: refused.
    const other = await agency(5)
    ;(
      await applyByApi(client, other, fullApplication(eventId), [await textPdf('Receipt')])
    ).assertStatus(403)
    ;(
      await applyByApi(client, await regulatorUser(), fullApplication(eventId), [
        await textPdf('Receipt'),
      ])
    ).assertStatus(403)
    assert.lengthOf(await db.from('credit_appeals'), 0)
  })

  test('the page form applies with files, and refuses before the minimum period with the reason', async ({
    client,
    assert,
  }) => {
    const { target, eventId } = await penalty(client)
    clock.freeze(BEFORE_MINIMUM)
    const form = await client.get(`/credit-events/${eventId}/repair`).loginAs(target)
    form.assertStatus(200)
    form.assertTextIncludes('2026-08-11')
    const refused = await client
      .post(`/credit-events/${eventId}/repair`)
      .field('correction', CORRECTION)
      .field('commitment', COMMITMENT)
      .field('signed', '1')
      .file('files[]', await textPdf('Receipt'))
      .withCsrfToken()
      .loginAs(target)
      .redirects(0)
    refused.assertStatus(302)
    assert.lengthOf(await db.from('credit_appeals'), 0)
    clock.freeze(AFTER_MINIMUM)
    const accepted = await client
      .post(`/credit-events/${eventId}/repair`)
      .field('correction', CORRECTION)
      .field('commitment', COMMITMENT)
      .field('signed', '1')
      .file('files[]', await textPdf('Receipt'))
      .withCsrfToken()
      .loginAs(target)
      .redirects(0)
    accepted.assertStatus(302)
    assert.equal(accepted.header('location'), `/agencies/${target.organizationId}`)
    const [appeal] = await db.from('credit_appeals')
    assert.equal(appeal.kind, 'repair')
    assert.equal(appeal.commitment, COMMITMENT)
    ;(await client.get(`/credit-events/${eventId}/repair`).loginAs(await agency(5))).assertStatus(
      403
    )
  })

  test('谁认定、谁修复: a regulator of another body cannot decide; a refusal keeps the event; past the limit the tick escalates', async ({
    client,
    assert,
  }) => {
    const regulator = await regulatorUser()
    const { target, eventId } = await penalty(client)
    clock.freeze(AFTER_MINIMUM)
    const applied = await applyByApi(client, target, fullApplication(eventId), [
      await textPdf('Receipt'),
    ])
    applied.assertStatus(201)
    const elsewhere = await createUserWithRole('regulator')
    const foreign = await client
      .post(`/api/v1/regulator/credit-repairs/${applied.body().id}/decide`)
      .json({ granted: true, decision: '准予修复' })
      .withGuard('api')
      .loginAs(elsewhere)
    foreign.assertStatus(403)
    assert.equal(foreign.body().errors[0].code, 'E_NOT_RECORDING_BODY')

    // Past the decision limit: marked overdue once, every regulator told.
    clock.freeze(new Date('2026-08-19T00:00:01+08:00'))
    assert.equal((await runTick()).creditAppealsOverdue, 1)
    assert.equal((await runTick()).creditAppealsOverdue, 0)

    // A colleague of the recording body decides: refused, the event keeps counting.
    const colleague = await UserFactory.merge({
      role: 'regulator',
      organizationId: regulator.organizationId,
    }).create()
    const refused = await client
      .post(`/api/v1/regulator/credit-repairs/${applied.body().id}/decide`)
      .json({ granted: false, decision: '证明材料不足，退还费用凭证缺失' })
      .withGuard('api')
      .loginAs(colleague)
    refused.assertStatus(200)
    assert.equal(refused.body().status, 'refused')
    assert.equal(
      (await db.from('credit_events').where('id', eventId).firstOrFail()).status,
      'valid'
    )
    assert.equal(await scoreOf(target.organizationId), 70)
  })

  test('publication ends by itself: a general event is public for a year, then only the agency and regulators see it', async ({
    client,
    assert,
  }) => {
    const { target, eventId } = await penalty(client)
    const ids = async () =>
      (await client.get(`/api/v1/agencies/${target.organizationId}`))
        .body()
        .credit.events.map((row: any) => row.id)
    clock.freeze(new Date('2027-05-11T01:59:59Z'))
    assert.include(await ids(), eventId)
    clock.freeze(new Date('2027-05-11T02:00:00Z'))
    assert.notInclude(await ids(), eventId)
    // Still counting (valid two years): the public is told how many unpublished records count, and their points.
    const profile = await client.get(`/api/v1/agencies/${target.organizationId}`)
    assert.deepEqual(profile.body().credit.unpublished, { count: 1, points: -10 })
    const publicPage = await client.get(`/agencies/${target.organizationId}`)
    publicPage.assertTextIncludes('另有 1 条不公示的信息')
    const own = await client.get('/api/v1/agency/credit-events').withGuard('api').loginAs(target)
    const mine = own.body().data.find((row: any) => row.id === eventId)
    assert.isFalse(mine.publiclyShown)
    assert.equal(mine.severity, 'general')
    const page = await client.get(`/agencies/${target.organizationId}`).loginAs(target)
    page.assertTextIncludes('公示期已满，不再公开')
  })

  test('the rule table classes each type within the legal bounds; a new class applies to new events only', async ({
    client,
    assert,
  }) => {
    const regulator = await regulatorUser()
    clock.freeze(RECORDED)
    const current = await client
      .get('/api/v1/regulator/credit-rules')
      .withGuard('api')
      .loginAs(regulator)
    const rules = current.body().rules
    const put = (table: Record<string, unknown>) =>
      client
        .put('/api/v1/regulator/credit-rules')
        .json({ rules: table, reason: '调整失信等级与公示期限' })
        .withGuard('api')
        .loginAs(regulator)
    const outOfBounds = await put({
      ...rules,
      refused_to_sign: {
        ...rules.refused_to_sign,
        minPublicationMonths: 2,
        maxPublicationMonths: 13,
      },
      evaluation_good: { ...rules.evaluation_good, severity: 'serious' },
      overdue: { ...rules.overdue, severity: 'none' },
    })
    outOfBounds.assertStatus(422)
    assert.sameMembers(
      outOfBounds.body().errors.map((error: any) => error.field),
      [
        'rules.refused_to_sign.minPublicationMonths',
        'rules.refused_to_sign.maxPublicationMonths',
        'rules.evaluation_good.severity',
        'rules.overdue.severity',
      ]
    )
    assert.include(outOfBounds.body().errors[0].message, '3–12')
    // A penalty becomes serious (严重: 12 to 36 months): the next one is repairable after a year.
    const published = await put({
      ...rules,
      regulator_penalty: {
        ...rules.regulator_penalty,
        severity: 'serious',
        minPublicationMonths: 12,
        maxPublicationMonths: 36,
      },
    })
    published.assertStatus(200)
    const { eventId } = await penalty(client, regulator)
    const event = await db.from('credit_events').where('id', eventId).firstOrFail()
    assert.equal(event.severity, 'serious')
    const own = await client
      .get('/api/v1/agency/credit-events')
      .withGuard('api')
      .loginAs(await agency(1))
    const mine = own.body().data.find((row: any) => row.id === eventId)
    assert.equal(mine.repairableFrom, '2027-05-11T10:00:00.000+08:00')
    assert.equal(mine.publicationEndsAt, '2029-05-11T10:00:00.000+08:00')
  })
})
