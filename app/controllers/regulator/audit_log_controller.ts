import type { HttpContext } from '@adonisjs/core/http'
import { auditFiltersValidator } from '#validators/audit'
import { auditEventsPage, auditOrganization, auditSubjectTypes } from '#queries/audit_log_pages'
import { verifyAuditLog } from '#services/audit_log'
import { presentAuditEvent } from '#presenters/audit_event'

/** The hash-chained audit log, browsed by aggregate, organisation and day; the chain verified on request. */
export default class AuditLogController {
  async index({ request, view, bouncer, i18n }: HttpContext) {
    await bouncer.authorize('viewMarketAnalytics')
    const filters = await request.validateUsing(auditFiltersValidator, { data: request.qs() })
    const [result, subjectTypes, organization, verification] = await Promise.all([
      auditEventsPage(filters),
      auditSubjectTypes(),
      auditOrganization(filters.organization),
      filters.verify ? verifyAuditLog() : Promise.resolve(null),
    ])
    return view.render('pages/regulator/audit_log', {
      page: result.page,
      hasNext: result.hasNext,
      events: result.events.map((event) => presentAuditEvent(i18n, event)),
      subjectTypes,
      organization,
      verification,
      filters,
    })
  }
}
