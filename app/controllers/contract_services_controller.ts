import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import Contract from '#models/contract'
import Deliverable from '#models/deliverable'
import DeliverableFile from '#models/deliverable_file'
import Evaluation from '#models/evaluation'
import ContractPolicy from '#policies/contract_policy'
import EvaluationPolicy from '#policies/evaluation_policy'
import {
  approvalOutcomeValidator,
  deliverableValidator,
  serviceReasonValidator,
} from '#validators/service_delivery'
import {
  agencyEvaluationValidator,
  evaluationReplyValidator,
  ownerEvaluationValidator,
} from '#validators/evaluation'
import {
  acceptDelivery,
  pauseService,
  recordApprovalOutcome,
  resumeService,
  returnDelivery,
  submitDeliverable,
} from '#actions/delivery/service_delivery'
import { evaluateAgency, evaluateOwner, replyToEvaluation } from '#actions/delivery/evaluations'

/** The service forms of the contract page: each posts, then returns to the contract. */
export default class ContractServicesController {
  async deliver(context: HttpContext) {
    const contract = await this.authorized(context, 'deliver')
    const { summary, files } = await context.request.validateUsing(deliverableValidator)
    await submitDeliverable(contract, { summary, files }, context.auth.getUserOrFail())
    return this.back(context, contract, 'messages.service.delivered')
  }

  async accept(context: HttpContext) {
    const contract = await this.authorized(context, 'manageService')
    await acceptDelivery(contract, context.auth.getUserOrFail())
    return this.back(context, contract, 'messages.service.accepted')
  }

  async return(context: HttpContext) {
    const contract = await this.authorized(context, 'manageService')
    const { reason } = await context.request.validateUsing(serviceReasonValidator)
    await returnDelivery(contract, reason, context.auth.getUserOrFail())
    return this.back(context, contract, 'messages.service.returned')
  }

  async pause(context: HttpContext) {
    const contract = await this.authorized(context, 'manageService')
    const { reason } = await context.request.validateUsing(serviceReasonValidator)
    await pauseService(contract, reason, context.auth.getUserOrFail())
    return this.back(context, contract, 'messages.service.pausedDone')
  }

  async resume(context: HttpContext) {
    const contract = await this.authorized(context, 'manageService')
    await resumeService(contract, context.auth.getUserOrFail())
    return this.back(context, contract, 'messages.service.resumedDone')
  }

  async approvalOutcome(context: HttpContext) {
    const contract = await this.authorized(context, 'recordApproval')
    const outcome = await context.request.validateUsing(approvalOutcomeValidator)
    await recordApprovalOutcome(contract, outcome, context.auth.getUserOrFail())
    return this.back(context, contract, 'messages.service.approvalRecorded')
  }

  async evaluate(context: HttpContext) {
    const contract = await this.authorized(context, 'manageService')
    const rating = await context.request.validateUsing(agencyEvaluationValidator)
    await evaluateAgency(contract, rating, context.auth.getUserOrFail())
    return this.back(context, contract, 'messages.service.evaluated')
  }

  async evaluateOwner(context: HttpContext) {
    const contract = await this.authorized(context, 'deliver')
    const rating = await context.request.validateUsing(ownerEvaluationValidator)
    await evaluateOwner(contract, rating, context.auth.getUserOrFail())
    return this.back(context, contract, 'messages.service.evaluated')
  }

  /** POST /evaluations/:id/reply — from the contract page or the rated organisation's page. */
  async reply({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const evaluation = await Evaluation.findOrFail(params.id)
    await bouncer.with(EvaluationPolicy).authorize('reply', evaluation)
    const { text } = await request.validateUsing(evaluationReplyValidator)
    await replyToEvaluation(evaluation, text, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.service.replied'))
    return response.redirect().back()
  }

  /** GET /deliverable-files/:id — streamed to the parties and staff only. */
  async file({ params, response, bouncer }: HttpContext) {
    const file = await DeliverableFile.findOrFail(params.id)
    const deliverable = await Deliverable.findOrFail(file.deliverableId)
    const contract = await Contract.findOrFail(deliverable.contractId)
    await bouncer.with(ContractPolicy).authorize('view', contract)
    response.header('content-type', file.fileMime)
    response.attachment(file.fileName)
    return response.stream(await drive.use().getStream(file.fileKey))
  }

  private async authorized(
    { params, bouncer }: HttpContext,
    ability: 'deliver' | 'manageService' | 'recordApproval'
  ) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize(ability, contract)
    return contract
  }

  private back({ response, session, i18n }: HttpContext, contract: Contract, message: string) {
    session.flash('success', i18n.t(message))
    return response.redirect().toRoute('contracts.show', { id: contract.id }, { qs: {} })
  }
}
