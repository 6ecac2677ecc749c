/*
 * Reads of inspection plans (一公开): a page of plans with their drawn
 * agencies, results and inspectors in a fixed number of queries, one plan
 * with its evidence files and draw proof, and an agency's results.
 */
import { isoInstant, type InstantLike } from '#domain/time_zone'
import db from '@adonisjs/lucid/services/db'
import InspectionPlan from '#models/inspection_plan'
import { verifyInspectionDraw, type InspectionOutcome } from '#domain/inspection_draw'

export type PresentedTarget = {
  id: number
  agency: { id: number; name: string; uscc: string }
  drawRank: number
  outcome: InspectionOutcome | null
  note: string | null
  recordedAt: string | null
  recordedBy: string | null
  creditEventId: number | null
  files: { id: number; name: string; size: number; mime: string }[]
}

export type PresentedPlan = {
  id: number
  name: string
  item: { code: string; name: string } | null
  regionCode: string | null
  agencyCount: number
  inspectorCount: number
  createdAt: string
  drawCommitment: string
  seed: string
  drawSeed: string
  agencies: PresentedTarget[]
  inspectors: { id: number; name: string; drawRank: number }[]
  recorded: number
}

/** A timestamp of a raw row as the API writes instants. */
function iso(value: unknown) {
  return isoInstant(value as InstantLike)
}

/** Presents plans with their targets, results, files and inspectors: four queries whatever the count. */
async function present(plans: InspectionPlan[]): Promise<PresentedPlan[]> {
  if (plans.length === 0) return []
  const ids = plans.map((plan) => plan.id)
  const itemIds = plans.map((plan) => plan.serviceItemId).filter((id) => id !== null)
  const [targets, inspectors, items] = await Promise.all([
    db
      .from('inspection_targets as t')
      .join('organizations as o', 'o.id', 't.organization_id')
      .leftJoin('users as u', 'u.id', 't.recorded_by_user_id')
      .whereIn('t.plan_id', ids)
      .orderBy('t.draw_rank')
      .select('t.*', 'o.name as agency_name', 'o.uscc as agency_uscc', 'u.full_name as recorder'),
    db
      .from('inspection_inspectors as i')
      .join('users as u', 'u.id', 'i.user_id')
      .whereIn('i.plan_id', ids)
      .orderBy('i.draw_rank')
      .select('i.plan_id', 'i.user_id', 'i.draw_rank', 'u.full_name'),
    itemIds.length
      ? db.from('service_items').whereIn('id', itemIds).select('id', 'code', 'name')
      : Promise.resolve([]),
  ])
  const files = targets.length
    ? await db
        .from('inspection_files')
        .whereIn(
          'target_id',
          targets.map((target: any) => target.id)
        )
        .orderBy('id')
    : []
  const filesOf = Map.groupBy(files, (file: any) => Number(file.target_id))
  const targetsOf = Map.groupBy(targets, (target: any) => Number(target.plan_id))
  const inspectorsOf = Map.groupBy(inspectors, (row: any) => Number(row.plan_id))
  const itemOf = new Map(items.map((row: any) => [Number(row.id), row]))
  return plans.map((plan) => {
    const agencies = (targetsOf.get(plan.id) ?? []).map((row: any): PresentedTarget => ({
      id: Number(row.id),
      agency: { id: Number(row.organization_id), name: row.agency_name, uscc: row.agency_uscc },
      drawRank: Number(row.draw_rank),
      outcome: row.outcome ?? null,
      note: row.note ?? null,
      recordedAt: iso(row.recorded_at),
      recordedBy: row.recorder ?? null,
      creditEventId: row.credit_event_id === null ? null : Number(row.credit_event_id),
      files: (filesOf.get(Number(row.id)) ?? []).map((file: any) => ({
        id: Number(file.id),
        name: file.file_name,
        size: Number(file.file_size),
        mime: file.file_mime,
      })),
    }))
    const item = plan.serviceItemId === null ? null : itemOf.get(plan.serviceItemId)
    return {
      id: plan.id,
      name: plan.name,
      item: item ? { code: item.code, name: item.name } : null,
      regionCode: plan.regionCode,
      agencyCount: plan.agencyCount,
      inspectorCount: plan.inspectorCount,
      createdAt: plan.createdAt.toUTC().toISO()!,
      drawCommitment: plan.drawCommitment,
      seed: plan.seed,
      drawSeed: plan.drawSeed,
      agencies,
      inspectors: (inspectorsOf.get(plan.id) ?? []).map((row: any) => ({
        id: Number(row.user_id),
        name: row.full_name,
        drawRank: Number(row.draw_rank),
      })),
      recorded: agencies.filter((target) => target.outcome !== null).length,
    }
  })
}

