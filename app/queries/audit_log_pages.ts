import db from '@adonisjs/lucid/services/db'

export type AuditFilters = {
  subjectType?: string
  subjectId?: string
  action?: string
  page?: number
}

const PER_PAGE = 50

/** The audit log as regulators browse it: newest first, by aggregate (subject) and action. */
export async function auditEventsPage(filters: AuditFilters) {
  const page = filters.page ?? 1
  const query = db.from('audit_events as a').leftJoin('users as u', 'u.id', 'a.actor_user_id')
  if (filters.subjectType) query.where('a.subject_type', filters.subjectType)
  if (filters.subjectId) query.where('a.subject_id', filters.subjectId)
  if (filters.action) query.where('a.action', 'like', `${filters.action.replace(/[%_!]/g, '')}%`)
  const rows = await query
    .orderBy('a.id', 'desc')
    .limit(PER_PAGE + 1)
    .offset((page - 1) * PER_PAGE)
    .select(
      'a.id',
      'a.occurred_at',
      'a.action',
      'a.subject_type',
      'a.subject_id',
      'a.actor_role',
      'a.payload',
      'a.hash',
      'u.full_name as actor_name'
    )
  return {
    page,
    hasNext: rows.length > PER_PAGE,
    events: rows.slice(0, PER_PAGE).map((row: any) => ({
      id: Number(row.id),
      occurredAt: row.occurred_at,
      action: row.action as string,
      subjectType: row.subject_type as string,
      subjectId: row.subject_id as string,
      actor: row.actor_name ? `${row.actor_name}（${row.actor_role}）` : null,
      payload: row.payload as string,
      hash: row.hash as string,
    })),
  }
}

/** The kinds of aggregate the log holds, for the filter. */
export async function auditSubjectTypes() {
  const rows = await db.from('audit_events').distinct('subject_type').orderBy('subject_type')
  return rows.map((row: any) => row.subject_type as string)
}
