import type { HttpContext } from '@adonisjs/core/http'
import BanPolicy from '#policies/ban_policy'
import { banValidator, liftBanValidator } from '#validators/ban'
import { imposeBan, liftBan } from '#actions/bans/market_bans'
import { exposurePage } from '#presenters/ban'
import { clock } from '#services/clock'

/** 禁入 and the exposure list (曝光台) in the API (API.md "Regulators"); pages: bans_controller.ts. */
export default class BansController {
  /** GET /api/v1/public/exposure?page= */
  async exposure({ request }: HttpContext) {
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const { rows, meta } = await exposurePage(clock.now(), page)
    return { data: rows, meta }
  }

  /** POST /api/v1/regulator/bans {agencyId?|personIdNumber?, reason, legalBasis, startsAt, endsAt?} */
  async store({ request, response, bouncer, auth }: HttpContext) {
    await bouncer.with(BanPolicy).authorize('manage')
    const payload = await request.validateUsing(banValidator)
    return response.created({ id: await imposeBan(payload, auth.getUserOrFail()) })
  }

  /** POST /api/v1/regulator/bans/:id/lift {reason} (and the deprecated DELETE /api/v1/regulator/bans/:id) */
  async lift({ params, request, response, bouncer, auth }: HttpContext) {
    await bouncer.with(BanPolicy).authorize('manage')
    const { reason } = await request.validateUsing(liftBanValidator)
    await liftBan(Number(params.id), reason, auth.getUserOrFail())
    return response.noContent()
  }
}
