import type { HttpContext } from '@adonisjs/core/http'
import InspectionPlan from '#models/inspection_plan'
import InspectionPlanPolicy from '#policies/inspection_plan_policy'
import InspectionRecusalPolicy from '#policies/inspection_recusal_policy'
import { REGIONS } from '#domain/regions'
import { INSPECTION_OUTCOMES } from '#domain/inspection_draw'
import {
  createInspectionPlanValidator,
  inspectionListEntryValidator,
  inspectionRecusalValidator,
  inspectionResultValidator,
} from '#validators/inspection'
import InspectionListEntry from '#models/inspection_list_entry'
import InspectionListEntryPolicy from '#policies/inspection_list_entry_policy'
import { createListEntry, updateListEntry } from '#actions/inspections/inspection_list'
import {
  createInspectionPlan,
  declareRecusal,
  recordInspectionResult,
} from '#actions/inspections/inspection_plans'
import {
  inspectionListEntries,
  inspectionPlanDetail,
  inspectionPlansPage,
  inspectionProofOf,
  inspectorChoices,
  recentRecusals,
} from '#queries/inspections'
import { searchCatalog } from '#queries/catalog'
import { rulesInForce } from '#services/market_rules'
import { RISK_CLASSES } from '#domain/inspection_risk'

/** The regulator's 双随机 desk: plans and their draws, results, declared relations. */
export default class InspectionsController {
  async index({ request, view }: HttpContext) {
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const [{ plans, result }, items, inspectors, recusals, { rules }, entries] = await Promise.all([
      inspectionPlansPage(page),
      searchCatalog({}),
      inspectorChoices(),
      recentRecusals(),
      rulesInForce(),
      inspectionListEntries(),
    ])
    return view.render('pages/regulator/inspections/index', {
      plans,
      result,
      items,
      regions: REGIONS,
      inspectors,
      recusals,
      riskClasses: RISK_CLASSES,
      entries,
      ratioDefaults: {
        high: rules.inspectionRatioHighBp,
        medium: rules.inspectionRatioMediumBp,
        low: rules.inspectionRatioLowBp,
      },
    })
  }

  /** POST /regulator/inspections — make a plan; the draw happens at once. */
  async store({ request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(InspectionPlanPolicy).authorize('create')
    const input = await request.validateUsing(createInspectionPlanValidator)
    const plan = await createInspectionPlan(input, auth.getUserOrFail())
    session.flash('success', i18n.t('inspections.flash.drawn'))
    return response.redirect().toRoute('regulator.inspections.show', { id: plan.id })
  }

  async show({ params, view, bouncer }: HttpContext) {
    const plan = await InspectionPlan.findOrFail(params.id)
    const [detail, proof, canRecord] = await Promise.all([
      inspectionPlanDetail(plan),
      inspectionProofOf(plan),
      bouncer.with(InspectionPlanPolicy).allows('recordResult', plan),
    ])
    return view.render('pages/regulator/inspections/show', {
      plan: detail,
      proof,
      canRecord,
      outcomes: INSPECTION_OUTCOMES,
    })
  }

  /** POST /regulator/inspections/:id/results — one drawn agency's result, by a drawn inspector. */
  async storeResult({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const plan = await InspectionPlan.findOrFail(params.id)
    await bouncer.with(InspectionPlanPolicy).authorize('recordResult', plan)
    const input = await request.validateUsing(inspectionResultValidator)
    await recordInspectionResult(plan, input, auth.getUserOrFail())
    session.flash('success', i18n.t('inspections.flash.recorded'))
    return response.redirect().toRoute('regulator.inspections.show', { id: plan.id })
  }

  /** POST /regulator/inspection-recusals — 回避申报. */
  async storeRecusal({ request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(InspectionRecusalPolicy).authorize('declare')
    const input = await request.validateUsing(inspectionRecusalValidator)
    await declareRecusal(input, auth.getUserOrFail())
    session.flash('success', i18n.t('inspections.flash.declared'))
    return response.redirect().toRoute('regulator.inspections.index')
  }

  /** GET /regulator/inspection-list — 抽查事项清单: the entries, a form to add one, each editable. */
  async listIndex({ view, bouncer }: HttpContext) {
    await bouncer.with(InspectionListEntryPolicy).authorize('manage')
    const [entries, items] = await Promise.all([inspectionListEntries(), searchCatalog({})])
    return view.render('pages/regulator/inspections/list', { entries, items })
  }

  /** POST /regulator/inspection-list */
  async storeEntry({ request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(InspectionListEntryPolicy).authorize('manage')
    const input = await request.validateUsing(inspectionListEntryValidator)
    await createListEntry(input, auth.getUserOrFail())
    session.flash('success', i18n.t('inspections.list.flash.created'))
    return response.redirect().toRoute('regulator.inspection_list.index')
  }

  /** POST /regulator/inspection-list/:id — rewrite an entry. */
  async updateEntry({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const entry = await InspectionListEntry.findOrFail(params.id)
    await bouncer.with(InspectionListEntryPolicy).authorize('manage')
    const input = await request.validateUsing(inspectionListEntryValidator)
    await updateListEntry(entry, input, auth.getUserOrFail())
    session.flash('success', i18n.t('inspections.list.flash.updated'))
    return response.redirect().toRoute('regulator.inspection_list.index')
  }
}
