import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#models/user'
import {
  canonicalJson,
  chainFor,
  createChainVerifier,
  eventHash,
  type ChainedEvent,
} from '#domain/audit_chain'
import { clock } from '#services/clock'

export type AuditEntry = {
  actor: Pick<User, 'id' | 'role'> | null
  action: string
  subjectType: string
  subjectId: string | number
  payload?: Record<string, unknown>
}

/** The chain each open transaction appends to: one per transaction, whatever it records. */
const chainOfTransaction = new WeakMap<TransactionClientContract, number>()

/**
 * Appends an event to the audit log inside the caller's transaction, so that
 * the event exists exactly when the change it records does. The head row of
 * the transaction's chain (app/domain/audit_chain.ts) is locked for the
 * append: concurrent writers on that chain, on any instance, queue up and it
 * stays linear, while writers on the other chains go on.
 */
export async function recordAuditEvent(trx: TransactionClientContract, entry: AuditEntry) {
  const actorUserId = entry.actor?.id ?? null
  const chainId = chainOfTransaction.get(trx) ?? chainFor(actorUserId)
  chainOfTransaction.set(trx, chainId)
  const head = await trx.from('audit_chain').where('id', chainId).forUpdate().firstOrFail()
  const event = {
    occurredAt: clock.now().toISOString(),
    actorUserId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: String(entry.subjectId),
    payload: canonicalJson(entry.payload ?? {}),
    previousHash: head.last_hash as string,
  }
  const hash = eventHash(event)
  const [id] = await trx
    .insertQuery()
    .table('audit_events')
    .insert({
      chain_id: chainId,
      occurred_at: event.occurredAt,
      actor_user_id: event.actorUserId,
      actor_role: entry.actor?.role ?? null,
      action: event.action,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      payload: event.payload,
      previous_hash: event.previousHash,
      hash,
    })
  await trx.from('audit_chain').where('id', chainId).update({ last_event_id: id, last_hash: hash })
  return { id: Number(id), hash }
}

/**
 * Recomputes every chain, a thousand events at a time, and says whether the
 * log is intact (on the default connection unless told otherwise).
 */
export async function verifyAuditLog(client: QueryClientContract = db.connection()) {
  const chains = await client.from('audit_chain').select('id', 'last_hash')
  const heads = new Map(chains.map((row) => [Number(row.id), row.last_hash as string]))
  const verifier = createChainVerifier()
  let after = 0
  while (true) {
    const rows = await client.from('audit_events').where('id', '>', after).orderBy('id').limit(1000)
    if (rows.length === 0) break
    for (const row of rows) {
      const intact = verifier.add(toChainedEvent(row))
      if (!intact) return verifier.result(heads)
    }
    after = Number(rows[rows.length - 1].id)
  }
  return verifier.result(heads)
}

function toChainedEvent(row: Record<string, any>): ChainedEvent {
  return {
    id: Number(row.id),
    chainId: Number(row.chain_id),
    occurredAt: row.occurred_at,
    actorUserId: row.actor_user_id === null ? null : Number(row.actor_user_id),
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    payload: row.payload,
    previousHash: row.previous_hash,
    hash: row.hash,
  }
}
