import type { HttpContext } from '@adonisjs/core/http'
import ContractPolicy from '#policies/contract_policy'
import { ownMilestone } from '#queries/milestone_payments'
import { acceptMilestone } from '#actions/contracts/contract_termination'

/** 节点验收 on the contract page: the owner confirms a milestone's work as accepted. */
export default class MilestonesController {
  /** POST /owner/milestones/:id/accept */
  async accept({ params, auth, bouncer, session, i18n, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const { milestone, contract } = await ownMilestone(params.id, user)
    await bouncer.with(ContractPolicy).authorize('manageService', contract)
    await acceptMilestone(milestone, contract, user)
    session.flash('success', i18n.t('terminations.flash.milestoneAccepted'))
    return response.redirect().toRoute('contracts.show', { id: contract.id })
  }
}
