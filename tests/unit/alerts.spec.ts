import { test } from '@japa/runner'
import { digestDueAt, isDigestDue, matchesAlert, regionIncludes } from '#domain/alerts'

test.group('Announcement alerts', () => {
  test('a province includes its cities and districts, a city its districts, a district itself', ({
    assert,
  }) => {
    assert.isTrue(regionIncludes('510000', '511402'))
    assert.isTrue(regionIncludes('511400', '511402'))
    assert.isFalse(regionIncludes('511400', '510104'))
    assert.isTrue(regionIncludes('511402', '511402'))
    assert.isFalse(regionIncludes('511402', '511403'))
  })

  test('an announcement matches when item and region are chosen; nothing chosen means all', ({
    assert,
  }) => {
    const announcement = { itemCode: 'ZJ-001', regionCode: '511402' }
    assert.isTrue(matchesAlert(announcement, { itemCodes: [], regionCodes: [] }))
    assert.isTrue(matchesAlert(announcement, { itemCodes: ['ZJ-001'], regionCodes: ['511400'] }))
    assert.isFalse(matchesAlert(announcement, { itemCodes: ['ZJ-002'], regionCodes: [] }))
    assert.isFalse(matchesAlert(announcement, { itemCodes: [], regionCodes: ['510100'] }))
  })

  test('the digest is due from 08:00 Beijing time, once a day', ({ assert }) => {
    // 23:59 UTC on 1 Oct is 07:59 on 2 Oct in Beijing: not yet.
    assert.isNull(digestDueAt(new Date('2026-10-01T23:59:00Z')))
    assert.equal(
      digestDueAt(new Date('2026-10-02T00:00:00Z'))!.toISOString(),
      '2026-10-02T00:00:00.000Z'
    )
    assert.isTrue(isDigestDue(new Date('2026-10-02T03:00:00Z'), new Date('2026-10-01T00:00:00Z')))
    assert.isFalse(isDigestDue(new Date('2026-10-02T03:00:00Z'), new Date('2026-10-02T00:00:05Z')))
    assert.isTrue(isDigestDue(new Date('2026-10-02T03:00:00Z'), null))
  })
})
