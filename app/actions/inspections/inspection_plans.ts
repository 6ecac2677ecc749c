/*
 * 双随机、一公开: a regulator makes an inspection plan, which draws the
 * agencies and the inspectors at once with the verifiable draw (the seed is
 * published with the plan); a drawn inspector records each agency's result
 * once, with evidence and optionally a credit penalty; regulators declare
 * relations (回避申报) that keep an inspector out of a plan drawing that agency.
 * Each is one transaction written to the audit log.
 */
import type { SqlInteger } from '#services/sql_rows'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import { refuseInput } from '#exceptions/invalid_input_exception'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { DateTime } from 'luxon'
import type User from '#models/user'
import InspectionPlan from '#models/inspection_plan'
import StateConflictException from '#exceptions/state_conflict_exception'
import { commitmentOf, generateSeed } from '#domain/verifiable_draw'
import {
  classify,
  dueForInspection,
  RISK_CLASSES,
  riskClassDraws,
  type RiskClass,
  type RiskFacts,
  type RiskRatios,
  type SamplingMode,
} from '#domain/inspection_risk'
import { gradeForScore } from '#domain/credit'
import type { RuleParameters } from '#domain/rules'
import { rulesInForce } from '#services/market_rules'
import {
  candidateOrder,
  drawAgencies,
  drawRiskClasses,
  drawInspectors,
  eligibleInspectors,
  inspectionDrawSeed,
  mayCarryPenalty,
  relatedInspectors,
  type InspectionOutcome,
} from '#domain/inspection_draw'
import { DISPLAY_ZONE } from '#domain/time_zone'
import { recordAuditEvent } from '#services/audit_log'
import { recordCreditEvent } from '#services/credit_ledger'
import { storeUpload } from '#services/uploads'
import { fromSqlTime, sqlTime } from '#services/sql_time'
import { clock } from '#services/clock'
import { marketText } from '#services/market_language'
import { notify } from '#services/notifications'

type Problem = { field: string; rule: string; data?: Record<string, unknown> }

/** 422 at each field, the messages from inspections.errors.<rule>. */
function refuse(problems: Problem[]): never {
  refuseInput(
    problems.map((problem) => ({
      field: problem.field,
      rule: `inspection.${problem.rule}`,
      identifier: `inspections.errors.${problem.rule}`,
      data: problem.data,
    }))
  )
}

export type PlanInput = {
  name?: string
  sampling?: SamplingMode
  agencyCount?: number
  ratios?: Partial<RiskRatios>
  entryIds?: number[]
  inspectorCount: number
  itemCode?: string
  regionCode?: string
}

/** Active agencies in the scope (item offered and listed; region: a province includes its cities). */
async function agencyCandidates(
  scope: { serviceItemId: number | null; regionCode?: string },
  trx: TransactionClientContract
) {
  const query = trx.from('agency_profiles as p').where('p.status', 'active')
  if (scope.serviceItemId !== null) {
    query
      .join('agency_service_items as s', 's.organization_id', 'p.organization_id')
      .where('s.service_item_id', scope.serviceItemId)
      .where('s.listed', 1)
  }
  const region = scope.regionCode
  if (region) {
    if (region.endsWith('0000')) query.where('p.province_code', region.slice(0, 2))
    else if (region.endsWith('00')) query.where('p.region_code', 'like', `${region.slice(0, 4)}%`)
    else query.where('p.region_code', region)
  }
  const rows: { organization_id: SqlInteger }[] = await query.select('p.organization_id')
  return candidateOrder(rows.map((row) => Number(row.organization_id)))
}

/**
 * The facts that class each candidate by risk: its grade (from its score and
 * the cut-offs in force), its valid negative credit events and its upheld
 * complaints of the last 12 months, and its follow-up cases not yet closed.
 */
