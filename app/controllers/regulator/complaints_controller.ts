import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import Complaint from '#models/complaint'
import ComplaintFile from '#models/complaint_file'
import ComplaintPolicy from '#policies/complaint_policy'
import {
  answerComplaintFormValidator,
  assignComplaintValidator,
  complaintMessages,
  listComplaintsValidator,
} from '#validators/complaint'
import { answerComplaint, assignComplaint } from '#actions/complaints/complaint_desk'
import { complaintsForDesk, regulatorUsers } from '#queries/complaints'
import { presentComplaintForRegulator } from '#presenters/complaint'
import { clock } from '#services/clock'

/** The regulator's complaint desk (投诉处理): by state, with due dates; assign, answer. */
export default class ComplaintsController {
  /** GET /regulator/complaints?state= */
  async index({ request, view, bouncer, i18n }: HttpContext) {
    await bouncer.with(ComplaintPolicy).authorize('manage')
    const { state, page } = await request.validateUsing(listComplaintsValidator, {
      data: request.qs(),
      messagesProvider: complaintMessages(i18n),
    })
    const filter = state ?? 'open'
    const [result, regulators] = await Promise.all([
      complaintsForDesk(filter, page),
      regulatorUsers(),
    ])
    const now = clock.now()
    return view.render('pages/regulator/complaints', {
      complaints: result.all().map((complaint) => presentComplaintForRegulator(complaint, now)),
      result,
      filter,
      regulators,
    })
  }

  /** POST /regulator/complaints/:id/assign {userId} */
  async assign({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    await bouncer.with(ComplaintPolicy).authorize('manage')
    const complaint = await Complaint.findOrFail(params.id)
    const { userId } = await request.validateUsing(assignComplaintValidator, {
      messagesProvider: complaintMessages(i18n),
    })
    await assignComplaint(complaint, userId, auth.getUserOrFail())
    session.flash('success', i18n.t('complaints.desk.assigned', { number: complaint.id }))
    return response.redirect().back()
  }

  /** POST /regulator/complaints/:id/answer — the buttons say upheld or not. */
  async answer({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    await bouncer.with(ComplaintPolicy).authorize('manage')
    const complaint = await Complaint.findOrFail(params.id)
    const answer = await request.validateUsing(answerComplaintFormValidator, {
      messagesProvider: complaintMessages(i18n),
    })
    await answerComplaint(complaint, answer, auth.getUserOrFail())
    session.flash('success', i18n.t('complaints.desk.answered', { number: complaint.id }))
    return response.redirect().back()
  }

  /** GET /regulator/complaint-files/:id — evidence, streamed to regulators only. */
  async file({ params, response, bouncer }: HttpContext) {
    await bouncer.with(ComplaintPolicy).authorize('manage')
    const file = await ComplaintFile.findOrFail(params.id)
    response.header('content-type', file.fileMime)
    response.attachment(file.fileName)
    return response.stream(await drive.use().getStream(file.fileKey))
  }
}
