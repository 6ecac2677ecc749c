import db from '@adonisjs/lucid/services/db'
import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import type User from '#models/user'
import {
  DEFAULT_INCENTIVES,
  type CreditEventType,
  type CreditIncentives,
  type StoredCreditRules,
  withRepairTerms,
} from '#domain/credit'
import {
  DEFAULT_REPAIR_TERMS,
  isPubliclyShown,
  publicationWindow,
  type CreditSeverity,
} from '#domain/credit_repair'
import { reindexAgency } from '#services/directory_index'
import { recordAuditEvent } from '#services/audit_log'
import { rulesInForce } from '#services/market_rules'
import { sqlTime } from '#services/sql_time'
import { clock } from '#services/clock'
import { invalidateLists } from '#services/public_cache'
import { toInstantDate } from '#domain/time_zone'

/** The credit rule table in force: the latest version, with what grade A earns. */
export async function creditRulesInForce(client: QueryClientContract = db.connection()) {
  const row = await client.from('credit_rule_sets').orderBy('version', 'desc').firstOrFail()
  return {
    version: Number(row.version),
    // Versions written before the repair measures take the starting classes.
    rules: withRepairTerms(JSON.parse(row.rules) as StoredCreditRules),
    incentives: {
      ...DEFAULT_INCENTIVES,
      ...(row.incentives ? (JSON.parse(row.incentives) as Partial<CreditIncentives>) : {}),
    },
    changeReason: row.change_reason as string,
    createdAt: toInstantDate(row.created_at)!,
  }
}

/** SQL for a score: base + valid, unexpired points, clamped to 0–100 (both databases). */
function scoreSql(base: number, now: string) {
  const sum = `(${base} + coalesce((select sum(e.points) from credit_events e
    where e.organization_id = agency_profiles.organization_id
      and e.status = 'valid' and e.expires_at > '${now}'), 0))`
  return `case when ${sum} > 100 then 100 when ${sum} < 0 then 0 else ${sum} end`
}

/**
 * Records a credit event with its evidence, in the caller's transaction, and
 * updates that agency's score at once (incremental). The same evidence never
 * counts twice for the same type.
 */
export async function recordCreditEvent(
  trx: TransactionClientContract,
  event: {
    organizationId: number
    type: CreditEventType
    reason: string
    /** Only regulators' penalties and commendations may set their own points. */
    points?: number
    evidence?: { type: string; id: number }
    actor: Pick<User, 'id' | 'role'> | null
  }
) {
  if (event.evidence) {
    const existing = await trx
      .from('credit_events')
      .where('type', event.type)
      .where('evidence_type', event.evidence.type)
      .where('evidence_id', event.evidence.id)
      .first()
    if (existing) return null
  }
  const { version, rules } = await creditRulesInForce(trx)
  const rule = rules[event.type]
  const now = DateTime.fromJSDate(clock.now())
  const points = event.points ?? rule.points
  // Classed as the rule says; a penalty or commendation whose points contradict the rule's sign is
  // classed by its points (adverse information is at least 一般 when the rule has no class).
  const terms =
    points < 0 && rule.severity === 'none'
      ? DEFAULT_REPAIR_TERMS.regulator_penalty
      : points >= 0
        ? { ...rule, severity: 'none' as const }
        : rule
  const window = publicationWindow(now.toJSDate(), terms)
  const [id] = await trx
    .insertQuery()
    .table('credit_events')
    .insert({
      organization_id: event.organizationId,
      type: event.type,
      points,
      reason: event.reason,
      evidence_type: event.evidence?.type ?? null,
      evidence_id: event.evidence?.id ?? null,
      rule_version: version,
      occurred_at: sqlTime(now),
      expires_at: sqlTime(now.plus({ years: rule.validityYears })),
      status: 'valid',
      severity: terms.severity === 'none' ? null : terms.severity,
      repairable_from: window.repairableFrom ? sqlTime(window.repairableFrom) : null,
      publication_ends_at: window.publicationEndsAt ? sqlTime(window.publicationEndsAt) : null,
      recorded_by_user_id: event.actor?.id ?? null,
      created_at: sqlTime(now),
    })
  const score = await updateScore(event.organizationId, trx)
  await recordAuditEvent(trx, {
    actor: event.actor,
    action: 'credit.event_recorded',
    subjectType: 'organization',
    subjectId: event.organizationId,
    payload: {
      creditEventId: Number(id),
      type: event.type,
      points,
      reason: event.reason,
      evidence: event.evidence ?? null,
      score,
    },
  })
  return { id: Number(id), points, score }
}

