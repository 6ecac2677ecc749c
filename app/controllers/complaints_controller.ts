import type { HttpContext } from '@adonisjs/core/http'
import { errors as limiterErrors } from '@adonisjs/limiter'
import Organization from '#models/organization'
import Project from '#models/project'
import ComplaintPolicy from '#policies/complaint_policy'
import { COMPLAINT_CATEGORIES } from '#domain/complaints'
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

/** 投诉举报 pages for everyone: outcomes, the filing form, the tracking page. */
export default class ComplaintsController {
  /** GET /complaints — published outcomes, without complainants. */
  async index({ request, view, i18n }: HttpContext) {
    const { page } = await request.validateUsing(publicComplaintsValidator, {
      data: request.qs(),
      messagesProvider: complaintMessages(i18n),
    })
    const result = await publicComplaintOutcomes(page)
    return view.render('pages/complaints/index', {
      outcomes: result.all().map(presentPublicOutcome),
      result,
    })
  }

  /** GET /complaints/new?agencyId=&ownerId=&projectId= — the form, about a subject when linked from one. */
  async create(context: HttpContext) {
    await context.bouncer.with(ComplaintPolicy).authorize('file')
    return this.renderForm(context)
  }

  /** POST /complaints — files it and shows the tracking code once. */
  async store(context: HttpContext) {
    const { request, response, auth, bouncer, session, i18n } = context
    await bouncer.with(ComplaintPolicy).authorize('file')
    const user = auth.user ?? null
    const input = await request.validateUsing(fileComplaintValidator, {
      messagesProvider: complaintMessages(i18n),
    })
    try {
      await countComplaintFiling(user, request.ip())
    } catch (error) {
      if (!(error instanceof limiterErrors.E_TOO_MANY_REQUESTS)) throw error
      response.header('Retry-After', String(error.response.availableIn))
      response.status(429)
      return this.renderForm(context, i18n.t('complaints.form.throttled'))
    }
    const { complaint, trackingCode } = await fileComplaint(input, user)
    session.flash('complaintFiled', {
      id: complaint.id,
      trackingCode,
      dueAt: complaint.dueAt.toISO(),
    })
    return response.redirect().toRoute('complaints.filed')
  }

  /** GET /complaints/filed — the tracking code, shown this once (it is never stored). */
  async filed({ session, response, view }: HttpContext) {
    const filed = session.flashMessages.get('complaintFiled') as
      { id: number; trackingCode: string; dueAt: string } | undefined
    if (!filed) return response.redirect().toRoute('complaints.track')
    response.header('cache-control', 'no-store')
    return view.render('pages/complaints/filed', { filed })
  }

  /** GET /complaints/track?code= — state and answer, for whoever holds the code. */
  async track({ request, response, view }: HttpContext) {
    const code = request.input('code')
    response.header('cache-control', 'no-store')
    // The code is in the address: never send it on to another site.
    response.header('referrer-policy', 'no-referrer')
    if (!code) return view.render('pages/complaints/track', { complaint: null, searched: false })
    const complaint = isTrackingCode(code) ? await complaintByTrackingCode(code) : null
    if (!complaint) response.status(404)
    return view.render('pages/complaints/track', {
      complaint: complaint ? presentTrackedComplaint(complaint, clock.now()) : null,
      searched: true,
    })
  }

  private async renderForm({ request, view, auth }: HttpContext, throttled?: string) {
    const id = (name: string) => {
      const value = Number(request.input(name))
      return Number.isInteger(value) && value > 0 ? value : null
    }
    const agencyId = id('agencyId')
    const ownerId = id('ownerId')
    const projectId = id('projectId')
    const [complainant, agency, owner, project] = await Promise.all([
      auth.user ? Organization.find(auth.user.organizationId) : null,
      agencyId ? Organization.query().where('id', agencyId).where('kind', 'agency').first() : null,
      ownerId ? Organization.query().where('id', ownerId).where('kind', 'owner').first() : null,
      projectId ? Project.query().where('id', projectId).whereNot('status', 'draft').first() : null,
    ])
    return view.render('pages/complaints/new', {
      categories: COMPLAINT_CATEGORIES,
      complainant,
      agency,
      owner,
      project,
      throttled,
    })
  }
}
