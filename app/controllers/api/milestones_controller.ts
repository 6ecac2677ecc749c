import type { HttpContext } from '@adonisjs/core/http'
import ContractPolicy from '#policies/contract_policy'
import { ownMilestone } from '#queries/milestone_payments'
import { acceptMilestone } from '#actions/contracts/contract_termination'

/** 节点验收 (API): the owner confirms a milestone's work as accepted. */
export default class MilestonesController {
  /** POST /api/v1/milestones/:id/accept (owner) */
  async accept({ params, auth, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const { milestone, contract } = await ownMilestone(params.id, user)
    await bouncer.with(ContractPolicy).authorize('manageService', contract)
    const accepted = await acceptMilestone(milestone, contract, user)
    return {
      id: accepted.id,
      contractId: accepted.contractId,
      position: accepted.position,
      acceptedAt: accepted.acceptedAt?.toUTC().toISO() ?? null,
    }
  }
}
