import db from '@adonisjs/lucid/services/db'

/** Active responses of the current round per project, in one query for a whole page. */
export async function responseCounts(projectIds: number[]) {
  if (projectIds.length === 0) return new Map<number, number>()
  const rows = await db
    .from('bids')
    .join('projects', (join) =>
      join.on('projects.id', 'bids.project_id').andOn('projects.round', 'bids.round')
    )
    .whereIn('bids.project_id', projectIds)
    .where('bids.status', 'active')
    .select('bids.project_id')
    .count('* as total')
    .groupBy('bids.project_id')
  return new Map(
    rows.map((row: { project_id: number; total: number | string }) => [
      Number(row.project_id),
      Number(row.total),
    ])
  )
}
