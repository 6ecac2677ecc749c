import { errors as vineErrors } from '@vinejs/vine'
import type { I18n } from '@adonisjs/i18n'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Project from '#models/project'
import StateConflictException from '#exceptions/state_conflict_exception'
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