async function riskFactsOf(
  ids: readonly number[],
  rules: RuleParameters,
  now: DateTime,
  trx: TransactionClientContract
) {
  if (ids.length === 0) return []
  const since = sqlTime(now.minus({ months: 12 }))
  type Row = { organization_id: SqlInteger; n?: SqlInteger | string; credit_score?: SqlInteger }
  const [profiles, events, complaints, followUps] = (await Promise.all([
    trx
      .from('agency_profiles')
      .whereIn('organization_id', [...ids])
      .select('organization_id', 'credit_score'),
    trx
      .from('credit_events')
      .whereIn('organization_id', [...ids])
      .where('status', 'valid')
      .where('points', '<', 0)
      .where('occurred_at', '>=', since)
      .groupBy('organization_id')
      .select('organization_id')
      .count('* as n'),
    trx
      .from('complaints')
      .whereIn('agency_organization_id', [...ids])
      .where('outcome', 'upheld')
      .where('answered_at', '>=', since)
      .groupBy('agency_organization_id')
      .select('agency_organization_id as organization_id')
      .count('* as n'),
    trx
      .from('follow_up_cases')
      .whereIn('agency_organization_id', [...ids])
      .whereNot('status', 'closed')
      .groupBy('agency_organization_id')
      .select('agency_organization_id as organization_id')
      .count('* as n'),
  ])) as Row[][]
  const counts = (rows: typeof events) =>
    new Map(rows.map((row) => [Number(row.organization_id), Number(row.n)]))
  const [score, negative, upheld, open] = [
    new Map(profiles.map((row) => [Number(row.organization_id), Number(row.credit_score)])),
    counts(events),
    counts(complaints),
    counts(followUps),
  ]
  return ids.map((id) => {
    const facts: RiskFacts = {
      grade: gradeForScore(score.get(id) ?? rules.creditBaseScore, rules.gradeCutoffs),
      negativeEvents: negative.get(id) ?? 0,
      upheldComplaints: upheld.get(id) ?? 0,
      openSignals: open.get(id) ?? 0,
    }
    return { id, facts }
  })
}

/** When each agency was last drawn by a plan (抽查频次), for those ever drawn. */
async function lastDrawnAt(ids: readonly number[], trx: TransactionClientContract) {
  if (ids.length === 0) return new Map<number, Date>()
  const rows: { organization_id: SqlInteger; at: Date | string }[] = await trx
    .from('inspection_targets as t')
    .join('inspection_plans as p', 'p.id', 't.plan_id')
    .whereIn('t.organization_id', [...ids])
    .groupBy('t.organization_id')
    .select('t.organization_id')
    .max('p.created_at as at')
  return new Map(rows.map((row) => [Number(row.organization_id), fromSqlTime(row.at)]))
}

/**
 * Makes a plan and performs both draws (API.md "Verifiable draw, version 1",
 * candidates by id): agencies, then inspectors among the regulators related to
 * none of the drawn agencies. Too few candidates for the counts → 422.
 */
