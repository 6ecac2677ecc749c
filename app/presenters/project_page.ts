/*
 * The public parts of the project page (cachedPagePart, #services/public_cache): what every
 * visitor sees alike, rendered once per project and language. They are
 * rendered exactly as a guest sees them — no right, no bid of the visitor's
 * own — by a renderer that has no request: no CSRF token, no signed-in user,
 * no flash message exists there to leak into them (a template asking for one
 * fails). The sealed-bid rule holds as on the uncached page: the bids are
 * those openedBidsOf returns (none before the opening), the count the public
 * response count.
 */
import edge from 'edge.js'
import type { I18n } from '@adonisjs/i18n'
import Project, { SELECTION_METHODS } from '#models/project'
import Department from '#models/department'
import Objection from '#models/objection'
import ObjectionFile from '#models/objection_file'
import { cachedPagePart, projectTag } from '#services/public_cache'
import { provisionalDeadlines } from '#services/calendar'
import { drawsOf, openedBidsOf, pendingOf } from '#queries/selection_result'
import { responseCounts } from '#queries/response_counts'
import { contractNotice, currentContractOf } from '#queries/contracts'
import {
  NO_RIGHTS,
  projectActions,
  projectShows,
  type ProjectActionFacts,
  type ProjectShows,
} from '#presenters/project_actions'

/** A public part's rendered HTML; null where nothing of it shows. */
export type ProjectFragments = {
  head: string | null
  body: string | null
  planScores: string | null
  result: string | null
  objections: string | null
}

export type ProjectPublicPart = {
  /** What the page around the parts needs: no bid, no quote, no party's data. */
  page: { id: number; code: string; title: string; responseDeadline: string | null }
  /** The project's state as the action rules read it. */
  facts: Omit<ProjectActionFacts, 'myBid' | 'participated' | 'blindPlanCount'>
  shows: ProjectShows
  html: ProjectFragments
}

/** The public parts of a published (never draft) project's page, or null when there is none. */
export function projectPublicPart(id: number, i18n: I18n) {
  return cachedPagePart<ProjectPublicPart>(
    `project:${id}:${i18n.locale}`,
    // The page shows the item's name (catalog), organisations' names (figures) and
    // deadlines marked provisional while the year's schedule is missing (calendar).
    [projectTag(id), 'catalog', 'figures', 'calendar'],
    () => renderProjectPublicPart(id, i18n)
  )
}

async function renderProjectPublicPart(id: number, i18n: I18n): Promise<ProjectPublicPart | null> {
  const project = await Project.query()
    .where('id', id)
    .whereNot('status', 'draft')
    .preload('serviceItem')
    .preload('attachments')
    .first()
  if (!project) return null
  const [bids, objections, counts, notice, contract, provisional, department] = await Promise.all([
    openedBidsOf(project),
    Objection.query().where('project_id', project.id).orderBy('id'),
    responseCounts([project.id]),
    contractNotice(project.id),
    currentContractOf(project.id),
    provisionalDeadlines({
      stageDue: project.stageDueAt,
      publicityEnds: project.publicityEndsAt,
    }),
    project.commissioningDepartmentId
      ? Department.find(project.commissioningDepartmentId)
      : Promise.resolve(null),
  ])
  const files = objections.length
    ? await ObjectionFile.query().whereIn(
        'objection_id',
        objections.map((objection) => objection.id)
      )
    : []
  // The public sees how many files each objection has, never the files.
  const evidence: Record<number, { count: number; files: never[] }> = {}
  for (const objection of objections) {
    const count = files.filter((file) => file.objectionId === objection.id).length
    evidence[objection.id] = { count, files: [] }
  }
  const pending = pendingOf(project, bids)
  const facts = {
    status: project.status,
    stage: project.stage,
    method: project.method,
    latestContract: contract?.status ?? null,
  }
  const shows = projectShows({
    status: project.status,
    stage: project.stage,
    method: project.method,
    drawCount: drawsOf(project).length,
    pendingCount: pending.length,
  })
  // A guest's actions: none.
  const actions = projectActions(
    { ...facts, myBid: null, participated: false, blindPlanCount: 0 },
    NO_RIGHTS
  )
  const state = {
    project,
    commissioningDepartmentName: department?.name ?? null,
    provisional,
    bids,
    pending,
    blindPlans: [],
    objections,
    evidence,
    viewer: null,
    notice,
    contract: null,
    archive: null,
    methods: SELECTION_METHODS,
    weights: project.weights ? JSON.parse(project.weights) : null,
    responseCount: counts.get(project.id) ?? 0,
    myBid: null,
    ineligibility: null,
    participated: false,
    teamChoices: [],
    requiredQualification: null,
    actions,
    isOwner: false,
    shows,
  }
  // No request here: only the language (and Edge's globals).
  const renderer = edge.createRenderer().share({ i18n })
  const render = (template: string) => renderer.render(`partials/project/${template}`, state)
  const [head, body, planScores, result, objectionsHtml] = await Promise.all([
    render('head'),
    render('body'),
    shows.awaitingPlanScores ? render('plan_scores') : '',
    bids.length ? render('result') : '',
    objections.length ? render('objections') : '',
  ])
  return {
    page: {
      id: project.id,
      code: project.code,
      title: project.title,
      responseDeadline: project.responseDeadline?.toISO() ?? null,
    },
    facts,
    shows,
    html: { head, body, planScores, result, objections: objectionsHtml },
  }
}
