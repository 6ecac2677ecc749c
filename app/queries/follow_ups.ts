import db from '@adonisjs/lucid/services/db'
import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import { toInstantDate } from '#domain/time_zone'

/**
 * Follow-up cases of bad ratings for regulators, open ones first, each with
 * the rating, the agency, the project and the steps taken so far.
 */
export async function followUpCases(filter: 'open' | 'closed', limit = 100) {
  const query = db
    .from('follow_up_cases as f')
    .join('evaluations as e', 'e.id', 'f.evaluation_id')
    .join('contracts as c', 'c.id', 'e.contract_id')
    .join('projects as p', 'p.id', 'c.project_id')
    .join('organizations as o', 'o.id', 'f.agency_organization_id')
    .select(
      'f.*',
      'e.quality',
      'e.timeliness',
      'e.attitude',
      'e.fee_compliance',
      'e.comment',
      'e.reply',
      'c.id as contract_id',
      'p.id as project_id',
      'p.code as project_code',
      'p.title as project_title',
      'o.name as agency_name'
    )
    .limit(limit)
  if (filter === 'open') query.whereNot('f.status', 'closed').orderBy('f.id')
  else query.where('f.status', 'closed').orderBy('f.id', 'desc')
  const rows: {
    id: SqlInteger
    status: string
    created_at: SqlTimestamp
    agency_organization_id: SqlInteger
    agency_name: string
    project_id: SqlInteger
    project_code: string
    project_title: string
    contract_id: SqlInteger
    quality: SqlInteger
    timeliness: SqlInteger
    attitude: SqlInteger
    fee_compliance: SqlInteger
    comment: string | null
    reply: string | null
  }[] = await query
  const ids = rows.map((row) => Number(row.id))
  const steps: {
    id: SqlInteger
    case_id: SqlInteger
    step: string
    step_date: Date | string
    note: string
  }[] = ids.length ? await db.from('follow_up_steps').whereIn('case_id', ids).orderBy('id') : []
  const stepsByCase = Map.groupBy(steps, (step) => Number(step.case_id))
  return rows.map((row) => ({
    id: Number(row.id),
    status: row.status as string,
    createdAt: toInstantDate(row.created_at)!,
    agency: { id: Number(row.agency_organization_id), name: row.agency_name as string },
    project: { id: Number(row.project_id), code: row.project_code, title: row.project_title },
    contractId: Number(row.contract_id),
    rating: {
      quality: Number(row.quality),
      timeliness: Number(row.timeliness),
      attitude: Number(row.attitude),
      feeCompliance: Number(row.fee_compliance),
    },
    comment: row.comment as string | null,
    reply: row.reply as string | null,
    steps: (stepsByCase.get(Number(row.id)) ?? []).map((step) => ({
      id: Number(step.id),
      step: step.step as string,
      date: String(
        step.step_date instanceof Date ? step.step_date.toISOString() : step.step_date
      ).slice(0, 10),
      note: step.note as string,
    })),
  }))
}
