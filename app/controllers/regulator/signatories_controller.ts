import type { HttpContext } from '@adonisjs/core/http'
import SignatoryPolicy from '#policies/signatory_policy'
import { signatoryRegisterValidator } from '#validators/signing'
import { signatoryRegister } from '#queries/signatories'

/** /regulator/signatories: who may sign for which organisation (read only). */
export default class SignatoriesController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(SignatoryPolicy).authorize('viewRegister')
    const filters = await request.validateUsing(signatoryRegisterValidator, { data: request.qs() })
    const register = await signatoryRegister(filters)
    return view.render('pages/regulator/signatories', { ...register, filters })
  }
}
