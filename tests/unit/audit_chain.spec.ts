import { test } from '@japa/runner'
import {
  GENESIS_HASH,
  canonicalJson,
  eventHash,
  verifyChain,
  type ChainedEvent,
} from '#domain/audit_chain'

function chainOf(count: number): ChainedEvent[] {
  const events: ChainedEvent[] = []
  let previousHash = GENESIS_HASH
  for (let id = 1; id <= count; id++) {
    const event = {
      occurredAt: `2026-11-22T00:00:0${id}.000Z`,
      actorUserId: id,
      action: 'test.happened',
      subjectType: 'thing',
      subjectId: String(id),
      payload: canonicalJson({ n: id }),
      previousHash,
    }
    const hash = eventHash(event)
    events.push({ id, ...event, hash })
    previousHash = hash
  }
  return events
}

test.group('Audit hash chain', () => {
  test('an untouched chain verifies', ({ assert }) => {
    const events = chainOf(5)
    assert.deepEqual(verifyChain(events, events[4].hash), {
      valid: true,
      events: 5,
      firstBrokenId: null,
    })
    assert.isTrue(verifyChain([], GENESIS_HASH).valid)
  })

  test('a changed payload breaks the chain at that event', ({ assert }) => {
    const events = chainOf(5)
    events[2] = { ...events[2], payload: canonicalJson({ n: 999 }) }
    assert.deepInclude(verifyChain(events, events[4].hash), { valid: false, firstBrokenId: 3 })
  })

  test('a removed event breaks the next link', ({ assert }) => {
    const events = chainOf(5)
    const withoutThird = events.filter((event) => event.id !== 3)
    assert.deepInclude(verifyChain(withoutThird, events[4].hash), {
      valid: false,
      firstBrokenId: 4,
    })
  })

  test('a removed tail is caught by the head', ({ assert }) => {
    const events = chainOf(5)
    assert.isFalse(verifyChain(events.slice(0, 4), events[4].hash).valid)
  })

  test('canonical JSON does not depend on key order', ({ assert }) => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 4, e: 5 }] } }),
      canonicalJson({ a: { c: [3, { e: 5, f: 4 }], d: 2 }, b: 1 })
    )
  })
})