/** Plans, newest first, a page at a time. */
export async function inspectionPlansPage(page: number, perPage = 20) {
  const result = await InspectionPlan.query()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .paginate(page, perPage)
  return {
    plans: await present(result.all()),
    meta: { total: result.total, page: result.currentPage, perPage: result.perPage },
    result,
  }
}

export async function inspectionPlanDetail(plan: InspectionPlan) {
  const [presented] = await present([plan])
  return presented
}

/** The recomputation of a plan's two draws from what it published. */
export async function inspectionProofOf(plan: InspectionPlan) {
  const [targets, inspectors] = await Promise.all([
    db.from('inspection_targets').where('plan_id', plan.id).orderBy('draw_rank'),
    db.from('inspection_inspectors').where('plan_id', plan.id).orderBy('draw_rank'),
  ])
  return verifyInspectionDraw({
    seed: plan.seed,
    commitment: plan.drawCommitment,
    drawSeed: plan.drawSeed,
    agencyCandidates: plan.agencyCandidateIds,
    agencyPicks: targets.map((row: any) => Number(row.organization_id)),
    inspectorCandidates: plan.inspectorCandidateIds,
    excluded: plan.exclusions,
    inspectorPicks: inspectors.map((row: any) => Number(row.user_id)),
  })
}

/** An agency's inspections, newest first, for its public page. */
export async function inspectionsOfAgency(organizationId: number) {
  const rows = await db
    .from('inspection_targets as t')
    .join('inspection_plans as p', 'p.id', 't.plan_id')
    .where('t.organization_id', organizationId)
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(50)
    .select('t.outcome', 't.note', 't.recorded_at', 'p.id as plan_id', 'p.name', 'p.created_at')
  return rows.map((row: any) => ({
    planId: Number(row.plan_id),
    planName: row.name as string,
    drawnAt: iso(row.created_at)!,
    outcome: (row.outcome ?? null) as InspectionOutcome | null,
    note: (row.note ?? null) as string | null,
    recordedAt: iso(row.recorded_at),
  }))
}

/** The regulators, for the recusal form. */
export async function inspectorChoices() {
  const rows = await db
    .from('users as u')
    .join('organizations as o', 'o.id', 'u.organization_id')
    .where('u.role', 'regulator')
    .orderBy('u.id')
    .select('u.id', 'u.full_name', 'o.name as organization')
  return rows.map((row: any) => ({
    id: Number(row.id),
    name: row.full_name as string,
    organization: row.organization as string,
  }))
}

/** Declared relations (回避申报), newest first. */
export async function recentRecusals(limit = 50) {
  const rows = await db
    .from('inspection_recusals as r')
    .join('users as u', 'u.id', 'r.user_id')
    .join('organizations as o', 'o.id', 'r.organization_id')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .select('r.id', 'r.reason', 'r.created_at', 'u.full_name', 'o.id as agency_id', 'o.name')
  return rows.map((row: any) => ({
    id: Number(row.id),
    inspector: row.full_name as string,
    agency: { id: Number(row.agency_id), name: row.name as string },
    reason: row.reason as string,
    createdAt: iso(row.created_at)!,
  }))
}
