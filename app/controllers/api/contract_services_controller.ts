import type { HttpContext } from '@adonisjs/core/http'
import Contract from '#models/contract'
import Project from '#models/project'
import ContractPolicy from '#policies/contract_policy'
import {
  approvalOutcomeValidator,
  deliverableValidator,
  serviceReasonValidator,
} from '#validators/service_delivery'
import { agencyEvaluationValidator, ownerEvaluationValidator } from '#validators/evaluation'
import {
  acceptDelivery,
  pauseService,
  recordApprovalOutcome,
  resumeService,
  returnDelivery,
  submitDeliverable,
} from '#actions/delivery/service_delivery'
import { evaluateAgency, evaluateOwner } from '#actions/delivery/evaluations'
import {
  deliverablesOf,
  evaluationsOfContract,
  pausesOf,
  serviceClockOf,
} from '#queries/service_delivery'
import { contractHistory } from '#queries/contracts'
import { presentEvaluation, presentService } from '#presenters/service'

/** Service delivery on a signed contract (API.md "Contracts, payments, delivery, evaluation"). */
export default class ContractServicesController {
  /** GET /api/v1/contracts/:id/service (parties, regulators) */
  async show({ params, bouncer }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('view', contract)
    return this.present(contract)
  }

  /** POST /api/v1/contracts/:id/deliverables (agency, multipart: files[] + summary) */
  async deliver({ params, request, response, bouncer, auth }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('deliver', contract)
    const { summary, files } = await request.validateUsing(deliverableValidator)
    await submitDeliverable(contract, { summary, files }, auth.getUserOrFail())
    return response.created(await this.present(await contract.refresh()))
  }

  /** POST /api/v1/contracts/:id/accept (owner) */
  async accept({ params, bouncer, auth }: HttpContext) {
    const contract = await this.forOwner(params.id, bouncer)
    return this.present(await acceptDelivery(contract, auth.getUserOrFail()))
  }

  /** POST /api/v1/contracts/:id/return (owner) {reason} */
  async return({ params, request, bouncer, auth }: HttpContext) {
    const contract = await this.forOwner(params.id, bouncer)
    const { reason } = await request.validateUsing(serviceReasonValidator)
    return this.present(await returnDelivery(contract, reason, auth.getUserOrFail()))
  }

  /** POST /api/v1/contracts/:id/pause (owner) {reason} */
  async pause({ params, request, bouncer, auth }: HttpContext) {
    const contract = await this.forOwner(params.id, bouncer)
    const { reason } = await request.validateUsing(serviceReasonValidator)
    return this.present(await pauseService(contract, reason, auth.getUserOrFail()))
  }

  /** POST /api/v1/contracts/:id/resume (owner) */
  async resume({ params, bouncer, auth }: HttpContext) {
    const contract = await this.forOwner(params.id, bouncer)
    return this.present(await resumeService(contract, auth.getUserOrFail()))
  }

  /** POST /api/v1/contracts/:id/record-approval (the approving department) {outcome, corrections?} */
  async approvalOutcome({ params, request, bouncer, auth }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('recordApproval', contract)
    const outcome = await request.validateUsing(approvalOutcomeValidator)
    return this.present(await recordApprovalOutcome(contract, outcome, auth.getUserOrFail()))
  }

  /** POST /api/v1/contracts/:id/evaluate (owner) {quality, timeliness, attitude, feeCompliance, comment} */
  async evaluate({ params, request, response, bouncer, auth }: HttpContext) {
    const contract = await this.forOwner(params.id, bouncer)
    const rating = await request.validateUsing(agencyEvaluationValidator)
    const evaluation = await evaluateAgency(contract, rating, auth.getUserOrFail())
    return response.created(presentEvaluation(evaluation))
  }

  /** POST /api/v1/contracts/:id/evaluate-owner (agency) {cooperation, paymentTimeliness, comment} */
  async evaluateOwner({ params, request, response, bouncer, auth }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('deliver', contract)
    const rating = await request.validateUsing(ownerEvaluationValidator)
    const evaluation = await evaluateOwner(contract, rating, auth.getUserOrFail())
    return response.created(presentEvaluation(evaluation))
  }

  private async forOwner(id: unknown, bouncer: HttpContext['bouncer']) {
    const contract = await Contract.findOrFail(id)
    await bouncer.with(ContractPolicy).authorize('manageService', contract)
    return contract
  }

  private async present(contract: Contract) {
    const project = await Project.findOrFail(contract.projectId)
    return presentService(
      contract,
      project.status,
      await serviceClockOf(contract),
      await deliverablesOf(contract.id),
      await pausesOf(contract.id),
      await evaluationsOfContract(contract.id),
      await contractHistory(contract.id)
    )
  }
}
