import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import mail from '@adonisjs/mail/services/main'
import type { FakeMailer } from '@adonisjs/mail'
import { marketWorld } from '#tests/worlds'
import { UserFactory } from '#database/factories/account_factories'
import Organization from '#models/organization'
import ServiceItem from '#models/service_item'
import User from '#models/user'
import { withdrawAgency } from '#actions/registry/agency_listing'
import { LogMailTransport } from '#services/log_mail_transport'
import {
  markNotificationsRead,
  notify,
  organizationsOfferingItem,
  type Notice,
} from '#services/notifications'
import { appUrl } from '#config/app'

const DEADLINE = '2026-10-09T04:00:00.000Z' // 12:00 in Beijing

const userByEmail = (email: string) => User.findByOrFail('email', email)
const agency = (n: number) => userByEmail(`agency${n}@demo.example.com`)

/** A published project of the owner, written directly (its lifecycle is tested elsewhere). */
async function aProject(code: string) {
  const owner = await userByEmail('owner@demo.example.com')
  const item = await ServiceItem.findByOrFail('code', 'ZJ-001')
  const [id] = await db
    .table('projects')
    .insert({
      code,
      owner_organization_id: owner.organizationId,
      created_by_user_id: owner.id,
      service_item_id: item.id,
      service_item_version: item.version,
      title: '东坡区滨江大道改造工程环境影响评价',
      description: '编制环境影响报告表。',
      deliverables: '环境影响报告表',
      location: '眉山市东坡区',
      region_code: '511402',
      funding_source: 'fiscal',
      ceiling_price_fen: 8_000_000,
      method: 'lowest_price',
      response_deadline: '2026-10-09 04:00:00',
      time_limit_working_days: 15,
      contact_name: '王小明',
      contact_phone: '13912345678',
      status: 'published',
      created_at: '2026-09-29 02:00:00',
    })
    .returning('id')
  return {
    id: Number(typeof id === 'object' ? id.id : id),
    code,
    title: '东坡区滨江大道改造工程环境影响评价',
  }
}

function publishedNotice(
  organizationIds: number[],
  project: { id: number; code: string; title: string }
): Notice {
  return {
    organizationIds,
    kind: 'project.published',
    projectId: project.id,
    data: { code: project.code, title: project.title, item: '环境影响评价', deadline: DEADLINE },
  }
}

/** The SQL run during some work (tests log queries through the db:query event). */
async function recordQueries<T>(work: () => Promise<T>) {
  const sql: string[] = []
  const listener = (query: { sql: string }) => sql.push(query.sql)
  emitter.on('db:query', listener)
  try {
    return { result: await work(), sql }
  } finally {
    emitter.off('db:query', listener)
  }
}

async function notifyCommitted(notice: Notice) {
  await db.transaction((trx) => notify(trx, notice))
}

let fakeMailer: FakeMailer

