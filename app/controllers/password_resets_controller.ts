import type { HttpContext } from '@adonisjs/core/http'
import { errors as lucidErrors } from '@adonisjs/lucid'
import limiter from '@adonisjs/limiter/services/main'
import User from '#models/user'
import { forgotPasswordValidator, resetPasswordValidator } from '#validators/account'
import { requestPasswordReset, resetPassword } from '#actions/accounts/account_security'
import { fingerprintMatches, PASSWORD_RESET_PURPOSE } from '#services/password_reset_links'

/**
 * Requests per address (the form cannot be used to flood the market with
 * mail) and links per account (nobody's mailbox can be flooded): past the
 * account's budget the answer stays the same and no mail leaves.
 */
export const PASSWORD_RESET_BUDGETS = {
  perAddress: { requests: 10, duration: '1 hour' },
  perAccount: { requests: 3, duration: '1 hour' },
}

/**
 * 忘记密码: a signed, expiring, single-use link sent by e-mail. The request
 * form answers the same for every e-mail, known or not.
 */
export default class PasswordResetsController {
  /** The form asking for the e-mail. */
  async create({ view }: HttpContext) {
    return view.render('pages/auth/forgot_password')
  }

  async store({ request, response, session, i18n }: HttpContext) {
    const { email } = await request.validateUsing(forgotPasswordValidator)
    const byAddress = limiter.use(PASSWORD_RESET_BUDGETS.perAddress)
    const addressAllowed = await byAddress.attempt(
      `password-reset:address:${request.ip()}`,
      () => true
    )
    if (!addressAllowed) {
      session.flash('error', i18n.t('messages.passwordReset.throttled'))
      return response.redirect().toRoute('password.forgot')
    }
    const byAccount = limiter.use(PASSWORD_RESET_BUDGETS.perAccount)
    await byAccount.attempt(`password-reset:account:${email}`, async () =>
      requestPasswordReset(await User.findBy('email', email), null)
    )
    session.flash('success', i18n.t('messages.passwordReset.sent', { email }))
    return response.redirect().toRoute('password.forgot')
  }

  /** The link from the e-mail: the new-password form, or why the link no longer works. */
  async edit({ params, request, view, response }: HttpContext) {
    // An id no account can have (beyond the integers a row id takes) is not found, as elsewhere.
    if (!Number.isSafeInteger(Number(params.id))) throw new lucidErrors.E_ROW_NOT_FOUND()
    const user = await this.userOfLink(params.id, request)
    if (!user)
      return response.status(410).send(await view.render('pages/auth/reset_password_invalid'))
    return view.render('pages/auth/reset_password', { action: request.url(true) })
  }

  async update({ params, request, response, session, view, i18n }: HttpContext) {
    if (!Number.isSafeInteger(Number(params.id))) throw new lucidErrors.E_ROW_NOT_FOUND()
    const user = await this.userOfLink(params.id, request)
    if (!user)
      return response.status(410).send(await view.render('pages/auth/reset_password_invalid'))
    const { password } = await request.validateUsing(resetPasswordValidator)
    const reset = await resetPassword(user, String(request.qs().v), password)
    if (!reset)
      return response.status(410).send(await view.render('pages/auth/reset_password_invalid'))
    session.flash('success', i18n.t('messages.passwordReset.done'))
    return response.redirect().toRoute('login')
  }

  /** The account a link opens: signed by the market, unexpired, and still the latest link. */
  private async userOfLink(id: unknown, request: HttpContext['request']) {
    if (!request.hasValidSignature(PASSWORD_RESET_PURPOSE)) return null
    const user = await User.find(Number(id))
    if (!user || user.suspendedAt || !fingerprintMatches(user, request.qs().v)) return null
    return user
  }
}
