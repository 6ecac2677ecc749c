import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#models/user'
import {
  canonicalJson,
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

/**
 * Appends an event to the audit log inside the caller's transaction, so that
 * the event exists exactly when the change it records does. The head row is
 * locked for the append: concurrent writers on several instances queue up and
 * the chain stays linear.
 */
export async function recordAuditEvent(trx: TransactionClientContract, entry: AuditEntry) {
  const head = await trx.from('audit_chain').where('id', 1).forUpdate().firstOrFail()
  const event = {
    occurredAt: clock.now().toISOString(),
    actorUserId: entry.actor?.id ?? null,
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
  await trx.from('audit_chain').where('id', 1).update({ last_event_id: id, last_hash: hash })
  return { id: Number(id), hash }
}

/**
 * Recomputes the whole chain, a thousand events at a time, and says whether it
 * is intact (on the default connection unless told otherwise).
 */
export async function verifyAuditLog(client: QueryClientContract = db.connection()) {
  const head = await client.from('audit_chain').where('id', 1).firstOrFail()
  const verifier = createChainVerifier()
  let after = 0
  while (true) {
    const rows = await client.from('audit_events').where('id', '>', after).orderBy('id').limit(1000)
    if (rows.length === 0) break
    for (const row of rows) {
      const intact = verifier.add(toChainedEvent(row))
      if (!intact) return verifier.result(head.last_hash)
    }
    after = Number(rows[rows.length - 1].id)
  }
  return verifier.result(head.last_hash)
}

function toChainedEvent(row: Record<string, any>): ChainedEvent {
  return {
    id: Number(row.id),
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
