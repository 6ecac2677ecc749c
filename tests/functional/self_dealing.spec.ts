// Assertions read best as `(await signalsOf(regulator)).relatedPartyRatings`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld, WORLD_PASSWORD } from '#tests/worlds'
import User from '#models/user'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import { relationsOfParties } from '#queries/related_parties'
import {
  demoAgency,
  demoOwner,
  signedProject,
  SIGNED_PROJECT_WORLD,
} from '#tests/selection_fixtures'
import { textFile } from '#tests/file_fixtures'
import { registrationPayload } from '#tests/helpers'

/*
 * 自我交易: an owner and an agency run by one person award themselves a
 * contract and a good rating. The rating is kept and shown, but earns no
 * credit, and regulators find it among their signals with the reason.
 */
const NOW = new Date('2026-09-29T02:00:00Z')
const beijing = (isoLocal: string) => new Date(`${isoLocal}+08:00`)
const ONE_BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 SameDesk'

function api(client: any, method: 'get' | 'post', url: string, user: User) {
  return client[method](url).withGuard('api').loginAs(user)
}

async function creditScoreOf(organizationId: number) {
  const row = await db
    .from('agency_profiles')
    .where('organization_id', organizationId)
    .select('credit_score')
    .firstOrFail()
  return Number(row.credit_score)
}

/** Signed, delivered and accepted: the owner may rate the agency (agency 5). */
async function acceptedContract(client: any) {
  const ids = await signedProject(client)
  clock.freeze(beijing('2026-11-02T09:00:00'))
  const delivered = await client
    .post(`/api/v1/contracts/${ids.contractId}/deliverables`)
    .field('summary', '环境影响报告表（送审稿）')
    .file('files[]', await textFile('报告正文'))
    .withGuard('api')
    .loginAs(await demoAgency(5))
  delivered.assertStatus(201)
  ;(
    await api(client, 'post', `/api/v1/contracts/${ids.contractId}/accept`, await demoOwner())
  ).assertStatus(200)
  return ids
}

async function loginFrom(client: any, user: User, userAgent: string) {
  const response = await client
    .post('/login')
    .header('User-Agent', userAgent)
    .form({ email: user.email, password: WORLD_PASSWORD })
    .withCsrfToken()
    .redirects(0)
  response.assertStatus(302)
  response.assertHeader('location', '/dashboard')
}

async function signalsOf(client: any) {
  const regulator = await User.findByOrFail('email', 'regulator@demo.example.com')
  const response = await api(client, 'get', '/api/v1/regulator/signals', regulator)
  response.assertStatus(200)
  return response.body().signals
}