export async function createInspectionPlan(input: PlanInput, regulator: User) {
  let item: { id: number; code: string; name: string } | null = null
  if (input.itemCode) {
    const row = await db
      .from('service_items')
      .where('code', input.itemCode)
      .select('id', 'code', 'name')
      .first()
    if (!row) refuse([{ field: 'itemCode', rule: 'unknownItem' }])
    item = { id: Number(row.id), code: row.code, name: row.name }
  }

  // 抽查事项清单: the entries the plan covers exist and, in a plan for one item, are that item's.
  const entryIds = candidateOrder(input.entryIds ?? [])
  if (entryIds.length > 0) {
    const entries: { id: SqlInteger; service_item_id: SqlInteger }[] = await db
      .from('inspection_list_entries')
      .whereIn('id', entryIds)
      .select('id', 'service_item_id')
    if (entries.length !== entryIds.length) refuse([{ field: 'entryIds', rule: 'unknownEntry' }])
    if (item && entries.some((entry) => Number(entry.service_item_id) !== item!.id)) {
      refuse([{ field: 'entryIds', rule: 'entryOutsideItem', data: { item: item.code } }])
    }
  }

  return db.transaction(async (trx) => {
    const now = DateTime.fromJSDate(clock.now())
    const candidates = await agencyCandidates(
      { serviceItemId: item?.id ?? null, regionCode: input.regionCode },
      trx
    )
    const sampling: SamplingMode = input.sampling ?? 'uniform'
    const seed = generateSeed()
    const drawSeed = inspectionDrawSeed(seed)
    let agencyPicks: number[]
    let classOf = new Map<number, RiskClass>()
    let drawnFrom = candidates
    let published:
      { riskClass: RiskClass; ratioBp: number; candidates: number[]; notDue: number[] }[] | null =
      null
    if (sampling === 'risk') {
      const { rules } = await rulesInForce(now.toJSDate(), trx)
      const ratios: RiskRatios = {
        high: input.ratios?.high ?? rules.inspectionRatioHighBp,
        medium: input.ratios?.medium ?? rules.inspectionRatioMediumBp,
        low: input.ratios?.low ?? rules.inspectionRatioLowBp,
      }
      const classes = classify(await riskFactsOf(candidates, rules, now, trx), {
        negativeEvents: rules.inspectionHighRiskNegativeEvents,
        upheldComplaints: rules.inspectionHighRiskUpheldComplaints,
        openSignals: rules.inspectionHighRiskOpenSignals,
      })
      // 抽查频次: an agency drawn within its class's interval is not a candidate this time.
      const intervals = {
        high: rules.inspectionIntervalMonthsHigh,
        medium: rules.inspectionIntervalMonthsMedium,
        low: rules.inspectionIntervalMonthsLow,
      }
      const last = await lastDrawnAt(candidates, trx)
      const isDue = (riskClass: RiskClass, id: number) =>
        dueForInspection(riskClass, last.get(id) ?? null, intervals, now.toJSDate())
      const due = Object.fromEntries(
        RISK_CLASSES.map((riskClass) => [
          riskClass,
          classes[riskClass].filter((id) => isDue(riskClass, id)),
        ])
      ) as Record<RiskClass, number[]>
      const table = riskClassDraws(due, ratios)
      drawnFrom = candidateOrder(table.flatMap((entry) => entry.candidates))
      const draws = drawRiskClasses(drawSeed, table)
      agencyPicks = draws.flatMap((draw) => draw.picks)
      if (agencyPicks.length === 0) {
        refuse([{ field: 'ratios', rule: 'nothingDrawn', data: { available: candidates.length } }])
      }
      classOf = new Map(draws.flatMap((draw) => draw.picks.map((id) => [id, draw.riskClass])))
      published = table.map(({ riskClass, ratioBp, candidates: ids }) => ({
        riskClass,
        ratioBp,
        candidates: ids,
        notDue: classes[riskClass].filter((id) => !isDue(riskClass, id)),
      }))
    } else {
      if (input.agencyCount === undefined) {
        refuse([{ field: 'agencyCount', rule: 'agencyCountRequired' }])
      }
      if (input.agencyCount > candidates.length) {
        refuse([
          { field: 'agencyCount', rule: 'tooFewAgencies', data: { available: candidates.length } },
        ])
      }
      agencyPicks = drawAgencies(drawSeed, candidates, input.agencyCount)
    }

    const inspectorRows: {
      id: SqlInteger
      organization_id: SqlInteger
      full_name: string | null
    }[] = await trx
      .from('users')
      .where('role', 'regulator')
      .orderBy('id')
      .select('id', 'organization_id', 'full_name')
    const inspectors = inspectorRows.map((row) => ({
      id: Number(row.id),
      organizationId: Number(row.organization_id),
      fullName: String(row.full_name ?? ''),
    }))
    const practitioners: { organization_id: SqlInteger; name: string }[] = await trx
      .from('practitioners')
      .whereIn('organization_id', agencyPicks)
      .select('organization_id', 'name')
    const recusals: { user_id: SqlInteger; organization_id: SqlInteger }[] = await trx
      .from('inspection_recusals')
      .whereIn('organization_id', agencyPicks)
      .select('user_id', 'organization_id')
    const exclusions = relatedInspectors(
      inspectors,
      agencyPicks.map((id) => ({
        id,
        practitionerNames: practitioners
          .filter((row) => Number(row.organization_id) === id)
          .map((row) => String(row.name)),
      })),
      recusals.map((row) => ({
        userId: Number(row.user_id),
        organizationId: Number(row.organization_id),
      }))
    )
    const inspectorCandidates = candidateOrder(inspectors.map((inspector) => inspector.id))
    const eligible = eligibleInspectors(inspectorCandidates, exclusions)
    if (input.inspectorCount > eligible.length) {
      refuse([
        {
          field: 'inspectorCount',
          rule: 'tooFewInspectors',
          data: { available: eligible.length },
        },
      ])
    }
    const inspectorPicks = drawInspectors(drawSeed, eligible, input.inspectorCount)

    const name =
      input.name ??
      marketText('inspections.defaultName', {
        date: now.setZone(DISPLAY_ZONE).toISODate(),
        item: item ? ` ${item.code}` : '',
      })
    const [planId] = await trx
      .insertQuery()
      .table('inspection_plans')
      .insert({
        name,
        service_item_id: item?.id ?? null,
        region_code: input.regionCode ?? null,
        agency_count: agencyPicks.length,
        sampling,
        risk_classes: published ? JSON.stringify(published) : null,
        inspector_count: input.inspectorCount,
        seed,
        draw_commitment: commitmentOf(seed),
        draw_seed: drawSeed,
        agency_candidates: JSON.stringify(drawnFrom),
        inspector_candidates: JSON.stringify(inspectorCandidates),
        excluded_inspectors: JSON.stringify(exclusions),
        created_by_user_id: regulator.id,
        created_at: sqlTime(now),
        updated_at: sqlTime(now),
      })
    await trx
      .insertQuery()
      .table('inspection_targets')
      .multiInsert(
        agencyPicks.map((organizationId, index) => ({
          plan_id: Number(planId),
          organization_id: organizationId,
          draw_rank: index + 1,
          risk_class: classOf.get(organizationId) ?? null,
        }))
      )
    if (entryIds.length > 0) {
      await trx
        .insertQuery()
        .table('inspection_plan_entries')
        .multiInsert(entryIds.map((entryId) => ({ plan_id: Number(planId), entry_id: entryId })))
    }
    await trx
      .insertQuery()
      .table('inspection_inspectors')
      .multiInsert(
        inspectorPicks.map((userId, index) => ({
          plan_id: Number(planId),
          user_id: userId,
          draw_rank: index + 1,
        }))
      )
    await recordAuditEvent(trx, {
      actor: regulator,
      action: 'inspection.plan_drawn',
      subjectType: 'inspection_plan',
      subjectId: Number(planId),
      payload: {
        name,
        itemCode: item?.code ?? null,
        regionCode: input.regionCode ?? null,
        seed,
        drawCommitment: commitmentOf(seed),
        drawSeed,
        agencyCandidates: candidates.length,
        sampling,
        riskClasses: published?.map((entry) => ({
          riskClass: entry.riskClass,
          ratioBp: entry.ratioBp,
          candidates: entry.candidates.length,
          drawn: agencyPicks.filter((id) => classOf.get(id) === entry.riskClass),
        })),
        agencies: agencyPicks,
        listEntries: entryIds,
        inspectorCandidates: inspectorCandidates.length,
        excluded: exclusions,
        inspectors: inspectorPicks,
      },
    })
    // The inspected agencies hear of it once the plan commits (the plan is public at once).
    await notify(trx, {
      organizationIds: agencyPicks,
      kind: 'inspection.drawn',
      data: { plan: name, date: now.setZone(DISPLAY_ZONE).toISODate() },
    })
    return InspectionPlan.query({ client: trx }).where('id', Number(planId)).firstOrFail()
  })
}

