import type { HttpContext } from '@adonisjs/core/http'
import ComplaintPolicy from '#policies/complaint_policy'
import {
  complaintMessages,
  fileComplaintValidator,
  isTrackingCode,
  publicComplaintsValidator,
} from '#validators/complaint'
import { fileComplaint } from '#actions/complaints/file_complaint'
import { complaintByTrackingCode, publicComplaintOutcomes } from '#queries/complaints'
import { presentPublicOutcome, presentTrackedComplaint } from '#presenters/complaint'
import { countComplaintFiling } from '#services/complaint_throttle'
import { clock } from '#services/clock'

/** 投诉举报 for everyone: file (a token is optional), follow with the tracking code, read outcomes. */
export default class ComplaintsController {
  /** GET /api/v1/complaints — published outcomes, without complainants. */
  async index({ request, i18n }: HttpContext) {
    const { page } = await request.validateUsing(publicComplaintsValidator, {
      data: request.qs(),
      messagesProvider: complaintMessages(i18n),
    })
    const result = await publicComplaintOutcomes(page)
    return {
      data: result.all().map(presentPublicOutcome),
      meta: { total: result.total, page: result.currentPage, perPage: result.perPage },
    }
  }

  /** POST /api/v1/complaints (public, or with a token) → 201 {id, trackingCode, state, dueAt} */
  async store({ request, response, auth, bouncer, i18n }: HttpContext) {
    // A bearer token is optional here, but a token that is sent must be valid.
    const user = request.header('authorization') ? await auth.authenticateUsing(['api']) : null
    await bouncer.with(ComplaintPolicy).authorize('file')
    const input = await request.validateUsing(fileComplaintValidator, {
      messagesProvider: complaintMessages(i18n),
    })
    await countComplaintFiling(user, request.ip())
    const { complaint, trackingCode } = await fileComplaint(input, user)
    return response.created({
      id: complaint.id,
      trackingCode,
      state: complaint.state,
      dueAt: complaint.dueAt.toISO(),
    })
  }

  /** GET /api/v1/complaints/track/:code — state and answer; 404 for an unknown code. */
  async track({ params, response, i18n }: HttpContext) {
    const complaint = isTrackingCode(params.code)
      ? await complaintByTrackingCode(params.code)
      : null
    if (!complaint) {
      return response.notFound({
        errors: [{ code: 'E_ROW_NOT_FOUND', message: i18n.t('complaints.track.notFound') }],
      })
    }
    response.header('cache-control', 'no-store')
    return presentTrackedComplaint(complaint, clock.now())
  }
}
