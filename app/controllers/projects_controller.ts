import Department from '#models/department'
import type { HttpContext } from '@adonisjs/core/http'
import ProjectArchivePolicy from '#policies/project_archive_policy'
import { archivePartiesOf, latestArchiveOf } from '#queries/project_archives'
import { provisionalDeadlines } from '#services/calendar'
import { errors as lucidErrors } from '@adonisjs/lucid'
import Project from '#models/project'
import ProjectPolicy from '#policies/project_policy'
import ContractPolicy from '#policies/contract_policy'
import Objection from '#models/objection'
import ObjectionFile from '#models/objection_file'
import ObjectionPolicy from '#policies/objection_policy'
import { listProjectsValidator } from '#validators/project'
import {
  blindPlansOf,
  drawProofOf,
  drawsOf,
  openedBidsOf,
  pendingOf,
} from '#queries/selection_result'
import {
  NO_RIGHTS,
  projectActions,
  projectActionsFor,
  projectShows,
} from '#presenters/project_actions'
import ComplaintPolicy from '#policies/complaint_policy'
import { projectPublicPart, type ProjectFragments } from '#presenters/project_page'
import { projectPageFacts } from '#queries/project_pages'
import { catalogList, projectListPage } from '#presenters/public_lists'
import { contractNotice, currentContractOf } from '#queries/contracts'
import { SELECTION_METHODS } from '#models/project'
import { drawVerificationLabels } from '#presenters/draw_verification'

/** Public pages: announcements and results (采购公告、中选公示), and the draw verification. */
export default class ProjectsController {
  /** GET /projects — announcements, results, cancellations; never drafts. */
  async index({ request, view }: HttpContext) {
    const filters = await request.validateUsing(listProjectsValidator, { data: request.qs() })
    const [result, items] = await Promise.all([projectListPage(filters), catalogList()])
    return view.render('pages/projects/index', { result, filters, items })
  }

