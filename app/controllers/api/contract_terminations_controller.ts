import type { HttpContext } from '@adonisjs/core/http'
import Contract from '#models/contract'
import ContractPolicy from '#policies/contract_policy'
import {
  contestTerminationValidator,
  decideTerminationValidator,
} from '#validators/contract_termination'
import {
  agreeToTermination,
  contestTermination,
  decideTermination,
} from '#actions/contracts/contract_termination'
import {
  contestedTerminations,
  presentTermination,
  terminationOf,
} from '#queries/contract_terminations'

/** 合同解除 (API): the termination, the agency's answer, a regulator's decision. */
export default class ContractTerminationsController {
  /** GET /api/v1/contracts/:id/termination (parties, regulators, admins): {termination} or null. */
  async show({ params, bouncer }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('view', contract)
    const termination = await terminationOf(contract.id)
    return { termination: termination ? presentTermination(termination) : null }
  }

  /** POST /api/v1/contracts/:id/termination/contest (agency) {reason} */
  async contest({ params, request, bouncer, auth }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('answerTermination', contract)
    const { reason } = await request.validateUsing(contestTerminationValidator)
    return presentTermination(await contestTermination(contract, reason, auth.getUserOrFail()))
  }

  /** POST /api/v1/contracts/:id/termination/agree (agency): a full refund, settled at once. */
  async agree({ params, bouncer, auth }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('answerTermination', contract)
    const { termination, refunds } = await agreeToTermination(contract, auth.getUserOrFail())
    return { ...presentTermination(termination), refunds }
  }

  /** GET /api/v1/regulator/terminations (regulator): the contests to decide. */
  async index() {
    return { data: await contestedTerminations() }
  }

  /** POST /api/v1/regulator/contracts/:id/termination/decide (regulator) */
  async decide({ params, request, bouncer, auth }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('decideTermination')
    const input = await request.validateUsing(decideTerminationValidator)
    const { termination, refunds } = await decideTermination(contract, input, auth.getUserOrFail())
    return { ...presentTermination(termination), refunds }
  }
}
