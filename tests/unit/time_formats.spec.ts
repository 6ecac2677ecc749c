import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  formatDate,
  formatDateTime,
  formatDeadline,
  isoInstant,
  toInstant,
} from '#domain/time_zone'

// 2026-12-07 01:53:33 UTC is 09:53 in Beijing.
const INSTANT = '2026-12-07T01:53:33.000Z'

test.group('Instants from either database', () => {
  test('SQLite text, a MySQL Date, ISO text and a Luxon DateTime name the same instant', ({
    assert,
  }) => {
    for (const value of [
      '2026-12-07 01:53:33',
      new Date(INSTANT),
      '2026-12-07T09:53:33+08:00',
      DateTime.fromISO(INSTANT),
      Date.parse(INSTANT),
    ]) {
      assert.equal(toInstant(value)!.toUTC().toISO(), INSTANT, String(value))
    }
  })

  test('nothing, empty text and nonsense are no instant rather than an invalid one', ({
    assert,
  }) => {
    for (const value of [null, undefined, '', 'soon', new Date('nope'), DateTime.invalid('x')]) {
      assert.isNull(toInstant(value))
      assert.isNull(isoInstant(value))
      assert.equal(formatDateTime(value), '')
      assert.equal(formatDeadline(value), '')
    }
  })

  test('the API writes an instant as ISO 8601 with the Beijing offset', ({ assert }) => {
    assert.equal(isoInstant('2026-12-07 01:53:33'), '2026-12-07T09:53:33.000+08:00')
    assert.equal(isoInstant(new Date(INSTANT)), '2026-12-07T09:53:33.000+08:00')
  })
})

test.group('Dates as pages write them', () => {
  test('a time is the Beijing minute, from text or a Date alike', ({ assert }) => {
    assert.equal(formatDateTime('2026-12-07 01:53:33'), '2026-12-07 09:53')
    assert.equal(formatDateTime(new Date(INSTANT)), '2026-12-07 09:53')
  })

  test('a calendar day stays that day; an instant gives its Beijing day', ({ assert }) => {
    assert.equal(formatDate('2028-06-30'), '2028-06-30')
    assert.equal(formatDate(DateTime.fromISO('2028-06-30')), '2028-06-30')
    assert.equal(formatDate('2026-12-07 17:00:00'), '2026-12-08')
  })

  test('a deadline at the end of a day is that day at 24:00, never the next day at 00:00', ({
    assert,
  }) => {
    // 24:00 on 14 Dec in Beijing is stored as 16:00 UTC that day.
    assert.equal(formatDeadline('2026-12-14 16:00:00'), '2026-12-14 24:00')
    assert.equal(formatDeadline(new Date('2026-12-14T16:00:00Z')), '2026-12-14 24:00')
    // A deadline within a day keeps its minute.
    assert.equal(formatDeadline('2026-10-09T04:00:00Z'), '2026-10-09 12:00')
    assert.equal(formatDeadline('2026-10-09T16:00:01Z'), '2026-10-10 00:00')
  })
})