export type ResultInput = {
  agencyId: number
  outcome: InspectionOutcome
  note: string
  creditPoints?: number
  files?: MultipartFile[]
}

/**
 * A drawn inspector records one drawn agency's result, once (the target row is
 * locked and re-checked: a second result is a 409). The files are stored
 * first and removed again if the result is refused. A penalty becomes a
 * `regulator_penalty` credit event in the same transaction.
 */
export async function recordInspectionResult(
  plan: InspectionPlan,
  input: ResultInput,
  inspector: User
) {
  if (input.creditPoints !== undefined && !mayCarryPenalty(input.outcome)) {
    refuse([{ field: 'creditPoints', rule: 'penaltyNeedsFinding' }])
  }
  const stored: { key: string; name: string; mime: string; size: number }[] = []
  try {
    for (const file of input.files ?? []) stored.push(await storeUpload(file, 'inspections'))
    return await db.transaction(async (trx) => {
      const target = await trx
        .from('inspection_targets')
        .where('plan_id', plan.id)
        .where('organization_id', input.agencyId)
        .forUpdate()
        .first()
      if (!target) refuse([{ field: 'agencyId', rule: 'notDrawn' }])
      if (target.outcome !== null) {
        throw new StateConflictException({ identifier: 'inspections.errors.alreadyRecorded' })
      }
      const now = sqlTime(clock.now())
      let creditEventId: number | null = null
      if (input.creditPoints !== undefined) {
        const event = await recordCreditEvent(trx, {
          organizationId: input.agencyId,
          type: 'regulator_penalty',
          points: input.creditPoints,
          reason: `${plan.name}：${input.note}`,
          evidence: { type: 'inspection_target', id: Number(target.id) },
          actor: inspector,
        })
        creditEventId = event?.id ?? null
      }
      await trx.from('inspection_targets').where('id', target.id).update({
        outcome: input.outcome,
        note: input.note,
        recorded_by_user_id: inspector.id,
        recorded_at: now,
        credit_event_id: creditEventId,
      })
      if (stored.length > 0) {
        await trx
          .insertQuery()
          .table('inspection_files')
          .multiInsert(
            stored.map((file) => ({
              target_id: target.id,
              file_key: file.key,
              file_name: file.name,
              file_mime: file.mime,
              file_size: file.size,
              created_at: now,
            }))
          )
      }
      await recordAuditEvent(trx, {
        actor: inspector,
        action: 'inspection.result_recorded',
        subjectType: 'inspection_plan',
        subjectId: plan.id,
        payload: {
          agencyId: input.agencyId,
          outcome: input.outcome,
          note: input.note,
          creditEventId,
          files: stored.map((file) => ({ name: file.name, size: file.size })),
        },
      })
      await notify(trx, {
        organizationIds: [input.agencyId],
        kind: 'inspection.result',
        data: { plan: plan.name, outcome: input.outcome },
      })
      return { targetId: Number(target.id), creditEventId }
    })
  } catch (error) {
    await Promise.all(stored.map((file) => drive.use().delete(file.key)))
    throw error
  }
}