  /**
   * GET /projects/:id — the announcement, then the result with every quote and
   * the draw. The public parts come from the cache of page parts
   * (#presenters/project_page); a guest's page needs nothing else but its
   * complaint link. A signed-in visitor's own parts (its bid, the owner's
   * panel, forms) are rendered around them at each request.
   */
  async show({ params, view, auth, bouncer, i18n, session }: HttpContext) {
    const part = await projectPublicPart(Number(params.id), i18n)
    if (part && !auth.user) {
      const actions = projectActions(
        { ...part.facts, myBid: null, participated: false, blindPlanCount: 0 },
        { ...NO_RIGHTS, fileComplaint: await bouncer.with(ComplaintPolicy).allows('file') }
      )
      return view.render('pages/projects/show', {
        page: part.page,
        fragments: part.html,
        actions,
        shows: part.shows,
        contract: null,
        archive: null,
      })
    }
    const project = await Project.query()
      .where('id', params.id)
      .preload('serviceItem')
      .preload('attachments')
      .firstOrFail()
    const user = auth.user ?? null
    if (await bouncer.with(ProjectPolicy).denies('view', project)) {
      // A draft is nobody else's business: it does not exist for them (404, like the API).
      throw new lucidErrors.E_ROW_NOT_FOUND()
    }
    const [bids, objections, facts, notice, contract] = await Promise.all([
      openedBidsOf(project),
      Objection.query().where('project_id', project.id).orderBy('id'),
      // The bid form's consortium rows come back with its old input (to name each member's persons).
      projectPageFacts(project, user, session.flashMessages.get('consortium') ?? []),
      contractNotice(project.id),
      currentContractOf(project.id),
    ])
    const pending = pendingOf(project, bids)
    const evidence = await objectionEvidence(objections, project, bouncer)
    const blindPlans = (await bouncer.with(ProjectPolicy).allows('manage', project))
      ? await blindPlansOf(project)
      : []
    const actions = await projectActionsFor(bouncer, project, contract, {
      myBid: facts.myBid,
      participated: facts.participated,
      blindPlanCount: blindPlans.length,
    })
    const provisional = await provisionalDeadlines({
      stageDue: project.stageDueAt,
      publicityEnds: project.publicityEndsAt,
    })
    const commissioningDepartment = project.commissioningDepartmentId
      ? await Department.find(project.commissioningDepartmentId)
      : null
    // This visitor's view of a public part differs from the public's: rendered here (null).
    const readsEvidence = Object.values(evidence).some((entry) => entry.files.length > 0)
    const fragments: ProjectFragments | null = part && {
      head: part.html.head,
      body: part.html.body,
      planScores: actions.scorePlans ? null : part.html.planScores,
      result: actions.decideLowQuotes || actions.pickFromShortlist ? null : part.html.result,
      objections: readsEvidence || actions.decideObjections ? null : part.html.objections,
    }
    return view.render('pages/projects/show', {
      page: {
        id: project.id,
        code: project.code,
        title: project.title,
        responseDeadline: project.responseDeadline?.toISO() ?? null,
      },
      fragments,
      project,
      commissioningDepartmentName: commissioningDepartment?.name ?? null,
      provisional,
      bids,
      pending,
      // Only the owner scores, and only the plans: no agency, quote or receipt.
      blindPlans,
      objections,
      evidence,
      viewer: user,
      notice,
      // The parties and staff get a link to the contract itself.
      contract:
        contract && (await bouncer.with(ContractPolicy).allows('view', contract)) ? contract : null,
      // 电子档案: the sealed archive, for those who may download it.
      archive: await this.archiveFor(project.id, bouncer),
      methods: SELECTION_METHODS,
      weights: project.weights ? JSON.parse(project.weights) : null,
      ...facts,
      // The sub-items a consortium member may take on: the catalog (cached).
      subItems: facts.consortiumRows.length > 0 ? await catalogList() : [],
      // What this visitor may do now, and what the page shows of the project's state.
      actions,
      isOwner: actions.manage,
      shows: projectShows({
        status: project.status,
        stage: project.stage,
        method: project.method,
        drawCount: drawsOf(project).length,
        pendingCount: pending.length,
      }),
    })
  }

  /** GET /projects/:id/verify — the server's recomputation, and the browser's own (Vue island). */
  async verify({ params, view, i18n }: HttpContext) {
    const project = await Project.query()
      .where('id', params.id)
      .whereNot('status', 'draft')
      .firstOrFail()
    const proof = await drawProofOf(project)
    const verifyLabels = drawVerificationLabels(i18n)
    return view.render('pages/projects/verify', { project, proof, verifyLabels })
  }

  /** The project's sealed archive when this visitor may download it, else null. */
  private async archiveFor(projectId: number, bouncer: HttpContext['bouncer']) {
    const archive = await latestArchiveOf(projectId)
    if (!archive) return null
    const parties = await archivePartiesOf(projectId)
    return parties && (await bouncer.with(ProjectArchivePolicy).allows('download', parties))
      ? archive
      : null
  }
}

/**
 * The evidence of each objection: its files for those who deal with it (the
 * owner, the objector, regulators), only their number for everyone else.
 */
async function objectionEvidence(
  objections: Objection[],
  project: Project,
  bouncer: HttpContext['bouncer']
) {
  const files = objections.length
    ? await ObjectionFile.query()
        .whereIn(
          'objection_id',
          objections.map((objection) => objection.id)
        )
        .orderBy('id')
    : []
  const evidence: Record<number, { count: number; files: ObjectionFile[] }> = {}
  for (const objection of objections) {
    const own = files.filter((file) => file.objectionId === objection.id)
    const readable = await bouncer.with(ObjectionPolicy).allows('readEvidence', objection, project)
    evidence[objection.id] = { count: own.length, files: readable ? own : [] }
  }
  return evidence
}
