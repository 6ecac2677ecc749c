import type { HttpContext } from '@adonisjs/core/http'
import Project from '#models/project'
import Bid from '#models/bid'
import ProjectPolicy from '#policies/project_policy'
import {
  cancelProjectValidator,
  draftFromForm,
  projectFormValidator,
  republishFormValidator,
} from '#validators/project'
import {
  planScoresValidator,
  quoteDecisionFormValidator,
  shortlistPickValidator,
} from '#validators/selection'
import { draftProject } from '#actions/projects/draft_project'
import { cancelProject, publishProject } from '#actions/projects/publish_project'
import { pickFromShortlist, scorePlans } from '#actions/selection/owner_choices'
import { decideQuote } from '#actions/selection/abnormal_quotes'
import { projectsOfOwner } from '#queries/project_pages'
import { searchCatalog } from '#queries/catalog'
import { SELECTION_METHODS } from '#models/project'
import { CREDIT_GRADES } from '#domain/credit'

/** The owner's pages: post, publish, cancel, and the choices a selection needs. */
export default class ProjectsController {
  async index({ auth, request, view }: HttpContext) {
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const result = await projectsOfOwner(auth.getUserOrFail().organizationId, page)
    return view.render('pages/owner/projects', { result })
  }

  async create({ view }: HttpContext) {
    const items = await searchCatalog({})
    return view.render('pages/owner/project_form', {
      items,
      methods: SELECTION_METHODS,
      grades: CREDIT_GRADES,
    })
  }

  async store({ request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(ProjectPolicy).authorize('create')
    const form = await request.validateUsing(projectFormValidator)
    const project = await draftProject(draftFromForm(form), auth.getUserOrFail())
    session.flash('success', i18n.t('messages.projectPages.drafted', { code: project.code }))
    return response.redirect().toRoute('projects.show', { id: project.id })
  }

  async publish({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const { deadline, directAgencyId } = await request.validateUsing(republishFormValidator)
    await publishProject(project, auth.getUserOrFail(), { deadline, directAgencyId })
    session.flash('success', i18n.t('messages.projectPages.published'))
    return response.redirect().toRoute('projects.show', { id: project.id })
  }

  async cancel({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const { reason } = await request.validateUsing(cancelProjectValidator)
    await cancelProject(project, reason, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.projectPages.cancelled'))
    return response.redirect().toRoute('projects.show', { id: project.id })
  }

  async pick({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const { agencyId, reason } = await request.validateUsing(shortlistPickValidator)
    await pickFromShortlist(project, agencyId, reason, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.projectPages.picked'))
    return response.redirect().toRoute('projects.show', { id: project.id })
  }

  async scorePlans({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const { scores } = await request.validateUsing(planScoresValidator)
    await scorePlans(project, scores, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.projectPages.scored'))
    return response.redirect().toRoute('projects.show', { id: project.id })
  }

  async decideQuote({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const bid = await Bid.findOrFail(params.id)
    const project = await Project.findOrFail(bid.projectId)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const { decision, reason } = await request.validateUsing(quoteDecisionFormValidator)
    await decideQuote(bid, decision, reason, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.projectPages.decided'))
    return response.redirect().toRoute('projects.show', { id: project.id })
  }
}
