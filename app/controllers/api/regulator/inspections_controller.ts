import type { HttpContext } from '@adonisjs/core/http'
import InspectionPlan from '#models/inspection_plan'
import InspectionPlanPolicy from '#policies/inspection_plan_policy'
import InspectionRecusalPolicy from '#policies/inspection_recusal_policy'
import {
  createInspectionPlanValidator,
  inspectionListEntryValidator,
  inspectionRecusalValidator,
  inspectionResultValidator,
} from '#validators/inspection'
import {
  createInspectionPlan,
  declareRecusal,
  recordInspectionResult,
} from '#actions/inspections/inspection_plans'
import { inspectionListEntry, inspectionPlanDetail } from '#queries/inspections'
import InspectionListEntry from '#models/inspection_list_entry'
import InspectionListEntryPolicy from '#policies/inspection_list_entry_policy'
import { createListEntry, updateListEntry } from '#actions/inspections/inspection_list'

/** 双随机、一公开 for regulators (API.md "Regulators"). */
export default class InspectionsController {
  /** POST /api/v1/regulator/inspections {sampling?, agencyCount?, ratios?, inspectorCount, itemCode?, regionCode?, name?, entryIds?} → the drawn plan */
  async store({ request, response, auth, bouncer }: HttpContext) {
    await bouncer.with(InspectionPlanPolicy).authorize('create')
    const input = await request.validateUsing(createInspectionPlanValidator)
    const plan = await createInspectionPlan(input, auth.getUserOrFail())
    return response.created(await inspectionPlanDetail(plan))
  }

  /** POST /api/v1/regulator/inspections/:id/results {agencyId, outcome, note, creditPoints?, files[]?} */
  async storeResult({ params, request, response, auth, bouncer }: HttpContext) {
    const plan = await InspectionPlan.findOrFail(params.id)
    await bouncer.with(InspectionPlanPolicy).authorize('recordResult', plan)
    const input = await request.validateUsing(inspectionResultValidator)
    const recorded = await recordInspectionResult(plan, input, auth.getUserOrFail())
    return response.created(recorded)
  }

  /** POST /api/v1/regulator/inspection-recusals {userId, agencyId, reason} */
  async storeRecusal({ request, response, auth, bouncer }: HttpContext) {
    await bouncer.with(InspectionRecusalPolicy).authorize('declare')
    const input = await request.validateUsing(inspectionRecusalValidator)
    return response.created({ id: await declareRecusal(input, auth.getUserOrFail()) })
  }

  /** POST /api/v1/regulator/inspection-list {itemCode, subject, legalBasis} → the entry */
  async storeEntry({ request, response, auth, bouncer }: HttpContext) {
    await bouncer.with(InspectionListEntryPolicy).authorize('manage')
    const input = await request.validateUsing(inspectionListEntryValidator)
    const entry = await createListEntry(input, auth.getUserOrFail())
    return response.created(await inspectionListEntry(entry.id))
  }

  /** PUT /api/v1/regulator/inspection-list/:id {itemCode, subject, legalBasis} → the entry */
  async updateEntry({ params, request, auth, bouncer }: HttpContext) {
    const entry = await InspectionListEntry.findOrFail(params.id)
    await bouncer.with(InspectionListEntryPolicy).authorize('manage')
    const input = await request.validateUsing(inspectionListEntryValidator)
    await updateListEntry(entry, input, auth.getUserOrFail())
    return inspectionListEntry(entry.id)
  }
}
