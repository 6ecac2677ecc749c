import { test } from '@japa/runner'
import {
  areRelated,
  originHash,
  relationReason,
  relationsBetween,
  relationsOfReason,
  type PartyFacts,
} from '#domain/related_parties'

const SALT = 'unit-test-salt'
const party = (organizationId: number, facts: Partial<PartyFacts> = {}): PartyFacts => ({
  organizationId,
  phones: [],
  emails: [],
  personHashes: [],
  originHashes: [],
  ...facts,
})

test.group('Related parties (self-dealing)', () => {
  test('an owner and an agency with nothing in common are not related', ({ assert }) => {
    const owner = party(1, {
      phones: ['028-3812 3456', null],
      emails: ['office@gov.example.cn'],
      originHashes: [originHash('10.0.0.1', 'Firefox', SALT)!],
    })
    const agency = party(2, {
      phones: ['13912345678'],
      emails: ['contact@agency.example.com', null],
      personHashes: ['a'.repeat(64)],
      originHashes: [originHash('10.0.0.2', 'Firefox', SALT)!],
    })
    assert.deepEqual(relationsBetween(owner, agency), [])
    assert.isFalse(areRelated(owner, agency))
  })

  test('the same phone number is found whatever its spelling (+86, spaces, dashes)', ({
    assert,
  }) => {
    const owner = party(1, { phones: ['+86 139-1234-5678'] })
    const agency = party(2, { phones: ['13912345678'] })
    assert.deepEqual(relationsBetween(owner, agency), ['phone'])
  })

  test('the same e-mail address is found whatever its case and spaces', ({ assert }) => {
    const owner = party(1, { emails: [' Zhang.Wei@Mail.example.com '] })
    const agency = party(2, { emails: ['zhang.wei@mail.example.com'] })
    assert.deepEqual(relationsBetween(owner, agency), ['email'])
  })

  test('the same person (by ID-number hash) on both sides relates them', ({ assert }) => {
    const hash = 'b'.repeat(64)
    assert.deepEqual(
      relationsBetween(party(1, { personHashes: [hash] }), party(2, { personHashes: [hash, 'c'] })),
      ['person']
    )
  })

  test('registering or signing in from the same device relates them, unless the origin is common infrastructure', ({
    assert,
  }) => {
    const device = originHash('203.0.113.7', 'Mozilla/5.0 Chrome/131', SALT)!
    const owner = party(1, { originHashes: [device] })
    const agency = party(2, { originHashes: [device] })
    assert.deepEqual(relationsBetween(owner, agency), ['device'])
    assert.deepEqual(relationsBetween(owner, agency, new Set([device])), [])
  })

  test('one organisation on both sides is related to itself', ({ assert }) => {
    assert.deepEqual(relationsBetween(party(3), party(3)), ['same_organization'])
  })

  test('every relation found is listed once, in a fixed order', ({ assert }) => {
    const device = originHash('203.0.113.7', 'Chrome', SALT)!
    const owner = party(1, {
      phones: ['13912345678', '139 1234 5678'],
      emails: ['x@example.com'],
      originHashes: [device],
    })
    const agency = party(2, {
      phones: ['13912345678'],
      emails: ['X@example.com'],
      originHashes: [device, device],
    })
    assert.deepEqual(relationsBetween(owner, agency), ['phone', 'email', 'device'])
    assert.deepEqual(relationsBetween(agency, owner), ['phone', 'email', 'device'])
  })

  test('empty and too-short contact values never relate two parties', ({ assert }) => {
    const owner = party(1, { phones: ['', '123', null], emails: ['', 'none', null] })
    const agency = party(2, { phones: ['', '123', null], emails: ['', 'none', null] })
    assert.deepEqual(relationsBetween(owner, agency), [])
  })

  test('an origin hash hides the address and the browser, and needs both', ({ assert }) => {
    const hash = originHash('203.0.113.7', 'Chrome', SALT)!
    assert.match(hash, /^[0-9a-f]{64}$/)
    assert.notInclude(hash, '203')
    assert.equal(originHash(' 203.0.113.7 ', 'Chrome ', SALT), hash)
    assert.notEqual(originHash('203.0.113.7', 'Chrome', 'another-salt'), hash)
    assert.notEqual(originHash('203.0.113.8', 'Chrome', SALT), hash)
    assert.notEqual(originHash('203.0.113.7', 'Firefox', SALT), hash)
    assert.isNull(originHash('203.0.113.7', null, SALT))
    assert.isNull(originHash('203.0.113.7', '  ', SALT))
  })

  test('the stored reason lists the relations and reads back, unknown words left out', ({
    assert,
  }) => {
    assert.isNull(relationReason([]))
    assert.equal(relationReason(['phone', 'device']), 'phone,device')
    assert.deepEqual(relationsOfReason('phone,device'), ['phone', 'device'])
    assert.deepEqual(relationsOfReason('device,bogus,phone'), ['phone', 'device'])
    assert.deepEqual(relationsOfReason(null), [])
  })
})
