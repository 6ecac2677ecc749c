/*
 * Reads of inspection plans (一公开): a page of plans with their drawn
 * agencies, results and inspectors in a fixed number of queries, one plan
 * with its evidence files and draw proof, and an agency's results.
 */
import { isoInstant } from '#domain/time_zone'
import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import db from '@adonisjs/lucid/services/db'
import InspectionPlan from '#models/inspection_plan'
import { verifyInspectionDraw, type InspectionOutcome } from '#domain/inspection_draw'
import { drawCountOf, type RiskClass, type SamplingMode } from '#domain/inspection_risk'

export type PresentedTarget = {
  id: number
  agency: { id: number; name: string; uscc: string }
  drawRank: number
  /** The risk class it was drawn from (null in a uniform plan). */
  riskClass: RiskClass | null
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
  sampling: SamplingMode
  /** A risk-weighted plan's classes: ratio (basis points), class size and count drawn. */
  riskClasses:
    | {
        riskClass: RiskClass
        ratioBp: number
        size: number
        count: number
        /** Agencies of the class left out: drawn within the class's interval (抽查频次). */
        notDue: number[]
      }[]
    | null
  createdAt: string
  drawCommitment: string
  seed: string
  drawSeed: string
  /** The inspection list entries (抽查事项清单) the plan covers. */
  entries: PresentedListEntry[]
  agencies: PresentedTarget[]
  inspectors: { id: number; name: string; drawRank: number }[]
  recorded: number
}

export type PresentedListEntry = {
  id: number
  item: { code: string; name: string }
  subject: string
  legalBasis: string
  updatedAt: string | null
}

type ListEntryRow = {
  id: SqlInteger
  title: string
  legal_basis: string
  updated_at: SqlTimestamp | null
  item_code: string
  item_name: string
}

const presentEntry = (row: ListEntryRow): PresentedListEntry => ({
  id: Number(row.id),
  item: { code: row.item_code, name: row.item_name },
  subject: row.title,
  legalBasis: row.legal_basis,
  updatedAt: isoInstant(row.updated_at),
})

const ENTRY_COLUMNS = [
  'e.id',
  'e.title',
  'e.legal_basis',
  'e.updated_at',
  's.code as item_code',
  's.name as item_name',
]

/** 抽查事项清单: every entry, by item code then id; one item's when a code is given. */
export async function inspectionListEntries(itemCode?: string) {
  const rows: ListEntryRow[] = await db
    .from('inspection_list_entries as e')
    .join('service_items as s', 's.id', 'e.service_item_id')
    .if(itemCode, (query) => query.where('s.code', itemCode!))
    .orderBy('s.code')
    .orderBy('e.id')
    .select(ENTRY_COLUMNS)
  return rows.map(presentEntry)
}

/** One entry as the API shows it. */
export async function inspectionListEntry(id: number) {
  const row: ListEntryRow = await db
    .from('inspection_list_entries as e')
    .join('service_items as s', 's.id', 'e.service_item_id')
    .where('e.id', id)
    .select(ENTRY_COLUMNS)
    .firstOrFail()
  return presentEntry(row)
}

/** A timestamp of a raw row as the API writes instants. */
const iso = (value: SqlTimestamp | null) => isoInstant(value)

type TargetRow = {
  id: SqlInteger
  plan_id: SqlInteger
  organization_id: SqlInteger
  agency_name: string
  agency_uscc: string
  draw_rank: SqlInteger
  risk_class: RiskClass | null
  outcome: InspectionOutcome | null
  note: string | null
  recorded_at: SqlTimestamp | null
  recorder: string | null
  credit_event_id: SqlInteger | null
}
type InspectorRow = {
  plan_id: SqlInteger
  user_id: SqlInteger
  draw_rank: SqlInteger
  full_name: string
}
type FileRow = {
  id: SqlInteger
  target_id: SqlInteger
  file_name: string
  file_size: SqlInteger
  file_mime: string
}

