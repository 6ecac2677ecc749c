import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import InspectionPlan from '#models/inspection_plan'
import InspectionFile from '#models/inspection_file'
import InspectionFilePolicy from '#policies/inspection_file_policy'
import {
  inspectionPlanDetail,
  inspectionPlansPage,
  inspectionProofOf,
  type PresentedPlan,
} from '#queries/inspections'

/** Evidence files stay with staff and the agency: the public sees how many there are. */
function publicPlan(plan: PresentedPlan) {
  return {
    ...plan,
    agencies: plan.agencies.map(({ files, ...target }) => ({ ...target, fileCount: files.length })),
  }
}

/** 一公开: the public list of inspection plans and results, each plan's page and its draw proof. */
export default class InspectionsController {
  /** GET /inspections and GET /api/v1/public/inspections?page= */
  async index({ request, view }: HttpContext) {
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const { plans, meta, result } = await inspectionPlansPage(page)
    if (request.url().startsWith('/api/')) return { data: plans.map(publicPlan), meta }
    return view.render('pages/inspections/index', { plans: plans.map(publicPlan), result })
  }

  /** GET /inspections/:id — the plan, its results and the recomputed draw. */
  async show({ params, view }: HttpContext) {
    const plan = await InspectionPlan.findOrFail(params.id)
    const [detail, proof] = await Promise.all([inspectionPlanDetail(plan), inspectionProofOf(plan)])
    return view.render('pages/inspections/show', { plan: publicPlan(detail), proof })
  }

  /** GET /api/v1/public/inspections/:id/verify */
  async verify({ params }: HttpContext) {
    const plan = await InspectionPlan.findOrFail(params.id)
    return inspectionProofOf(plan)
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
