import type { HttpContext } from '@adonisjs/core/http'
import { REGIONS } from '#domain/regions'
import { registerAccountValidator } from '#validators/account'
import { registerAccount } from '#actions/accounts/register_account'
import { recordSignInOrigin } from '#services/sign_in_origins'
import { startSession } from '#services/account_sessions'

export default class RegistrationsController {
  /** The registration form for owners and agencies. */
  async create({ view, request }: HttpContext) {
    const role = request.input('role') === 'agency' ? 'agency' : 'owner'
    return view.render('pages/auth/register', { regions: REGIONS, role })
  }

  /** Registers the organisation and its first user, then logs the user in. */
  async store(ctx: HttpContext) {
    const { request, response, session, i18n } = ctx
    const payload = await request.validateUsing(registerAccountValidator)
    const { user } = await registerAccount(payload)
    await recordSignInOrigin(user, 'registration', request)
    await startSession(ctx, user)
    session.flash('success', i18n.t('messages.auth.registered'))
    return response.redirect().toRoute('dashboard')
  }
}