/** Presents plans with their targets, results, files, inspectors and list entries: five queries whatever the count. */
async function present(plans: InspectionPlan[]): Promise<PresentedPlan[]> {
  if (plans.length === 0) return []
  const ids = plans.map((plan) => plan.id)
  const itemIds = plans.map((plan) => plan.serviceItemId).filter((id) => id !== null)
  const [targets, inspectors, items]: [
    TargetRow[],
    InspectorRow[],
    { id: SqlInteger; code: string; name: string }[],
  ] = await Promise.all([
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
  const entryRows: (ListEntryRow & { plan_id: SqlInteger })[] = await db
    .from('inspection_plan_entries as pe')
    .join('inspection_list_entries as e', 'e.id', 'pe.entry_id')
    .join('service_items as s', 's.id', 'e.service_item_id')
    .whereIn('pe.plan_id', ids)
    .orderBy('e.id')
    .select([...ENTRY_COLUMNS, 'pe.plan_id'])
  const entriesOf = Map.groupBy(entryRows, (row) => Number(row.plan_id))
  const files: FileRow[] = targets.length
    ? await db
        .from('inspection_files')
        .whereIn(
          'target_id',
          targets.map((target) => target.id)
        )
        .orderBy('id')
    : []
  const filesOf = Map.groupBy(files, (file) => Number(file.target_id))
  const targetsOf = Map.groupBy(targets, (target) => Number(target.plan_id))
  const inspectorsOf = Map.groupBy(inspectors, (row) => Number(row.plan_id))
  const itemOf = new Map(items.map((row) => [Number(row.id), row]))
  return plans.map((plan) => {
    const agencies = (targetsOf.get(plan.id) ?? []).map((row): PresentedTarget => ({
      id: Number(row.id),
      agency: { id: Number(row.organization_id), name: row.agency_name, uscc: row.agency_uscc },
      drawRank: Number(row.draw_rank),
      riskClass: row.risk_class ?? null,
      outcome: row.outcome ?? null,
      note: row.note ?? null,
      recordedAt: iso(row.recorded_at),
      recordedBy: row.recorder ?? null,
      creditEventId: row.credit_event_id === null ? null : Number(row.credit_event_id),
      files: (filesOf.get(Number(row.id)) ?? []).map((file) => ({
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
      sampling: plan.sampling as SamplingMode,
      riskClasses:
        plan.publishedRiskClasses?.map((entry) => ({
          riskClass: entry.riskClass,
          ratioBp: entry.ratioBp,
          size: entry.candidates.length,
          count: drawCountOf(entry.ratioBp, entry.candidates.length),
          notDue: entry.notDue ?? [],
        })) ?? null,
      createdAt: plan.createdAt.toUTC().toISO()!,
      drawCommitment: plan.drawCommitment,
      seed: plan.seed,
      drawSeed: plan.drawSeed,
      entries: (entriesOf.get(plan.id) ?? []).map(presentEntry),
      agencies,
      inspectors: (inspectorsOf.get(plan.id) ?? []).map((row) => ({
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
  const [targets, inspectors]: [
    { organization_id: SqlInteger; risk_class: RiskClass | null }[],
    { user_id: SqlInteger }[],
  ] = await Promise.all([
    db.from('inspection_targets').where('plan_id', plan.id).orderBy('draw_rank'),
    db.from('inspection_inspectors').where('plan_id', plan.id).orderBy('draw_rank'),
  ])
  return verifyInspectionDraw({
    seed: plan.seed,
    commitment: plan.drawCommitment,
    drawSeed: plan.drawSeed,
    agencyCandidates: plan.agencyCandidateIds,
    agencyPicks: targets.map((row) => Number(row.organization_id)),
    riskClasses:
      plan.publishedRiskClasses?.map(({ riskClass, ratioBp, candidates }) => ({
        riskClass,
        ratioBp,
        candidates,
        picks: targets
          .filter((row) => row.risk_class === riskClass)
          .map((row) => Number(row.organization_id)),
      })) ?? null,
    inspectorCandidates: plan.inspectorCandidateIds,
    excluded: plan.exclusions,
    inspectorPicks: inspectors.map((row) => Number(row.user_id)),
  })
}

/** An agency's inspections, newest first, for its public page. */
export async function inspectionsOfAgency(organizationId: number) {
  const rows: {
    plan_id: SqlInteger
    name: string
    outcome: InspectionOutcome | null
    note: string | null
    recorded_at: SqlTimestamp | null
    created_at: SqlTimestamp
  }[] = await db
    .from('inspection_targets as t')
    .join('inspection_plans as p', 'p.id', 't.plan_id')
    .where('t.organization_id', organizationId)
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(50)
    .select('t.outcome', 't.note', 't.recorded_at', 'p.id as plan_id', 'p.name', 'p.created_at')
  return rows.map((row) => ({
    planId: Number(row.plan_id),
    planName: row.name,
    drawnAt: iso(row.created_at)!,
    outcome: row.outcome ?? null,
    note: row.note ?? null,
    recordedAt: iso(row.recorded_at),
  }))
}

/** The regulators, for the recusal form. */
export async function inspectorChoices() {
  const rows: { id: SqlInteger; full_name: string; organization: string }[] = await db
    .from('users as u')
    .join('organizations as o', 'o.id', 'u.organization_id')
    .where('u.role', 'regulator')
    .orderBy('u.id')
    .select('u.id', 'u.full_name', 'o.name as organization')
  return rows.map((row) => ({
    id: Number(row.id),
    name: row.full_name,
    organization: row.organization,
  }))
}

/** Declared relations (回避申报), newest first. */
export async function recentRecusals(limit = 50) {
  const rows: {
    id: SqlInteger
    reason: string
    created_at: SqlTimestamp
    full_name: string
    agency_id: SqlInteger
    name: string
  }[] = await db
    .from('inspection_recusals as r')
    .join('users as u', 'u.id', 'r.user_id')
    .join('organizations as o', 'o.id', 'r.organization_id')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .select('r.id', 'r.reason', 'r.created_at', 'u.full_name', 'o.id as agency_id', 'o.name')
  return rows.map((row) => ({
    id: Number(row.id),
    inspector: row.full_name,
    agency: { id: Number(row.agency_id), name: row.name },
    reason: row.reason,
    createdAt: iso(row.created_at)!,
  }))
}
