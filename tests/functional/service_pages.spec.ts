// Assertions read best as `(await db.from(…).firstOrFail()).id`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import { clock } from '#services/clock'
import {
  demoAgency,
  demoOwner,
  signedProject,
  SIGNED_PROJECT_WORLD,
} from '#tests/selection_fixtures'
import { textFile } from '#tests/file_fixtures'

const NOW = new Date('2026-09-29T02:00:00Z')
const regulator = () => User.findByOrFail('email', 'regulator@demo.example.com')

test.group(
  'Service pages: the contract page and the regulator credit desk work without JavaScript',
  (group) => {
    group.each.setup(() => testUtils.db().withGlobalTransaction())
    group.each.setup(async () => {
      await marketWorld({ ...SIGNED_PROJECT_WORLD, agencies: [1, 5, 6] })
      clock.freeze(NOW)
      return () => clock.unfreeze()
    })

    test('the owner terminates a contract from its own panel only after ticking the confirmation; the agency sees no such form', async ({
      client,
      assert,
    }) => {
      const { contractId } = await signedProject(client)
      const owner = await demoOwner()
      const page = await client.get(`/contracts/${contractId}`).loginAs(owner)
      const danger = page.text().slice(page.text().indexOf('class="panel danger-zone"'))
      assert.include(danger, '我确认解除合同')
      assert.match(danger, /type="checkbox"[^>]*required/)
      const agencyPage = await client.get(`/contracts/${contractId}`).loginAs(await demoAgency(5))
      assert.notInclude(agencyPage.text(), '我确认解除合同')

      const unconfirmed = await client
        .post(`/contracts/${contractId}/terminate`)
        .form({ ground: 'agreement', statement: '业主项目取消，双方协商解除' })
        .header('referer', `/contracts/${contractId}`)
        .loginAs(owner)
        .withCsrfToken()
      assert.include(unconfirmed.text(), '请勾选确认框后再提交')
      assert.equal((await db.from('contracts').where('id', contractId).first()).status, 'signed')

      await client
        .post(`/contracts/${contractId}/terminate`)
        .form({ ground: 'agreement', statement: '业主项目取消，双方协商解除', confirmed: '1' })
        .loginAs(owner)
        .withCsrfToken()
      assert.equal(
        (await db.from('contracts').where('id', contractId).first()).status,
        'terminated'
      )
    })

    test('the owner pauses with a reason from the contract page (an empty reason re-renders with the field error), the agency uploads, the owner accepts and rates', async ({
      client,
      assert,
    }) => {
      const { contractId } = await signedProject(client)
      const owner = await demoOwner()
      const page = await client.get(`/contracts/${contractId}`).loginAs(owner)
      page.assertStatus(200)
      assert.include(page.text(), '剩余 30 个工作日')
      assert.include(page.text(), '暂停计时（补正）')

      const empty = await client
        .post(`/contracts/${contractId}/pause`)
        .form({ reason: '' })
        .header('referer', `/contracts/${contractId}`)
        .loginAs(owner)
        .withCsrfToken()
      assert.include(empty.text(), 'field-error')
      const paused = await client
        .post(`/contracts/${contractId}/pause`)
        .form({ reason: '等待业主提供项目选址资料' })
        .loginAs(owner)
        .withCsrfToken()
      assert.include(paused.text(), '计时已暂停（补正）：等待业主提供项目选址资料')
      await client.post(`/contracts/${contractId}/resume`).loginAs(owner).withCsrfToken()

      const agency = await demoAgency(5)
      const delivered = await client
        .post(`/contracts/${contractId}/deliverables`)
        .field('summary', '环境影响报告表（送审稿）')
        .file(
          'files[]',
          await textFile('报告正文：滨江大道 <script>alert(1)</script>', 'report.txt')
        )
        .loginAs(agency)
        .withCsrfToken()
      assert.include(delivered.text(), '第 1 次提交')
      assert.include(delivered.text(), 'report.txt')
      const file = await db.from('deliverable_files').firstOrFail()
      const download = await client.get(`/deliverable-files/${file.id}`).loginAs(owner)
      download.assertStatus(200)
      assert.include(download.text(), '滨江大道')
      const stranger = await client
        .get(`/deliverable-files/${file.id}`)
        .loginAs(await demoAgency(6))
      stranger.assertStatus(403)

      await client.post(`/contracts/${contractId}/accept`).loginAs(owner).withCsrfToken()
      const rated = await client
        .post(`/contracts/${contractId}/evaluate`)
        .form({ quality: 5, timeliness: 4, attitude: 5, feeCompliance: 5, comment: '<b>专业</b>' })
        .loginAs(owner)
        .withCsrfToken()
      assert.include(rated.text(), '评价已提交并公开。')
      assert.include(rated.text(), '&lt;b&gt;专业&lt;/b&gt;')
    })

    test('an agency appeals from its page; a regulator refuses it and publishes credit rules from the desk', async ({
      client,
      assert,
    }) => {
      const agency = await demoAgency(1)
      const staff = await regulator()
      await client
        .post('/api/v1/regulator/credit-events')
        .json({ agencyId: agency.organizationId, type: 'upheld_complaint', reason: '投诉查实' })
        .withGuard('api')
        .loginAs(staff)
      const eventId = (await db.from('credit_events').firstOrFail()).id
      const appealed = await client
        .post(`/credit-events/${eventId}/appeal`)
        .form({ reason: '投诉所述情况与事实不符' })
        .loginAs(agency)
        .withCsrfToken()
      assert.include(appealed.text(), '申诉已提交')
      const desk = await client.get('/regulator/credit-appeals').loginAs(staff)
      assert.include(desk.text(), '投诉所述情况与事实不符')
      const appealId = (await db.from('credit_appeals').firstOrFail()).id
      const decided = await client
        .post(`/regulator/credit-appeals/${appealId}/decide`)
        .form({ granted: 'false', decision: '经核查投诉属实，维持原记录' })
        .loginAs(staff)
        .withCsrfToken()
      assert.include(decided.text(), '不予准予')
      ;(await client.get('/regulator/credit-appeals').loginAs(agency)).assertStatus(403)

      const rules = await client.get('/regulator/credit-rules').loginAs(staff)
      assert.include(rules.text(), '第 1 版')
      const form: Record<string, string> = {
        'reason': '调整服务超期扣分',
        'incentives[listedFirst]': '1',
      }
      for (const [type, rule] of Object.entries(
        (await db.from('credit_rule_sets').firstOrFail()).rules
          ? JSON.parse((await db.from('credit_rule_sets').firstOrFail()).rules)
          : {}
      ) as [string, { points: number; validityYears: number }][]) {
        form[`rules[${type}][points]`] = String(type === 'overdue' ? -8 : rule.points)
        form[`rules[${type}][validityYears]`] = String(rule.validityYears)
      }
      const published = await client
        .post('/regulator/credit-rules')
        .form(form)
        .loginAs(staff)
        .withCsrfToken()
      assert.include(published.text(), '已发布第 2 版信用规则。')
      const latest = await db.from('credit_rule_sets').orderBy('version', 'desc').firstOrFail()
      assert.equal(JSON.parse(latest.rules).overdue.points, -8)
      assert.deepEqual(JSON.parse(latest.incentives), {
        scoredCreditPartInFull: false,
        listedFirst: true,
      })
    })
  }
)
