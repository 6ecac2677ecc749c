import type { HttpContext } from '@adonisjs/core/http'
import { errors as authErrors } from '@adonisjs/auth'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { changePasswordValidator } from '#validators/account'
import { verifyLoginAttempt } from '#services/login_throttle'
import { changePassword } from '#actions/accounts/account_security'
import { startSession } from '#services/account_sessions'

/**
 * /account/password: the signed-in user changes their password. Every other
 * session of theirs ends; this one continues under a new session id.
 */
export default class PasswordsController {
  async edit({ view }: HttpContext) {
    return view.render('pages/account/password')
  }

  async update(ctx: HttpContext) {
    const { auth, request, response, session, i18n } = ctx
    const user = auth.getUserOrFail()
    const payload = await request.validateUsing(changePasswordValidator)
    try {
      // Throttled like a login: the form is no password oracle.
      await verifyLoginAttempt(user.email, payload.currentPassword, request.ip())
    } catch (error) {
      if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) {
        session.flash('error', i18n.t('messages.auth.passwordThrottled'))
      } else if (error instanceof authErrors.E_INVALID_CREDENTIALS) {
        session.flash('inputErrorsBag', {
          currentPassword: [i18n.t('messages.auth.currentPasswordWrong')],
        })
      } else {
        throw error
      }
      return response.redirect().toRoute('account.password.edit')
    }
    await startSession(ctx, await changePassword(user, payload.password))
    session.flash('success', i18n.t('messages.auth.passwordChanged'))
    return response.redirect().toRoute('account.password.edit')
  }
}
