import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import InspectionPlan from '#models/inspection_plan'
import InspectionFile from '#models/inspection_file'
import InspectionFilePolicy from '#policies/inspection_file_policy'
import {
  inspectionListEntries,
  inspectionPlanDetail,
  inspectionPlansPage,
  inspectionProofOf,
} from '#queries/inspections'
import { publicPlan } from '#presenters/inspection'
import { browserInspectionProof, drawVerificationLabels } from '#presenters/draw_verification'

/**
 * 一公开: the public list of inspection plans and results, each plan's page
 * with its draw proof, and the evidence files. The API's twin:
 * api/inspections_controller.ts.
 */
export default class InspectionsController {
  /** GET /inspections?page= */
  async index({ request, view }: HttpContext) {
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const [{ plans, result }, entries] = await Promise.all([
      inspectionPlansPage(page),
      inspectionListEntries(),
    ])
    return view.render('pages/inspections/index', { plans: plans.map(publicPlan), result, entries })
  }

  /** GET /inspections/:id — the plan, its results and the recomputed draw. */
  async show({ params, view, i18n }: HttpContext) {
    const plan = await InspectionPlan.findOrFail(params.id)
    const [detail, proof] = await Promise.all([inspectionPlanDetail(plan), inspectionProofOf(plan)])
    return view.render('pages/inspections/show', {
      plan: publicPlan(detail),
      proof,
      browserProof: browserInspectionProof(plan.id, proof),
      verifyLabels: drawVerificationLabels(i18n),
    })
  }

  /** GET /inspection-files/:id — an evidence file, to staff and the inspected agency. */
  async file({ params, response, bouncer }: HttpContext) {
    const file = await InspectionFile.findOrFail(params.id)
    await bouncer.with(InspectionFilePolicy).authorize('view', file)
    const extension = file.fileKey.split('.').pop()
    response.header('content-type', file.fileMime)
    response.attachment(`inspection-${file.id}.${extension}`)
    return response.stream(await drive.use().getStream(file.fileKey))
  }
}
