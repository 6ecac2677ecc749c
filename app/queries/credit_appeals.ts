import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#services/clock'
import { fromSqlTime } from '#services/sql_time'
import { toInstantDate } from '#domain/time_zone'

/**
 * Appeals and repair applications for regulators: pending ones first (the
 * most urgent decision date first), then the decided ones, newest first.
 */
export async function creditAppealsForRegulators(status: 'pending' | 'decided', limit = 100) {
  const query = db
    .from('credit_appeals as a')
    .join('credit_events as e', 'e.id', 'a.credit_event_id')
    .join('organizations as o', 'o.id', 'a.organization_id')
    .select(
      'a.*',
      'o.name as agency_name',
      'e.type as event_type',
      'e.points as event_points',
      'e.reason as event_reason',
      'e.occurred_at as event_occurred_at',
      'e.status as event_status',
      'e.severity as event_severity'
    )
    .limit(limit)
  if (status === 'pending') query.where('a.status', 'pending').orderBy('a.decision_due_at')
  else query.whereNot('a.status', 'pending').orderBy('a.id', 'desc')
  const rows: {
    id: SqlInteger
    kind: 'appeal' | 'repair'
    status: string
    reason: string
    decision_due_at: SqlTimestamp
    overdue_at: SqlTimestamp | null
    decision: string | null
    decided_at: SqlTimestamp | null
    created_at: SqlTimestamp
    organization_id: SqlInteger
    agency_name: string
    credit_event_id: SqlInteger
    event_type: string
    event_points: SqlInteger
    event_reason: string
    event_occurred_at: SqlTimestamp
    event_status: string
    event_severity: string | null
    commitment: string | null
  }[] = await query
  const now = clock.now().getTime()
  const files: {
    id: SqlInteger
    credit_appeal_id: SqlInteger
    file_name: string
    file_size: SqlInteger
  }[] = rows.length
    ? await db
        .from('credit_appeal_files')
        .whereIn(
          'credit_appeal_id',
          rows.map((row) => Number(row.id))
        )
        .orderBy('id')
        .select('id', 'credit_appeal_id', 'file_name', 'file_size')
    : []
  const filesOf = Map.groupBy(files, (file) => Number(file.credit_appeal_id))
  return rows.map((row) => ({
    id: Number(row.id),
    kind: row.kind as 'appeal' | 'repair',
    status: row.status as string,
    reason: row.reason as string,
    decisionDueAt: toInstantDate(row.decision_due_at)!,
    // Past the decision limit (SPEC: regulators decide within 3 working days) and still pending.
    overdue:
      row.status === 'pending' &&
      (row.overdue_at !== null || fromSqlTime(row.decision_due_at).getTime() < now),
    decision: row.decision as string | null,
    decidedAt: toInstantDate(row.decided_at),
    createdAt: toInstantDate(row.created_at)!,
    commitment: row.commitment,
    files: (filesOf.get(Number(row.id)) ?? []).map((file) => ({
      id: Number(file.id),
      name: file.file_name,
      size: Number(file.file_size),
    })),
    agency: { id: Number(row.organization_id), name: row.agency_name as string },
    event: {
      id: Number(row.credit_event_id),
      type: row.event_type as string,
      points: Number(row.event_points),
      reason: row.event_reason as string,
      occurredAt: toInstantDate(row.event_occurred_at)!,
      status: row.event_status as string,
      severity: row.event_severity,
    },
  }))
}

/** An agency's own applications, to show beside its events. */
export async function creditAppealsOf(organizationId: number) {
  const rows: {
    id: SqlInteger
    credit_event_id: SqlInteger
    kind: 'appeal' | 'repair'
    status: string
    decision: string | null
    commitment: string | null
    created_at: SqlTimestamp
  }[] = await db
    .from('credit_appeals')
    .where('organization_id', organizationId)
    .orderBy('id', 'desc')
    .limit(200)
  return rows.map((row) => ({
    id: Number(row.id),
    creditEventId: Number(row.credit_event_id),
    kind: row.kind as 'appeal' | 'repair',
    status: row.status as string,
    decision: row.decision as string | null,
    commitment: row.commitment,
    createdAt: toInstantDate(row.created_at)!,
  }))
}

/**
 * 信用承诺: the credit commitments an agency signed with its repair
 * applications, published on its page (newest first), whatever the decision.
 */
export async function creditCommitmentsOf(organizationId: number) {
  const rows: { id: SqlInteger; commitment: string; created_at: SqlTimestamp; status: string }[] =
    await db
      .from('credit_appeals')
      .where('organization_id', organizationId)
      .where('kind', 'repair')
      .whereNotNull('commitment')
      .orderBy('id', 'desc')
      .limit(50)
      .select('id', 'commitment', 'created_at', 'status')
  return rows.map((row) => ({
    id: Number(row.id),
    commitment: row.commitment,
    status: row.status,
    signedAt: toInstantDate(row.created_at)!,
  }))
}
