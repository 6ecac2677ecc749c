import { test } from '@japa/runner'
import {
  AUDIT_CHAINS,
  GENESIS_HASH,
  canonicalJson,
  chainFor,
  eventHash,
  genesisHash,
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

/** Events 1…count spread over chains in turn (event n on chainOf(n)), each linked on its chain. */
function chainsOf(count: number, chainIdOf: (id: number) => number) {
  const events: ChainedEvent[] = []
  const heads = new Map<number, string>()
  for (let id = 1; id <= count; id++) {
    const chainId = chainIdOf(id)
    const event = {
      chainId,
      occurredAt: '2026-11-22T00:00:00.000Z',
      actorUserId: null,
      action: 'bid.placed',
      subjectType: 'project',
      subjectId: '7',
      payload: canonicalJson({ same: true }),
      previousHash: heads.get(chainId) ?? genesisHash(chainId),
    }
    const hash = eventHash(event)
    events.push({ id, ...event, hash })
    heads.set(chainId, hash)
  }
  return { events, heads }
}

test.group('Audit hash chains side by side', () => {
  test('events interleaved over several chains verify, each chain on its own', ({ assert }) => {
    const { events, heads } = chainsOf(12, (id) => (id % 3) + 1)
    assert.deepEqual(verifyChain(events, heads), { valid: true, events: 12, firstBrokenId: null })
    // Identical events on different chains still hash differently (each chain has its genesis).
    assert.equal(new Set(events.map((event) => event.hash)).size, 12)
  })

  test('an event moved to another chain breaks the chain it joined', ({ assert }) => {
    const { events, heads } = chainsOf(12, (id) => (id % 3) + 1)
    // Event 4 is on chain 2 (4 % 3 + 1); on chain 3 it follows event 2.
    events[3] = { ...events[3], chainId: 3 }
    assert.deepInclude(verifyChain(events, heads), { valid: false, firstBrokenId: 4 })
  })

  test('a removed tail of one chain is caught by that chain’s head', ({ assert }) => {
    const { events, heads } = chainsOf(12, (id) => (id % 3) + 1)
    const lastOfChain2 = events.findLast((event) => event.chainId === 2)!
    const result = verifyChain(
      events.filter((event) => event.id !== lastOfChain2.id),
      heads
    )
    assert.deepEqual(result, { valid: false, events: 11, firstBrokenId: null })
  })

  test('an event on a chain without a head, or a head whose chain lost its events, fails', ({
    assert,
  }) => {
    const { events, heads } = chainsOf(6, (id) => (id % 2) + 1)
    const withoutHead2 = new Map(heads)
    withoutHead2.delete(2)
    assert.isFalse(verifyChain(events, withoutHead2).valid)
    assert.isFalse(
      verifyChain(
        events.filter((event) => event.chainId !== 2),
        heads
      ).valid
    )
    // An empty chain's head is its genesis.
    assert.isTrue(
      verifyChain(
        [],
        new Map([
          [1, GENESIS_HASH],
          [5, genesisHash(5)],
        ])
      ).valid
    )
  })

  test('a user always writes on the same chain; system work on any', ({ assert }) => {
    assert.equal(chainFor(42), chainFor(42))
    assert.notEqual(chainFor(42), chainFor(43))
    for (let n = 0; n < 50; n++) {
      const chainId = chainFor(null)
      assert.isAtLeast(chainId, 1)
      assert.isAtMost(chainId, AUDIT_CHAINS)
    }
    assert.equal(genesisHash(1), GENESIS_HASH)
  })
})
