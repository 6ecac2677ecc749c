import type { HttpContext } from '@adonisjs/core/http'
import BanPolicy from '#policies/ban_policy'
import { banValidator, liftBanValidator } from '#validators/ban'
import { imposeBan, liftBan } from '#actions/bans/market_bans'
import { exposureList } from '#queries/bans'
import { clock } from '#services/clock'
import { fromSqlTime } from '#services/sql_time'

/** 禁入 and the public exposure list (曝光台): pages and API. */
export default class BansController {
  /** GET /exposure and GET /api/v1/public/exposure */
  async exposure({ request, view }: HttpContext) {
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const result = await exposureList(clock.now(), page)
    const now = clock.now()
    const rows = result.all().map((row: any) => {
      const endsAt = fromSqlTime(row.ends_at)
      const liftedAt = fromSqlTime(row.lifted_at)
      return {
        id: Number(row.id),
        agency: row.organization_id
          ? {
              id: Number(row.organization_id),
              name: row.organization_name,
              uscc: row.organization_uscc,
            }
          : null,
        personName: row.person_name,
        reason: row.reason,
        legalBasis: row.legal_basis,
        startsAt: fromSqlTime(row.starts_at),
        endsAt,
        liftedAt,
        liftedReason: row.lifted_reason,
        inForce: !liftedAt && (endsAt === null || endsAt > now),
      }
    })
    if (request.url().startsWith('/api/')) {
      return {
        data: rows,
        meta: { total: result.total, page: result.currentPage, perPage: result.perPage },
      }
    }
    return view.render('pages/exposure/index', { rows, result })
  }

  /** POST /api/v1/regulator/bans and POST /regulator/bans */
  async store({ request, response, bouncer, auth, session, i18n }: HttpContext) {
    await bouncer.with(BanPolicy).authorize('manage')
    const payload = await request.validateUsing(banValidator)
    const id = await imposeBan(payload, auth.getUserOrFail())
    if (request.url().startsWith('/api/')) return response.created({ id })
    session.flash('success', i18n.t('messages.bans.imposed'))
    return response.redirect().toRoute('exposure')
  }

  /** DELETE /api/v1/regulator/bans/:id {reason} and POST /regulator/bans/:id/lifting */
  async lift({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    await bouncer.with(BanPolicy).authorize('manage')
    const { reason } = await request.validateUsing(liftBanValidator)
    await liftBan(Number(params.id), reason, auth.getUserOrFail())
    if (request.url().startsWith('/api/')) return response.noContent()
    session.flash('success', i18n.t('messages.bans.lifted'))
    return response.redirect().toRoute('exposure')
  }

  /** GET /regulator/bans/new */
  async create({ view, bouncer }: HttpContext) {
    await bouncer.with(BanPolicy).authorize('manage')
    return view.render('pages/exposure/form')
  }
}