test.group('Self-dealing: ratings between related owners and agencies', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld(SIGNED_PROJECT_WORLD)
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('an owner and an agency signing in from one device: the good rating is recorded and shown as not counted, earns no credit, and regulators see it with the reason', async ({
    client,
    assert,
  }) => {
    const { projectId, contractId } = await acceptedContract(client)
    const owner = await demoOwner()
    const agency = await demoAgency(5)
    // Different browsers on one network are not one device.
    await loginFrom(client, owner, `${ONE_BROWSER} A`)
    await loginFrom(client, agency, `${ONE_BROWSER} B`)
    assert.deepEqual(
      await relationsOfParties(owner.organizationId, agency.organizationId, db.connection()),
      []
    )
    // Then one person signs in to both from the same browser.
    await loginFrom(client, owner, ONE_BROWSER)
    await loginFrom(client, agency, ONE_BROWSER)
    const stored = await db
      .from('sign_in_origins')
      .whereIn('organization_id', [owner.organizationId, agency.organizationId])
    assert.lengthOf(stored, 4)
    for (const row of stored) {
      assert.match(row.origin_hash, /^[0-9a-f]{64}$/)
      assert.notInclude(JSON.stringify(row), '127.0.0.1')
      assert.notInclude(JSON.stringify(row), 'Chrome')
    }

    const before = await creditScoreOf(agency.organizationId)
    const rated = await api(client, 'post', `/api/v1/contracts/${contractId}/evaluate`, owner).json(
      {
        quality: 5,
        timeliness: 5,
        attitude: 5,
        feeCompliance: 5,
        comment: '非常满意',
      }
    )
    rated.assertStatus(201)
    assert.equal(await creditScoreOf(agency.organizationId), before)
    const evaluation = await db.from('evaluations').where('contract_id', contractId).firstOrFail()
    assert.equal(evaluation.credit_withheld_reason, 'device')
    assert.lengthOf(
      await db
        .from('credit_events')
        .where('organization_id', agency.organizationId)
        .where('evidence_type', 'evaluation'),
      0
    )
    const [audit] = await db
      .from('audit_events')
      .where('action', 'evaluation.given')
      .orderBy('id', 'desc')
      .limit(1)
    assert.equal(JSON.parse(audit.payload).creditWithheld, 'device')

    // Shown to everyone, marked as not counted.
    const service = await api(client, 'get', `/api/v1/contracts/${contractId}/service`, owner)
    assert.isFalse(service.body().evaluations.ofAgency.countsForCredit)
    const agencyPage = await client.get(`/agencies/${agency.organizationId}`)
    agencyPage.assertTextIncludes('非常满意')
    agencyPage.assertTextIncludes('关联方评价，不计入信用')

    // Regulators: among the signals, with the reason.
    const signals = await signalsOf(client)
    assert.lengthOf(signals.relatedPartyRatings, 1)
    const [finding] = signals.relatedPartyRatings
    assert.deepEqual(finding.via, ['device'])
    assert.equal(finding.owner.id, owner.organizationId)
    assert.equal(finding.agency.id, agency.organizationId)
    assert.equal(finding.project.id, projectId)
    const regulator = await User.findByOrFail('email', 'regulator@demo.example.com')
    const page = await client.get('/regulator/signals').loginAs(regulator)
    page.assertTextIncludes('关联方评价（自我交易）')
    page.assertTextIncludes('从同一设备注册或登录')
  })

  test('an agency giving the owner’s contact phone: the default rating (never worth credit) still records the relation for the signals', async ({
    client,
    assert,
  }) => {
    const { projectId, contractId } = await acceptedContract(client)
    const agency = await demoAgency(5)
    const project = await db.from('projects').where('id', projectId).firstOrFail()
    await db
      .from('organizations')
      .where('id', agency.organizationId)
      .update({ phone: `+86 ${project.contact_phone}` })
    const before = await creditScoreOf(agency.organizationId)
    clock.freeze(new Date('2026-11-25T16:00:01Z'))
    assert.equal((await runTick()).evaluationsDefaulted, 1)
    assert.equal(await creditScoreOf(agency.organizationId), before)
    const evaluation = await db.from('evaluations').where('contract_id', contractId).firstOrFail()
    assert.equal(evaluation.origin, 'default')
    assert.equal(evaluation.credit_withheld_reason, 'phone')
    const [finding] = (await signalsOf(client)).relatedPartyRatings
    assert.deepEqual(finding.via, ['phone'])
    assert.equal(finding.origin, 'default')
  })

  test('an agency registered from the browser its owner signs in from is related to that owner; an unrelated pair’s good rating still earns credit', async ({
    client,
    assert,
  }) => {
    const owner = await demoOwner()
    const payload = registrationPayload({ role: 'agency', phone: '13700001111' })
    const registered = await client
      .post('/register')
      .header('User-Agent', ONE_BROWSER)
      .form(payload)
      .withCsrfToken()
      .redirects(0)
    registered.assertStatus(302)
    const newcomer = await User.findByOrFail('email', payload.email)
    assert.deepEqual(
      await relationsOfParties(owner.organizationId, newcomer.organizationId, db.connection()),
      []
    )
    await loginFrom(client, owner, ONE_BROWSER)
    assert.deepEqual(
      await relationsOfParties(owner.organizationId, newcomer.organizationId, db.connection()),
      ['device']
    )

    // Agency 5 and the owner share nothing: the rating counts.
    const { contractId } = await acceptedContract(client)
    const agency = await demoAgency(5)
    const before = await creditScoreOf(agency.organizationId)
    ;(
      await api(client, 'post', `/api/v1/contracts/${contractId}/evaluate`, owner).json({
        quality: 5,
        timeliness: 5,
        attitude: 5,
        feeCompliance: 5,
      })
    ).assertStatus(201)
    assert.equal(await creditScoreOf(agency.organizationId), before + 1)
    const evaluation = await db.from('evaluations').where('contract_id', contractId).firstOrFail()
    assert.isNull(evaluation.credit_withheld_reason)
    assert.lengthOf((await signalsOf(client)).relatedPartyRatings, 0)
  })
})
