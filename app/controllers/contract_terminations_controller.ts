import type { HttpContext } from '@adonisjs/core/http'
import Contract from '#models/contract'
import ContractPolicy from '#policies/contract_policy'
import {
  contestTerminationValidator,
  decideTerminationValidator,
  terminateContractFormValidator,
} from '#validators/contract_termination'
import {
  agreeToTermination,
  contestTermination,
  decideTermination,
  terminateContract,
} from '#actions/contracts/contract_termination'

/** 合同解除 on the contract page: the owner terminates, the agency answers, a regulator decides. */
export default class ContractTerminationsController {
  /** POST /contracts/:id/terminate (owner): the danger panel, confirmed by a ticked box. */
  async store({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('edit', contract)
    const { ground, breachClause, statement } = await request.validateUsing(
      terminateContractFormValidator
    )
    await terminateContract(contract, { ground, breachClause, statement }, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.contracts.terminated'))
    return response.redirect().toRoute('contracts.show', { id: contract.id })
  }

  /** POST /contracts/:id/termination/contest (agency) {reason} */
  async contest({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('answerTermination', contract)
    const { reason } = await request.validateUsing(contestTerminationValidator)
    await contestTermination(contract, reason, auth.getUserOrFail())
    session.flash('success', i18n.t('terminations.flash.contested'))
    return response.redirect().toRoute('contracts.show', { id: contract.id })
  }

  /** POST /contracts/:id/termination/agree (agency): agrees to a full refund. */
  async agree({ params, response, bouncer, auth, session, i18n }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('answerTermination', contract)
    await agreeToTermination(contract, auth.getUserOrFail())
    session.flash('success', i18n.t('terminations.flash.agreed'))
    return response.redirect().toRoute('contracts.show', { id: contract.id })
  }

  /** POST /regulator/contracts/:id/termination/decide (regulator) {decision, reasons, refundScope?} */
  async decide({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('decideTermination')
    const input = await request.validateUsing(decideTerminationValidator)
    await decideTermination(contract, input, auth.getUserOrFail())
    session.flash('success', i18n.t('terminations.flash.decided'))
    return response.redirect().toRoute('contracts.show', { id: contract.id })
  }
}
