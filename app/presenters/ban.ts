import { exposureList, type ExposureRow } from '#queries/bans'
import { fromSqlTime } from '#services/sql_time'

/** One row of the exposure list (曝光台), as the page and the API show it. */
export function presentExposureRow(row: ExposureRow, now: Date) {
  const endsAt = fromSqlTime(row.ends_at)
  const liftedAt = fromSqlTime(row.lifted_at)
  return {
    id: Number(row.id),
    agency: row.organization_id
      ? {
          id: Number(row.organization_id),
          name: row.organization_name,
          uscc: row.organization_uscc,
        }
      : null,
    personName: row.person_name,
    reason: row.reason,
    legalBasis: row.legal_basis,
    startsAt: fromSqlTime(row.starts_at),
    endsAt,
    liftedAt,
    liftedReason: row.lifted_reason,
    inForce: !liftedAt && (endsAt === null || endsAt > now),
  }
}

/** A page of the exposure list at a moment: its rows, the paginator and the API's meta. */
export async function exposurePage(now: Date, page: number) {
  const result = await exposureList(now, page)
  return {
    rows: (result.all() as ExposureRow[]).map((row) => presentExposureRow(row, now)),
    result,
    meta: { total: result.total, page: result.currentPage, perPage: result.perPage },
  }
}
