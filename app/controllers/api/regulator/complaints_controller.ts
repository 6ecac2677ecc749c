import type { HttpContext } from '@adonisjs/core/http'
import Complaint from '#models/complaint'
import ComplaintPolicy from '#policies/complaint_policy'
import {
  answerComplaintValidator,
  assignComplaintValidator,
  complaintMessages,
  listComplaintsValidator,
} from '#validators/complaint'
import { answerComplaint, assignComplaint } from '#actions/complaints/complaint_desk'
import { complaintForDesk, complaintsForDesk } from '#queries/complaints'
import { presentComplaintForRegulator } from '#presenters/complaint'
import { clock } from '#services/clock'

/** The regulator's complaint desk (投诉处理) in the API. */
export default class ComplaintsController {
  /** GET /api/v1/regulator/complaints?state=open|filed|assigned|answered&page= */
  async index({ request, bouncer, i18n }: HttpContext) {
    await bouncer.with(ComplaintPolicy).authorize('manage')
    const { state, page } = await request.validateUsing(listComplaintsValidator, {
      data: request.qs(),
      messagesProvider: complaintMessages(i18n),
    })
    const result = await complaintsForDesk(state ?? 'open', page)
    const now = clock.now()
    return {
      data: result.all().map((complaint) => presentComplaintForRegulator(complaint, now)),
      meta: { total: result.total, page: result.currentPage, perPage: result.perPage },
    }
  }

  /** POST /api/v1/regulator/complaints/:id/assign {userId} */
  async assign({ params, request, bouncer, auth, i18n }: HttpContext) {
    await bouncer.with(ComplaintPolicy).authorize('manage')
    const complaint = await Complaint.findOrFail(params.id)
    const { userId } = await request.validateUsing(assignComplaintValidator, {
      messagesProvider: complaintMessages(i18n),
    })
    const assigned = await assignComplaint(complaint, userId, auth.getUserOrFail())
    return this.present(assigned.id)
  }

  /** POST /api/v1/regulator/complaints/:id/answer {upheld, decision, public, creditEvent?, creditPoints?} */
  async answer({ params, request, bouncer, auth, i18n }: HttpContext) {
    await bouncer.with(ComplaintPolicy).authorize('manage')
    const complaint = await Complaint.findOrFail(params.id)
    const answer = await request.validateUsing(answerComplaintValidator, {
      messagesProvider: complaintMessages(i18n),
    })
    const { credit } = await answerComplaint(complaint, answer, auth.getUserOrFail())
    return { ...(await this.present(complaint.id)), credit }
  }

  private async present(id: number) {
    return presentComplaintForRegulator(await complaintForDesk(id), clock.now())
  }
}
