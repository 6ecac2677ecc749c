/*
 * The hash chains of the audit log: each event's hash covers the previous
 * event's hash on its chain and the event itself, so that changing, removing
 * or inserting any event breaks every later link of its chain. The log is
 * AUDIT_CHAINS chains side by side (one head row each): a transaction appends
 * to one chain only, so that writers on different chains never wait for one
 * another — a single head would make every write of the market queue behind
 * the one before (a bid storm ran at the pace of one head). Each chain is
 * linear and verifiable on its own; events keep one id order across chains.
 * Pure functions: hashing and verification.
 */
import { createHash } from 'node:crypto'

export const GENESIS_HASH = '0'.repeat(64)

/**
 * Where a chain starts: chain 1 (the log's first and, before it was spread,
 * only chain) from zeros, every other from a hash naming it — so that no two
 * chains can ever hold the same link, even for identical events.
 */
export function genesisHash(chainId: number) {
  if (chainId === 1) return GENESIS_HASH
  return createHash('sha256').update(`market-audit-chain|${chainId}`, 'utf8').digest('hex')
}

/** How many chains (head rows 1…AUDIT_CHAINS) the log is spread over. */
export const AUDIT_CHAINS = 16

/**
 * The chain a transaction appends to: chosen from the acting user, so that
 * the writes of one user stay on one chain, else at random (system work).
 */
export function chainFor(actorUserId: number | null, random: () => number = Math.random) {
  const key = actorUserId ?? Math.floor(random() * AUDIT_CHAINS)
  return (key % AUDIT_CHAINS) + 1
}

export type ChainedEvent = {
  id: number
  /** The chain the event belongs to (1 when omitted). */
  chainId?: number
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

/** Each chain's head hash by chain id, or the single head of chain 1. */
export type ChainHeads = string | Map<number, string>

/**
 * Checks events fed in id order, one at a time (the log may be large): each
 * must link to the previous hash of its chain and hash to its stored value;
 * at the end every head must point at the last event of its chain (a removed
 * tail breaks that), and no event may lie on a chain without a head.
 */
export function createChainVerifier() {
  const previous = new Map<number, string>()
  let count = 0
  let firstBrokenId: number | null = null
  return {
    /** Returns false once a chain is broken. */
    add(event: ChainedEvent): boolean {
      if (firstBrokenId !== null) return false
      count += 1
      const chainId = event.chainId ?? 1
      if (
        event.previousHash !== (previous.get(chainId) ?? genesisHash(chainId)) ||
        eventHash(event) !== event.hash
      ) {
        firstBrokenId = event.id
        return false
      }
      previous.set(chainId, event.hash)
      return true
    },
    result(heads: ChainHeads): ChainVerification {
      const headOf = typeof heads === 'string' ? new Map([[1, heads]]) : heads
      const headsMatch =
        [...previous.keys()].every((chainId) => headOf.has(chainId)) &&
        [...headOf].every(
          ([chainId, hash]) => (previous.get(chainId) ?? genesisHash(chainId)) === hash
        )
      return {
        valid: firstBrokenId === null && headsMatch,
        events: count,
        firstBrokenId,
      }
    },
  }
}

export function verifyChain(events: Iterable<ChainedEvent>, heads: ChainHeads): ChainVerification {
  const verifier = createChainVerifier()
  for (const event of events) if (!verifier.add(event)) break
  return verifier.result(heads)
}
