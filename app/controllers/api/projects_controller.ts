import type { HttpContext } from '@adonisjs/core/http'
import { errors as lucidErrors } from '@adonisjs/lucid'
import Project from '#models/project'
import ProjectPolicy from '#policies/project_policy'
import {
  cancelProjectValidator,
  createProjectValidator,
  listProjectsValidator,
  publishProjectValidator,
} from '#validators/project'
import Objection from '#models/objection'
import { openedBidsOf } from '#queries/selection_result'
import { responseCounts } from '#queries/response_counts'
import { draftProject, editDraft } from '#actions/projects/draft_project'
import { cancelProject, publishProject } from '#actions/projects/publish_project'
import { presentProject } from '#presenters/project'
import { regionalAssessmentOf } from '#queries/regional_assessment'
import { projectListPage } from '#presenters/public_lists'

export default class ProjectsController {
  /** GET /api/v1/projects?status=&item=&page= — public: published and later, never drafts. */
  async index({ request }: HttpContext) {
    const {
      status,
      item,
      page = 1,
      perPage = 20,
    } = await request.validateUsing(listProjectsValidator, {
      data: request.qs(),
    })
    const result = await projectListPage({ status, item, page, perPage })
    return {
      data: result.rows.map((row) => row.project),
      meta: { total: result.total, page: result.page, perPage: result.perPage },
    }
  }

  /** GET /api/v1/projects/:id — public once published; a draft only to its owner. */
  async show({ params, auth, bouncer }: HttpContext) {
    const project = await Project.query()
      .where('id', params.id)
      .preload('attachments')
      .firstOrFail()
    if (project.status === 'draft') await auth.checkUsing(['api'])
    if (await bouncer.with(ProjectPolicy).denies('view', project)) {
      // A draft is nobody else's business: it does not exist for them.
      throw new lucidErrors.E_ROW_NOT_FOUND()
    }
    const counts = await responseCounts([project.id])
    const opened = project.openedAt
      ? {
          bids: await openedBidsOf(project),
          objections: await Objection.query().where('project_id', project.id).orderBy('id'),
        }
      : undefined
    return presentProject(project, counts.get(project.id) ?? 0, opened)
  }

  /** POST /api/v1/projects (owner): a draft. */
  async store({ request, response, bouncer, auth }: HttpContext) {
    await bouncer.with(ProjectPolicy).authorize('create')
    const payload = await request.validateUsing(createProjectValidator)
    const project = await draftProject(payload, auth.getUserOrFail())
    return response.created({ id: project.id, code: project.code, status: project.status })
  }

  /** PUT /api/v1/projects/:id (owner): the whole draft again, until it is published (409 after). */
  async update({ params, request, bouncer, auth }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const payload = await request.validateUsing(createProjectValidator)
    const edited = await editDraft(project.id, payload, auth.getUserOrFail())
    return { id: edited.id, code: edited.code, status: edited.status }
  }

  /** POST /api/v1/projects/:id/publish (owner): the announcement with the draw commitment. */
  async publish({ params, request, bouncer, auth, i18n }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const changes = await request.validateUsing(publishProjectValidator)
    const published = await publishProject(project, auth.getUserOrFail(), changes)
    // 区域评估: the owner is told when a regional assessment covers the item where the project is.
    const regional = await regionalAssessmentOf(published, i18n.locale)
    return {
      status: published.status,
      round: published.round,
      drawCommitment: published.drawCommitment,
      deadline: published.responseDeadline.toISO(),
      rulesetVersion: published.rulesetVersion,
      regionalAssessment: regional
        ? {
            regionCode: regional.regionCode,
            message: i18n.t('messages.catalog.guide.regionalNotice', regional),
          }
        : null,
    }
  }

  /** POST /api/v1/projects/:id/cancel (owner, before opening) {reason}. */
  async cancel({ params, request, bouncer, auth }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const { reason } = await request.validateUsing(cancelProjectValidator)
    const cancelled = await cancelProject(project, reason, auth.getUserOrFail())
    return { status: cancelled.status, cancelReason: cancelled.cancelReason }
  }
}
