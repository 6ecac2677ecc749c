import type { HttpContext } from '@adonisjs/core/http'
import { auditFiltersValidator } from '#validators/audit'
import { auditEventsPage, auditSubjectTypes } from '#queries/audit_log_pages'
import { verifyAuditLog } from '#services/audit_log'

/** The hash-chained audit log, browsed by aggregate; the chain verified on request. */
export default class AuditLogController {
  async index({ request, view, bouncer }: HttpContext) {
    await bouncer.authorize('viewMarketAnalytics')
    const filters = await request.validateUsing(auditFiltersValidator, { data: request.qs() })
    const [result, subjectTypes, verification] = await Promise.all([
      auditEventsPage(filters),
      auditSubjectTypes(),
      filters.verify ? verifyAuditLog() : Promise.resolve(null),
    ])
    return view.render('pages/regulator/audit_log', {
      ...result,
      subjectTypes,
      verification,
      filters,
    })
  }
}
