/*
 * The hash chain of the audit log: each event's hash covers the previous
 * event's hash and the event itself, so that changing, removing or inserting
 * any event breaks every later link. Pure functions: hashing and verification.
 */
import { createHash } from 'node:crypto'

export const GENESIS_HASH = '0'.repeat(64)

export type ChainedEvent = {
  id: number
  occurredAt: string
  actorUserId: number | null
  action: string
  subjectType: string
  subjectId: string
  payload: string
  previousHash: string
  hash: string
}

/** JSON with object keys sorted at every level, so that equal data hashes equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])])
    )
  }
  return value
}

export function eventHash(event: Omit<ChainedEvent, 'id' | 'hash'>): string {
  return createHash('sha256')
    .update(
      [
        event.previousHash,
        event.occurredAt,
        event.actorUserId ?? '',
        event.action,
        event.subjectType,
        event.subjectId,
        event.payload,
      ].join('|'),
      'utf8'
    )
    .digest('hex')
}

export type ChainVerification = { valid: boolean; events: number; firstBrokenId: number | null }

/**
 * Checks events fed in id order, one at a time (the log may be large): each
 * must link to the previous hash and hash to its stored value; at the end the
 * head must point at the last event (a removed tail breaks that).
 */
export function createChainVerifier() {
  let previous = GENESIS_HASH
  let count = 0
  let firstBrokenId: number | null = null
  return {
    /** Returns false once the chain is broken. */
    add(event: ChainedEvent): boolean {
      if (firstBrokenId !== null) return false
      count += 1
      if (event.previousHash !== previous || eventHash(event) !== event.hash) {
        firstBrokenId = event.id
        return false
      }
      previous = event.hash
      return true
    },
    result(headHash: string): ChainVerification {
      return {
        valid: firstBrokenId === null && previous === headHash,
        events: count,
        firstBrokenId,
      }
    },
  }
}

export function verifyChain(events: Iterable<ChainedEvent>, headHash: string): ChainVerification {
  const verifier = createChainVerifier()
  for (const event of events) if (!verifier.add(event)) break
  return verifier.result(headHash)
}
