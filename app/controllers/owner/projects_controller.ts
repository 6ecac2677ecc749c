import type { HttpContext } from '@adonisjs/core/http'
import Department from '#models/department'
import { EXEMPTIONS, FUNDING_SOURCES } from '#domain/funding_scope'
import router from '@adonisjs/core/services/router'
import Project from '#models/project'
import Bid from '#models/bid'
import ProjectPolicy from '#policies/project_policy'
import {
  cancelProjectFormValidator,
  draftFromForm,
  projectFormStepValidator,
  projectFormValidator,
  republishFormValidator,
} from '#validators/project'
import {
  planScoresValidator,
  quoteDecisionFormValidator,
  shortlistPickValidator,
} from '#validators/selection'
import { draftProject, editDraft } from '#actions/projects/draft_project'
import { cancelProject, publishProject } from '#actions/projects/publish_project'
import { pickFromShortlist, scorePlans } from '#actions/selection/owner_choices'
import { decideQuote } from '#actions/selection/abnormal_quotes'
import { projectsOfOwner } from '#queries/project_pages'
import { searchAgencies } from '#queries/agency_directory'
import Organization from '#models/organization'
import { draftFormValues, type DraftFormValues } from '#presenters/project_form'
import { nextState } from '#domain/project_lifecycle'
import { searchCatalog } from '#queries/catalog'
import { regionalAssessmentOf } from '#queries/regional_assessment'
import { SELECTION_METHODS, type SelectionMethod } from '#models/project'
import { CREDIT_GRADES } from '#domain/credit'

/** The owner's pages: post, publish, cancel, and the choices a selection needs. */
export default class ProjectsController {
  async index({ auth, request, view }: HttpContext) {
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const result = await projectsOfOwner(auth.getUserOrFail().organizationId, page)
    return view.render('pages/owner/projects', { result })
  }

  /**
   * The project form in two steps that need no JavaScript: first the item and
   * the selection method (a GET), then only the fields of that method, the
   * contact prefilled from the account; for direct selection the agencies
   * offering the item, found by name or USCC.
   */
  async create(context: HttpContext) {
    const user = context.auth.getUserOrFail()
    const organization = await Organization.findOrFail(user.organizationId)
    return this.renderForm(context, {
      stepUrl: router.makeUrl('owner.projects.create'),
      saveUrl: router.makeUrl('owner.projects.store'),
      values: { contactName: user.fullName, contactPhone: user.phone ?? organization.phone ?? '' },
    })
  }

  /** GET /owner/projects/:id/edit — the same form, filled from the draft (drafts only). */
  async edit(context: HttpContext) {
    const project = await Project.findOrFail(context.params.id)
    await context.bouncer.with(ProjectPolicy).authorize('manage', project)
    if (!canEditDraft(project))
      return context.response.redirect().toRoute('projects.show', { id: project.id })
    await project.load('serviceItem')
    return this.renderForm(context, {
      project,
      stepUrl: router.makeUrl('owner.projects.edit', { id: project.id }),
      saveUrl: router.makeUrl('owner.projects.update', { id: project.id }),
      values: draftFormValues(project),
      defaults: { item: project.serviceItem.code, method: project.method },
    })
  }

  private async renderForm(
    { request, view, auth }: HttpContext,
    form: {
      project?: Project
      stepUrl: string
      saveUrl: string
      values: Partial<DraftFormValues>
      defaults?: { item: string; method: SelectionMethod }
    }
  ) {
    const step = await request.validateUsing(projectFormStepValidator, { data: request.qs() })
    const choosing = request.input('choose') === '1'
    const items = await searchCatalog({})
    const itemCode = step.item ?? (choosing ? undefined : form.defaults?.item)
    const item = itemCode ? items.find((candidate) => candidate.code === itemCode) : undefined
    const method = item
      ? (step.method ?? (choosing ? undefined : form.defaults?.method))
      : undefined
    const directAgencies =
      item && method === 'direct'
        ? await searchAgencies({ item: item.code, q: step.agencyQuery, perPage: 20 })
        : { rows: [] }
    // Only the department a user works for may commission a service (it is then the owner).
    const user = auth.getUserOrFail()
    const ownDepartment = user.departmentId ? await Department.find(user.departmentId) : null
    return view.render('pages/owner/project_form', {
      ...form,
      fundingSources: FUNDING_SOURCES,
      exemptions: EXEMPTIONS,
      departments: ownDepartment ? [ownDepartment] : [],
      items,
      item,
      method,
      agencyQuery: step.agencyQuery ?? '',
      directAgencies: directAgencies.rows,
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

  /** POST /owner/projects/:id — saves the edited draft (refused once published). */
  async update({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const form = await request.validateUsing(projectFormValidator)
    await editDraft(project.id, draftFromForm(form), auth.getUserOrFail())
    session.flash('success', i18n.t('messages.projectForm.saved', { code: project.code }))
    return response.redirect().toRoute('projects.show', { id: project.id })
  }

  async publish({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const { deadline, directAgencyId } = await request.validateUsing(republishFormValidator)
    await publishProject(project, auth.getUserOrFail(), { deadline, directAgencyId })
    session.flash('success', i18n.t('messages.projectPages.published'))
    const regional = await regionalAssessmentOf(project, i18n.locale)
    if (regional)
      session.flash('warning', i18n.t('messages.catalog.guide.regionalNotice', regional))
    return response.redirect().toRoute('projects.show', { id: project.id })
  }

  async cancel({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const { reason } = await request.validateUsing(cancelProjectFormValidator)
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

/** Whether the lifecycle still lets the draft be edited. */
function canEditDraft(project: Project) {
  return nextState(project.status, 'edit') !== null
}
