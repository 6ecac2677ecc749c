import type { HttpContext } from '@adonisjs/core/http'
import { errors as lucidErrors } from '@adonisjs/lucid'
import { accessTokenFormValidator } from '#validators/access_token'
import {
  accessTokensOf,
  issueAccessToken,
  revokeAccessToken,
} from '#actions/accounts/access_tokens'
import { presentAccessToken } from '#presenters/access_token'
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS, TOKEN_ABILITIES } from '#domain/token_scopes'

/**
 * /account/tokens: any signed-in user manages the API tokens that act as them.
 * The plain token is flashed once after creation and never shown again.
 */
export default class AccessTokensController {
  async index({ auth, view, session }: HttpContext) {
    const tokens = await accessTokensOf(auth.getUserOrFail())
    return view.render('pages/account/tokens', {
      tokens: tokens.map((token) => presentAccessToken(token)),
      newToken: session.flashMessages.get('newToken') ?? null,
      abilities: TOKEN_ABILITIES,
      defaultDays: DEFAULT_TOKEN_DAYS,
      maxDays: MAX_TOKEN_DAYS,
    })
  }

  async store({ auth, request, response, session, i18n }: HttpContext) {
    const payload = await request.validateUsing(accessTokenFormValidator)
    const token = await issueAccessToken(auth.getUserOrFail(), payload)
    session.flash('newToken', { name: token.name, value: token.value!.release() })
    session.flash('success', i18n.t('api.tokens.created'))
    return response.redirect().toRoute('account.tokens.index')
  }

  async destroy({ auth, params, response, session, i18n }: HttpContext) {
    // An id no record can have (beyond the integers a row id takes) is not found, as elsewhere.
    if (!Number.isSafeInteger(Number(params.id))) throw new lucidErrors.E_ROW_NOT_FOUND()
    const revoked = await revokeAccessToken(auth.getUserOrFail(), Number(params.id))
    session.flash(
      revoked ? 'success' : 'error',
      i18n.t(revoked ? 'api.tokens.revoked' : 'api.tokens.unknown')
    )
    return response.redirect().toRoute('account.tokens.index')
  }
}
