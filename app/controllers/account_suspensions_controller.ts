import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import Organization from '#models/organization'
import UserPolicy from '#policies/user_policy'
import { suspendAccountValidator } from '#validators/account'
import {
  reinstateAccount,
  requestPasswordReset,
  suspendAccount,
} from '#actions/accounts/account_security'

const PER_PAGE = 50

/**
 * /accounts: regulators and admins find an account by e-mail or name and
 * suspend it (停用) or reinstate it. A suspension ends the user's sessions
 * and deletes their API tokens. Admins also send a user a password reset
 * link (they never see or choose the password) and list an organisation's
 * users (`?organization=`).
 */
export default class AccountSuspensionsController {
  async index({ request, view, bouncer }: HttpContext) {
    await bouncer.with(UserPolicy).authorize('list')
    const q = String(request.input('q', '')).trim().slice(0, 100)
    const page = Math.max(1, Number.parseInt(String(request.input('page', 1)), 10) || 1)
    const organizationId = Number.parseInt(String(request.input('organization', '')), 10) || null
    const query = User.query().preload('organization').orderBy('id')
    if (organizationId) query.where('organization_id', organizationId)
    if (q) {
      query.where((where) =>
        where.where('email', 'like', `%${q}%`).orWhere('full_name', 'like', `%${q}%`)
      )
    }
    const users = await query.paginate(page, PER_PAGE)
    return view.render('pages/accounts/index', {
      users: users.all(),
      total: users.total,
      page,
      perPage: PER_PAGE,
      q,
      organization: organizationId ? await Organization.find(organizationId) : null,
    })
  }

  async store({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const target = await User.findOrFail(params.id)
    await bouncer.with(UserPolicy).authorize('suspend', target)
    const { reason } = await request.validateUsing(suspendAccountValidator)
    await suspendAccount(target, auth.getUserOrFail(), reason)
    session.flash('success', i18n.t('messages.accounts.suspended', { email: target.email }))
    return response.redirect().toRoute('accounts.index')
  }

  async reinstate({ params, response, bouncer, auth, session, i18n }: HttpContext) {
    const target = await User.findOrFail(params.id)
    await bouncer.with(UserPolicy).authorize('suspend', target)
    await reinstateAccount(target, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.accounts.reinstated', { email: target.email }))
    return response.redirect().toRoute('accounts.index')
  }

  /** An admin sends the user a reset link to the account's own e-mail. */
  async sendPasswordReset({ params, response, bouncer, auth, session, i18n }: HttpContext) {
    const target = await User.findOrFail(params.id)
    await bouncer.with(UserPolicy).authorize('sendPasswordReset', target)
    await requestPasswordReset(target, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.passwordReset.sentByAdmin', { email: target.email }))
    return response.redirect().back()
  }
}
