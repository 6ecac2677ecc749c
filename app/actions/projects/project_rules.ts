import { errors as vineErrors } from '@vinejs/vine'
import type { I18n } from '@adonisjs/i18n'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import Project from '#models/project'
import StateConflictException from '#exceptions/state_conflict_exception'
import IneligibleException from '#exceptions/ineligible_exception'
import { ineligibilityReason } from '#domain/eligibility'
import { eligibilityFactsFor } from '#queries/eligibility_facts'
import { nextState, type ProjectTransition } from '#domain/project_lifecycle'

export type FieldProblem = { field: string; rule: string; data?: Record<string, unknown> }

/**
 * Refuses with 422 and every problem found, each message translated from
 * validator.shared.messages.project.<rule>.
 */
export function refuse(problems: FieldProblem[], i18n: I18n): never {
  throw new vineErrors.E_VALIDATION_ERROR(
    problems.map((problem) => ({
      field: problem.field,
      rule: `project.${problem.rule}`,
      message: i18n.t(`validator.shared.messages.project.${problem.rule}`, problem.data ?? {}),
    }))
  )
}

/**
 * Locks the project row and moves it along the lifecycle, or refuses with a
 * state conflict (409) when its current state does not allow the transition.
 */
export async function lockForTransition(
  projectId: number,
  transition: ProjectTransition,
  trx: TransactionClientContract
) {
  const project = await Project.query({ client: trx })
    .where('id', projectId)
    .forUpdate()
    .firstOrFail()
  const to = nextState(project.status, transition)
  if (!to) {
    throw new StateConflictException({
      identifier: 'messages.projects.transitionRefused',
      data: { transition, status: project.status },
    })
  }
  return { project, to }
}

/** A quote must lie within [floor, ceiling]: 422 naming the bound otherwise. */
export function ensureQuoteWithinBounds(project: Project, quoteFen: number, i18n: I18n) {
  if (quoteFen > project.ceilingPriceFen) {
    refuse(
      [{ field: 'quoteFen', rule: 'quoteOverCeiling', data: { ceiling: project.ceilingPriceFen } }],
      i18n
    )
  }
  if (project.floorPriceFen !== null && quoteFen < project.floorPriceFen) {
    refuse(
      [{ field: 'quoteFen', rule: 'quoteUnderFloor', data: { floor: project.floorPriceFen } }],
      i18n
    )
  }
}

/** The agency may take part in the project now, or 403 naming the condition that failed. */
export async function ensureEligible(
  project: Project,
  organizationId: number,
  client?: QueryClientContract
) {
  const reason = ineligibilityReason(await eligibilityFactsFor(project, organizationId, client))
  if (reason) throw new IneligibleException(reason)
}
