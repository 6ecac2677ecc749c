import type { HttpContext } from '@adonisjs/core/http'
import { errors as authErrors } from '@adonisjs/auth'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { credentialsValidator } from '#validators/account'
import { verifyLoginAttempt } from '#services/login_throttle'
import { recordSignInOrigin } from '#services/sign_in_origins'
import { endSession, refuseSuspended, startSession } from '#services/account_sessions'

export default class SessionsController {
  /** The login form. */
  async create({ view }: HttpContext) {
    return view.render('pages/auth/login')
  }

  /** Logs in with e-mail and password; refuses politely when throttled. */
  async store(ctx: HttpContext) {
    const { request, response, session, view, i18n } = ctx
    const { email, password } = await request.validateUsing(credentialsValidator)
    try {
      const user = refuseSuspended(await verifyLoginAttempt(email, password, request.ip()))
      await startSession(ctx, user)
      await recordSignInOrigin(user, 'login', request)
      return response.redirect().toRoute('dashboard')
    } catch (error) {
      if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) {
        const retryAfter = error.response.availableIn
        response.header('Retry-After', String(retryAfter))
        response.status(429)
        return view.render('pages/auth/login', {
          email,
          throttled: { retryAt: new Date(Date.now() + retryAfter * 1000).toISOString() },
        })
      }
      if (error instanceof authErrors.E_INVALID_CREDENTIALS) {
        session.flashOnly(['email'])
        session.flash('error', i18n.t('errors.E_INVALID_CREDENTIALS'))
        return response.redirect().back()
      }
      throw error
    }
  }

  /** Logs out: the server's copy of the session is deleted (a copied cookie opens nothing). */
  async destroy(ctx: HttpContext) {
    const { response, session, i18n } = ctx
    await endSession(ctx)
    session.flash('success', i18n.t('messages.auth.loggedOut'))
    return response.redirect().toRoute('home')
  }
}
