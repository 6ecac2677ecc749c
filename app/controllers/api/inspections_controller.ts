import type { HttpContext } from '@adonisjs/core/http'
import InspectionPlan from '#models/inspection_plan'
import { inspectionListEntries, inspectionPlansPage, inspectionProofOf } from '#queries/inspections'
import { publicPlan } from '#presenters/inspection'

/**
 * 一公开 in the API: published plans and results, and the recomputation of a
 * plan's draws. Pages: inspections_controller.ts; the regulators' side:
 * api/regulator/inspections_controller.ts.
 */
export default class InspectionsController {
  /** GET /api/v1/public/inspections?page= */
  async index({ request }: HttpContext) {
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const { plans, meta } = await inspectionPlansPage(page)
    return { data: plans.map(publicPlan), meta }
  }

  /** GET /api/v1/public/inspections/:id/verify */
  async verify({ params }: HttpContext) {
    const plan = await InspectionPlan.findOrFail(params.id)
    return inspectionProofOf(plan)
  }

  /** GET /api/v1/public/inspection-list?itemCode= — 抽查事项清单 */
  async list({ request }: HttpContext) {
    const itemCode = request.input('itemCode')
    return {
      data: await inspectionListEntries(typeof itemCode === 'string' ? itemCode : undefined),
    }
  }
}
