import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Organization from '#models/organization'
import { createUserWithRole } from '#database/factories/account_factories'
import { addPractitioner } from '#actions/registry/practitioners'
import { personIdHash } from '#services/person_identity'
import { banStatusOf } from '#queries/bans'
import { rulesInForce } from '#services/market_rules'
import { DEFAULT_RULES } from '#domain/rules'

test.group('Rule sets and bans', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('version 1 of the rules is in force from the first migration; a later version takes over on its date', async ({
    assert,
  }) => {
    const first = await rulesInForce(new Date('2026-06-01T00:00:00Z'))
    assert.equal(first.version, 1)
    assert.equal(first.rules.publicityWorkingDays, DEFAULT_RULES.publicityWorkingDays)

    await db.table('rule_sets').insert({
      version: 3,
      parameters: JSON.stringify({ ...DEFAULT_RULES, publicityWorkingDays: 5 }),
      change_reason: '延长公示期',
      effective_from: '2027-01-01 00:00:00',
      created_at: new Date(),
    })
    const stillFirst = await rulesInForce(new Date('2026-12-31T23:59:59Z'))
    assert.equal(stillFirst.version, 1)
    const second = await rulesInForce(new Date('2027-01-01T00:00:00Z'))
    assert.equal(second.version, 3)
    assert.equal(second.rules.publicityWorkingDays, 5)
  })

  test('a banned manager is found again under another agency; bans end and can be lifted', async ({
    assert,
  }) => {
    const user = await createUserWithRole('agency')
    const agency = await Organization.findOrFail(user.organizationId)
    await addPractitioner(
      agency,
      { name: '王某', idNumber: '11010519491231002X', role: 'manager' },
      null
    )
    const now = new Date('2026-11-22T00:00:00Z')

    assert.deepEqual(await banStatusOf(agency.id, now), {
      agencyBanned: false,
      bannedManagerNames: [],
      jointPunishments: [],
    })

    const [banId] = await db.table('bans').insert({
      person_id_hash: personIdHash('11010519491231002x'),
      person_name: '王某',
      reason: '出具虚假报告',
      legal_basis: '《中华人民共和国行政许可法》',
      starts_at: '2026-01-01 00:00:00',
      ends_at: '2029-01-01 00:00:00',
      created_at: now,
    })
    assert.deepEqual(await banStatusOf(agency.id, now), {
      agencyBanned: false,
      bannedManagerNames: ['王某'],
      jointPunishments: [],
    })
    const afterEnd = await banStatusOf(agency.id, new Date('2029-01-02T00:00:00Z'))
    assert.deepEqual(afterEnd.bannedManagerNames, [])

    await db.from('bans').where('id', banId).update({ lifted_at: now, lifted_reason: '信用修复' })
    const afterLift = await banStatusOf(agency.id, now)
    assert.deepEqual(afterLift.bannedManagerNames, [])

    await db.table('bans').insert({
      organization_id: agency.id,
      reason: '串通投标',
      legal_basis: '《中华人民共和国招标投标法》',
      starts_at: '2026-11-01 00:00:00',
      ends_at: null,
      created_at: now,
    })
    const agencyBan = await banStatusOf(agency.id, now)
    assert.isTrue(agencyBan.agencyBanned)
  })
})
