/*
 * The project lifecycle's one way in: every verb that moves a project locks
 * its row here and moves it by the table in app/domain/project_lifecycle.ts.
 * A transition the current state does not allow is a state conflict (409)
 * and changes nothing.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Project from '#models/project'
import StateConflictException from '#exceptions/state_conflict_exception'
import { nextState, type ProjectTransition } from '#domain/project_lifecycle'

/** Locks a project row for a step of its lifecycle (null when it does not exist). */
export function lockProject(projectId: number, trx: TransactionClientContract) {
  return Project.query({ client: trx }).where('id', projectId).forUpdate().first()
}

/**
 * Moves a locked project along the lifecycle or refuses with 409, so that a
 * step that is no longer allowed (a second opening, a pick after publicity
 * began) changes nothing.
 */
export function transition(project: Project, name: ProjectTransition) {
  project.status = allowedNext(project, name)
}

/**
 * Locks the project row and checks that it may take the transition; the
 * caller applies it (with `transition`) once its own checks pass.
 */
export async function lockForTransition(
  projectId: number,
  name: ProjectTransition,
  trx: TransactionClientContract
) {
  const project = await Project.query({ client: trx })
    .where('id', projectId)
    .forUpdate()
    .firstOrFail()
  return { project, to: allowedNext(project, name) }
}

function allowedNext(project: Project, name: ProjectTransition) {
  const to = nextState(project.status, name)
  if (!to) {
    throw new StateConflictException({
      identifier: 'messages.projects.transitionRefused',
      data: { transition: name, status: project.status },
    })
  }
  return to
}
