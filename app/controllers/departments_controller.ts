import type { HttpContext } from '@adonisjs/core/http'
import { publicRegister } from '#queries/integrity'
import { presentAffiliate, presentDepartment } from '#presenters/integrity'

/**
 * The public register of approval departments (审批部门) and the
 * organisations each sponsors, supervises or owns: what the 红顶中介 rule
 * checks agencies against, open to everyone.
 */
export default class DepartmentsController {
  async index({ view }: HttpContext) {
    return view.render('pages/integrity/register', { register: await publicRegister() })
  }

  /** GET /api/v1/departments */
  async api() {
    const register = await publicRegister()
    return {
      data: register.map(({ department, current, removed }) => ({
        ...presentDepartment(department),
        affiliates: current.map(presentAffiliate),
        removed: removed.map(presentAffiliate),
      })),
    }
  }
}