test.group('Notifications', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    fakeMailer = mail.fake()
    return () => mail.restore()
  })

  test('news of a project goes to the listed agencies offering its item, not to the others', async ({
    assert,
  }) => {
    const item = await ServiceItem.findByOrFail('code', 'ZJ-001')
    const offering = await agency(1)
    const other = await agency(2)

    const before = await organizationsOfferingItem(item.id)
    assert.include(before, offering.organizationId)
    assert.notInclude(before, other.organizationId)

    await withdrawAgency(await Organization.findOrFail(offering.organizationId), offering)
    assert.notInclude(await organizationsOfferingItem(item.id), offering.organizationId)
  })

  test('a committed notice stores one row per organisation and e-mails every user of each, with the project link', async ({
    assert,
  }) => {
    const project = await aProject('MS-N-0001')
    const first = await agency(1)
    const colleague = await UserFactory.merge({
      role: 'agency',
      organizationId: first.organizationId,
      email: 'colleague@agency1.example.com',
    }).create()
    const second = await agency(2)

    await notifyCommitted(
      publishedNotice([first.organizationId, second.organizationId, first.organizationId], project)
    )

    const rows = await db.from('notifications').where('project_id', project.id).orderBy('id')
    assert.deepEqual(
      rows.map((row) => row.organization_id),
      [first.organizationId, second.organizationId]
    )
    assert.isTrue(rows.every((row) => row.kind === 'project.published' && row.read_at === null))

    const { messages } = fakeMailer
    const subject = `新项目公告：${project.title}`
    messages.assertQueuedCount(3)
    for (const user of [first, colleague, second]) {
      messages.assertQueued({ to: user.email, subject })
    }
    const [message] = messages.queued((queued) => queued.hasTo(first.email))
    message.assertFrom('noreply@market.example', '网上中介服务超市')
    message.assertHtmlIncludes(new URL(`/projects/${project.id}`, appUrl).toString())
    message.assertHtmlIncludes('2026-10-09 12:00')
    message.assertTextIncludes('报名截止时间为 2026-10-09 12:00')
  })

  test('a rolled-back transition stores no notification and sends no e-mail', async ({
    assert,
  }) => {
    const project = await aProject('MS-N-0002')
    const first = await agency(1)

    await assert.rejects(
      () =>
        db.transaction(async (trx) => {
          await notify(trx, publishedNotice([first.organizationId], project))
          throw new Error('the transition was refused')
        }),
      'the transition was refused'
    )

    const [{ total }] = await db.from('notifications').count('* as total')
    assert.equal(Number(total), 0)
    const { messages } = fakeMailer
    messages.assertNoneQueued()
    messages.assertNoneSent()
  })

  test('a mail failure is logged, not thrown into the transition', async ({ assert }) => {
    const project = await aProject('MS-N-0003')
    const first = await agency(1)
    const sendLater = mail.sendLater
    mail.sendLater = async () => {
      throw new Error('SMTP server unreachable')
    }
    try {
      await notifyCommitted(publishedNotice([first.organizationId], project))
    } finally {
      mail.sendLater = sendLater
    }
    const rows = await db.from('notifications').where('organization_id', first.organizationId)
    assert.lengthOf(rows, 1)
  })

  test('without an SMTP server the e-mails go through the mail queue to the log', async ({
    assert,
  }) => {
    mail.restore()
    const project = await aProject('MS-N-0010')
    const first = await agency(1)
    const sent = new Promise<{ mailerName: string; response: { messageId: string } }>((resolve) =>
      emitter.once('mail:sent', resolve)
    )
    await notifyCommitted(publishedNotice([first.organizationId], project))
    const { mailerName, response } = await sent
    assert.equal(mailerName, 'log')
    assert.match(response.messageId, /@log\.transport>$/)

    const direct = await new LogMailTransport().send({
      to: ['someone@example.com'],
      subject: '测试',
    })
    assert.match(direct.messageId, /@log\.transport>$/)
  })

  test('the API lists only the caller organisation’s notifications, newest first, with the unread count', async ({
    client,
    assert,
  }) => {
    const project = await aProject('MS-N-0004')
    const first = await agency(1)
    const colleague = await UserFactory.merge({
      role: 'agency',
      organizationId: first.organizationId,
    }).create()
    const second = await agency(2)
    await notifyCommitted(publishedNotice([first.organizationId, second.organizationId], project))
    await notifyCommitted({
      organizationIds: [first.organizationId],
      kind: 'bid.abnormally_low',
      projectId: project.id,
      data: { code: project.code, title: project.title, deadline: DEADLINE },
    })

    const response = await client.get('/api/v1/notifications').withGuard('api').loginAs(colleague)
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.deepEqual(meta, { total: 2, page: 1, perPage: 20, unread: 2 })
    assert.deepEqual(
      data.map((row: { kind: string }) => row.kind),
      ['bid.abnormally_low', 'project.published']
    )
    assert.equal(data[0].projectId, project.id)
    assert.equal(data[0].title, `请说明报价：${project.title}`)
    assert.include(data[0].body, '2026-10-09 12:00')
    assert.isNull(data[0].readAt)
    assert.isString(data[0].createdAt)

    const english = await client
      .get('/api/v1/notifications')
      .header('accept-language', 'en')
      .withGuard('api')
      .loginAs(first)
    assert.equal(english.body().data[1].title, `New project: ${project.title}`)

    const others = await client.get('/api/v1/notifications').withGuard('api').loginAs(second)
    assert.equal(others.body().meta.total, 1)
  })

  test('marking read through the API marks the own notifications and ignores another organisation’s ids', async ({
    client,
    assert,
  }) => {
    const project = await aProject('MS-N-0005')
    const first = await agency(1)
    const second = await agency(2)
    await notifyCommitted(publishedNotice([first.organizationId, second.organizationId], project))
    await notifyCommitted(publishedNotice([first.organizationId], project))
    const own = await db.from('notifications').where('organization_id', first.organizationId)
    const [foreign] = await db.from('notifications').where('organization_id', second.organizationId)

    const marked = await client
      .post('/api/v1/notifications/read')
      .json({ ids: [own[0].id, foreign.id] })
      .withGuard('api')
      .loginAs(first)
    marked.assertStatus(200)
    marked.assertBody({ marked: 1, unread: 1 })
    const untouched = await db.from('notifications').where('id', foreign.id).firstOrFail()
    assert.isNull(untouched.read_at)

    const unread = await client
      .get('/api/v1/notifications?unread=true')
      .withGuard('api')
      .loginAs(first)
    assert.deepEqual(
      unread.body().data.map((row: { id: number }) => row.id),
      [own[1].id]
    )

    const all = await client
      .post('/api/v1/notifications/read')
      .json({})
      .withGuard('api')
      .loginAs(first)
    all.assertBody({ marked: 1, unread: 0 })
    const list = await client.get('/api/v1/notifications').withGuard('api').loginAs(first)
    assert.isTrue(list.body().data.every((row: { readAt: string | null }) => row.readAt !== null))
  })

  test('the API refuses ids that are not numbers and callers without a token', async ({
    client,
  }) => {
    const first = await agency(1)
    const invalid = await client
      .post('/api/v1/notifications/read')
      .json({ ids: ['all'] })
      .withGuard('api')
      .loginAs(first)
    invalid.assertStatus(422)
    const anonymous = await client.get('/api/v1/notifications')
    anonymous.assertStatus(401)
  })

  test('the page lists the notifications with the unread badge; marking all read clears it', async ({
    client,
    assert,
  }) => {
    const project = await aProject('MS-N-0006')
    const first = await agency(1)
    await notifyCommitted(publishedNotice([first.organizationId], project))
    await notifyCommitted({
      organizationIds: [first.organizationId],
      kind: 'direct.requested',
      projectId: project.id,
      data: { code: project.code, title: project.title, deadline: DEADLINE },
    })

    const page = await client.get('/notifications').loginAs(first)
    page.assertStatus(200)
    page.assertTextIncludes(`直接选取邀请：${project.title}`)
    page.assertTextIncludes(`href="/projects/${project.id}"`)
    page.assertTextIncludes('notification-unread')
    page.assertTextIncludes('<span class="badge" aria-hidden="true">2</span>')
    page.assertTextIncludes('2 条未读')

    const read = await client
      .post('/notifications/read')
      .loginAs(first)
      .withCsrfToken()
      .redirects(0)
    read.assertStatus(302)
    read.assertHeader('location', '/notifications')

    const after = await client.get('/notifications').loginAs(first)
    assert.notInclude(after.text(), 'class="badge"')
    assert.notInclude(after.text(), 'notification-unread')
  })

  test('every page shows the badge to a signed-in user at the cost of one COUNT query', async ({
    client,
    assert,
  }) => {
    const project = await aProject('MS-N-0007')
    const first = await agency(1)
    await notifyCommitted(publishedNotice([first.organizationId], project))
    const { result: home, sql } = await recordQueries(() => client.get('/').loginAs(first))
    home.assertStatus(200)
    home.assertTextIncludes('<span class="badge" aria-hidden="true">1</span>')
    assert.lengthOf(
      sql.filter((text) => text.includes('notifications')),
      1
    )
  })

  test('the page reads a fixed number of queries however many notifications it shows', async ({
    client,
    assert,
  }) => {
    const project = await aProject('MS-N-0009')
    const first = await agency(1)
    await notifyCommitted(publishedNotice([first.organizationId], project))
    const one = await recordQueries(() => client.get('/notifications').loginAs(first))
    for (let n = 0; n < 15; n++) {
      await notifyCommitted(publishedNotice([first.organizationId], project))
    }
    const many = await recordQueries(() => client.get('/notifications').loginAs(first))
    many.result.assertStatus(200)
    assert.equal(many.sql.length, one.sql.length)
  })

  test('a guest who opens the notifications is sent to the login page; public pages count nothing for guests', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/notifications').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')

    const { result: home, sql } = await recordQueries(() => client.get('/'))
    home.assertStatus(200)
    assert.notInclude(home.text(), 'href="/notifications"')
    assert.isFalse(sql.some((text) => text.includes('notifications')))
  })

  test('marking read with an empty id list marks nothing', async ({ assert }) => {
    const project = await aProject('MS-N-0008')
    const first = await agency(1)
    await notifyCommitted(publishedNotice([first.organizationId], project))
    assert.equal(await markNotificationsRead(first.organizationId, []), 0)
    assert.equal(await markNotificationsRead(first.organizationId), 1)
  })
})
