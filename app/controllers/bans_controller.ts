import type { HttpContext } from '@adonisjs/core/http'
import BanPolicy from '#policies/ban_policy'
import { banValidator, liftBanValidator } from '#validators/ban'
import { imposeBan, liftBan } from '#actions/bans/market_bans'
import { exposurePage } from '#presenters/ban'
import { clock } from '#services/clock'

/** 禁入 and the public exposure list (曝光台). The API's twin: api/bans_controller.ts. */
export default class BansController {
  /** GET /exposure?page= */
  async exposure({ request, view }: HttpContext) {
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const { rows, result } = await exposurePage(clock.now(), page)
    return view.render('pages/exposure/index', { rows, result })
  }

  /** GET /regulator/bans/new */
  async create({ view, bouncer }: HttpContext) {
    await bouncer.with(BanPolicy).authorize('manage')
    return view.render('pages/exposure/form')
  }

  /** POST /regulator/bans */
  async store({ request, response, bouncer, auth, session, i18n }: HttpContext) {
    await bouncer.with(BanPolicy).authorize('manage')
    const payload = await request.validateUsing(banValidator)
    await imposeBan(payload, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.bans.imposed'))
    return response.redirect().toRoute('exposure')
  }

  /** POST /regulator/bans/:id/lift {reason} */
  async lift({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    await bouncer.with(BanPolicy).authorize('manage')
    const { reason } = await request.validateUsing(liftBanValidator)
    await liftBan(Number(params.id), reason, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.bans.lifted'))
    return response.redirect().toRoute('exposure')
  }
}
