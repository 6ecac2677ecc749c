import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import { consortiumRequestsForAgency } from '#queries/project_pages'
import { missingScheduleYear } from '#services/calendar'
import { adminTodos, agencyTodos, ownerTodos, regulatorTodos } from '#queries/dashboards'
import type User from '#models/user'
import { inspectionsOfAgency } from '#queries/inspections'

/** The to-do list (待办) of the user's role. */
function todosOf(user: User) {
  switch (user.role) {
    case 'owner':
      return ownerTodos(user.organizationId)
    case 'agency':
      return agencyTodos(user.organizationId)
    case 'regulator':
      return regulatorTodos(user.id)
    case 'admin':
      return adminTodos()
  }
}

/**
 * Each role has its own home after login. The role areas are guarded by the
 * `role` middleware in start/routes/pages.ts.
 */
export default class DashboardsController {
  /** Sends the user to the dashboard of their role. */
  async show({ auth, response }: HttpContext) {
    const user = auth.getUserOrFail()
    return response.redirect().toRoute(`dashboard.${user.role}`)
  }

  /** The dashboard of the signed-in user's role. */
  async role({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const organization = await Organization.findOrFail(user.organizationId)
    const requests =
      user.role === 'agency' ? await consortiumRequestsForAgency(user.organizationId) : []
    const consortiumPending = requests.filter((request) => request.status === 'pending').length
    const missingYear = user.role === 'admin' ? await missingScheduleYear() : null
    // 双随机: an agency sees the plans that drew it and their results.
    const inspections = user.role === 'agency' ? await inspectionsOfAgency(user.organizationId) : []
    return view.render('pages/dashboard/show', {
      user,
      organization,
      consortiumPending,
      missingYear,
      inspections,
      todos: await todosOf(user),
    })
  }
}
