import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#domain/time_zone'
import { toInstantDate } from '#domain/time_zone'

export type AuditFilters = {
  subjectType?: string
  subjectId?: string
  action?: string
  /** An organisation: entries by its users, or about it. */
  organization?: number
  /** Beijing days (YYYY-MM-DD), both included. */
  from?: string
  to?: string
  page?: number
}

const PER_PAGE = 50

/** The instant a Beijing day starts, as the log writes instants (ISO, UTC). */
function dayStart(day: string, plusDays = 0) {
  const start = DateTime.fromISO(day, { zone: DISPLAY_ZONE })
  if (!start.isValid) return null
  return start.plus({ days: plusDays }).toUTC().toISO()
}

/** The audit log as regulators browse it: newest first, by aggregate, action, organisation and day. */
export async function auditEventsPage(filters: AuditFilters) {
  const page = filters.page ?? 1
  const query = db.from('audit_events as a').leftJoin('users as u', 'u.id', 'a.actor_user_id')
  if (filters.subjectType) query.where('a.subject_type', filters.subjectType)
  if (filters.subjectId) query.where('a.subject_id', filters.subjectId)
  if (filters.action) query.where('a.action', 'like', `${filters.action.replace(/[%_!]/g, '')}%`)
  if (filters.organization) {
    const organization = filters.organization
    query.where((where) =>
      where
        .where('u.organization_id', organization)
        .orWhere((about) =>
          about.where('a.subject_type', 'organization').where('a.subject_id', String(organization))
        )
    )
  }
  const from = filters.from ? dayStart(filters.from) : null
  const to = filters.to ? dayStart(filters.to, 1) : null
  if (from) query.where('a.occurred_at', '>=', from)
  if (to) query.where('a.occurred_at', '<', to)
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
    events: rows.slice(0, PER_PAGE).map((row: Record<string, unknown>) => ({
      id: Number(row.id),
      occurredAt: toInstantDate(row.occurred_at as Date | string)!,
      action: String(row.action),
      subjectType: String(row.subject_type),
      subjectId: String(row.subject_id),
      actorName: (row.actor_name as string | null) ?? null,
      actorRole: (row.actor_role as string | null) ?? null,
      payload: String(row.payload),
      hash: String(row.hash),
    })),
  }
}

/** The kinds of aggregate the log holds, for the filter. */
export async function auditSubjectTypes() {
  const rows = await db.from('audit_events').distinct('subject_type').orderBy('subject_type')
  return rows.map((row: { subject_type: string }) => row.subject_type)
}

/** The organisation a filter names, for the page's heading. */
export async function auditOrganization(id: number | undefined) {
  if (!id) return null
  const row = await db.from('organizations').where('id', id).select('id', 'name', 'uscc').first()
  return row ? { id: Number(row.id), name: String(row.name), uscc: String(row.uscc) } : null
}