/** 回避申报: records that a regulator is related to an agency (once per pair; a repeat is a 409). */
export async function declareRecusal(
  input: { userId: number; agencyId: number; reason: string },
  regulator: User
) {
  const [inspector, agency] = await Promise.all([
    db.from('users').where('id', input.userId).where('role', 'regulator').first(),
    db.from('organizations').where('id', input.agencyId).where('kind', 'agency').first(),
  ])
  const problems: Problem[] = []
  if (!inspector) problems.push({ field: 'userId', rule: 'notInspector' })
  if (!agency) problems.push({ field: 'agencyId', rule: 'unknownAgency' })
  if (problems.length > 0) refuse(problems)

  return db.transaction(async (trx) => {
    const existing = await trx
      .from('inspection_recusals')
      .where('user_id', input.userId)
      .where('organization_id', input.agencyId)
      .forUpdate()
      .first()
    if (existing) {
      throw new StateConflictException({ identifier: 'inspections.errors.alreadyDeclared' })
    }
    const [id] = await trx
      .insertQuery()
      .table('inspection_recusals')
      .insert({
        user_id: input.userId,
        organization_id: input.agencyId,
        reason: input.reason,
        declared_by_user_id: regulator.id,
        created_at: sqlTime(clock.now()),
      })
    await recordAuditEvent(trx, {
      actor: regulator,
      action: 'inspection.recusal_declared',
      subjectType: 'user',
      subjectId: input.userId,
      payload: { agencyId: input.agencyId, agencyName: agency.name, reason: input.reason },
    })
    return Number(id)
  })
}