/** Recomputes one agency's score from its events and copies it into the directory index. */
export async function updateScore(organizationId: number, trx: TransactionClientContract) {
  const { rules } = await rulesInForce(clock.now(), trx)
  await trx
    .from('agency_profiles')
    .where('organization_id', organizationId)
    .update({ credit_score: trx.raw(scoreSql(rules.creditBaseScore, sqlTime(clock.now()))) })
  await reindexAgency(organizationId, trx)
  const row = await trx
    .from('agency_profiles')
    .where('organization_id', organizationId)
    .select('credit_score')
    .firstOrFail()
  return Number(row.credit_score)
}

/**
 * Recomputes every agency's score in two set-based statements (events expire
 * with time, so a nightly run keeps scores true) and copies them into the
 * directory index. Gives the same numbers as the incremental updates.
 */
export async function recomputeAllScores() {
  const { rules } = await rulesInForce(clock.now())
  return db.transaction(async (trx) => {
    const updated = await trx
      .from('agency_profiles')
      .update({ credit_score: trx.raw(scoreSql(rules.creditBaseScore, sqlTime(clock.now()))) })
    await trx.from('agency_service_items').update({
      credit_score: trx.raw(
        '(select p.credit_score from agency_profiles p where p.organization_id = agency_service_items.organization_id)'
      ),
    })
    await invalidateLists(['directory'], trx)
    return Number(Array.isArray(updated) ? updated[0] : updated)
  })
}

/**
 * The events behind an agency's score, newest first (the explanation on its
 * page and in the API). The public sees only what is still published: not
 * revoked or repaired, within its publication period (`publiclyShown`); the
 * agency itself and regulators see every event, each marked.
 */
export async function creditEventsOf(organizationId: number) {
  const rows: {
    id: SqlInteger
    type: CreditEventType
    points: SqlInteger
    reason: string
    evidence_type: string | null
    evidence_id: SqlInteger | null
    occurred_at: SqlTimestamp
    expires_at: SqlTimestamp
    status: string
    reply: string | null
    severity: CreditSeverity | null
    repairable_from: SqlTimestamp | null
    publication_ends_at: SqlTimestamp | null
  }[] = await db
    .from('credit_events')
    .where('organization_id', organizationId)
    .orderBy('id', 'desc')
    .limit(200)
  const at = clock.now()
  const events = rows.map((row) => {
    const publicationEndsAt = toInstantDate(row.publication_ends_at)
    return {
      id: Number(row.id),
      type: row.type as CreditEventType,
      points: Number(row.points),
      reason: row.reason,
      evidence: row.evidence_type ? { type: row.evidence_type, id: Number(row.evidence_id) } : null,
      occurredAt: toInstantDate(row.occurred_at)!,
      expiresAt: toInstantDate(row.expires_at)!,
      status: row.status,
      reply: row.reply,
      severity: row.severity,
      repairableFrom: toInstantDate(row.repairable_from),
      publicationEndsAt,
      publiclyShown: isPubliclyShown({ status: row.status, publicationEndsAt }, at),
      valid:
        row.status === 'valid' &&
        (row.expires_at instanceof Date ? sqlTime(row.expires_at) : String(row.expires_at)) >
          sqlTime(at),
    }
  })
  return events
}

/**
 * What still counts in the score but is no longer published (minor information
 * is in principle not published; a period may have ended): how many events
 * and their points together, so the public score stays explained without the details.
 */
export function unpublishedCounted(
  events: readonly { valid: boolean; publiclyShown: boolean; points: number }[]
) {
  const counted = events.filter((event) => event.valid && !event.publiclyShown)
  return {
    count: counted.length,
    points: counted.reduce((sum, event) => sum + event.points, 0),
  }
}
