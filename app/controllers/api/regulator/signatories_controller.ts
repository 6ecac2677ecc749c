import type { HttpContext } from '@adonisjs/core/http'
import SignatoryPolicy from '#policies/signatory_policy'
import { signatoryRegisterValidator } from '#validators/signing'
import { signatoryRegister } from '#queries/signatories'
import { presentSignatory } from '#presenters/signing'

/** GET /api/v1/regulator/signatories?q=&page=: who may sign for which organisation. */
export default class SignatoriesController {
  async index({ bouncer, request }: HttpContext) {
    await bouncer.with(SignatoryPolicy).authorize('viewRegister')
    const filters = await request.validateUsing(signatoryRegisterValidator, { data: request.qs() })
    const register = await signatoryRegister(filters)
    return {
      data: register.data.map((organization) => ({
        ...organization,
        signatories: organization.signatories.map(presentSignatory),
      })),
      meta: register.meta,
    }
  }
}
