import Contract from '#models/contract'
import type { ChainableContract } from '@adonisjs/lucid/types/querybuilder'
import { contractInForce, type ContractState } from '#domain/contract_lifecycle'
import Milestone from '#models/milestone'
import Payment from '#models/payment'
import type User from '#models/user'
import { isOpenPayment, milestonePayable } from '#domain/payment_state'
import { testConfirmationAvailable } from '#services/stripe'

export type MilestonePaymentState = {
  id: number
  position: number
  title: string
  amountFen: number
  status: string
  paidAt: string | null
  /** The owner may start a payment now (a signed contract, nothing paid or under way). */
  payable: boolean
  /** 节点验收: when the owner accepted the milestone's work (a termination refunds only the others). */
  acceptedAt: string | null
  /** The owner may accept it now: a contract in force and not accepted yet. */
  acceptable: boolean
  /** The latest attempt, if any. */
  payment: {
    id: number
    status: string
    amountFen: number
    refundedFen: number
    createdAt: string
    /** Open and in Stripe test mode: the development confirm step applies. */
    testConfirmable: boolean
  } | null
  attempts: number
}

/**
 * The milestones of a contract with where their payments stand, for the
 * contract page (partials/milestone_payments.edge) and the API: two queries
 * whatever the number of milestones.
 */
export async function milestonePaymentsOf(contract: {
  id: number
  status: ContractState
}): Promise<MilestonePaymentState[]> {
  const [milestones, payments] = await Promise.all([
    Milestone.query().where('contract_id', contract.id).orderBy('position'),
    Payment.query().where('contract_id', contract.id).orderBy('id'),
  ])
  const byMilestone = Map.groupBy(payments, (payment) => payment.milestoneId)
  const testMode = testConfirmationAvailable()
  return milestones.map((milestone) => {
    const attempts = byMilestone.get(milestone.id) ?? []
    const latest = attempts.at(-1)
    return {
      id: milestone.id,
      position: milestone.position,
      title: milestone.title,
      amountFen: milestone.amountFen,
      status: milestone.status,
      paidAt: milestone.paidAt?.toISO() ?? null,
      payable: milestonePayable(contract.status, attempts),
      acceptedAt: milestone.acceptedAt?.toUTC().toISO() ?? null,
      acceptable: contractInForce(contract.status) && milestone.acceptedAt === null,
      payment: latest
        ? {
            id: latest.id,
            status: latest.status,
            amountFen: latest.amountFen,
            refundedFen: latest.refundedFen,
            createdAt: latest.createdAt.toISO()!,
            testConfirmable: testMode && isOpenPayment(latest.status),
          }
        : null,
      attempts: attempts.length,
    }
  })
}

/** The owner organisation's contracts: records are found inside the user's scope (404 otherwise). */
function ownersContracts(user: User) {
  return <Builder extends ChainableContract>(query: Builder) =>
    query.from('contracts').where('owner_organization_id', user.organizationId).select('id')
}

/** A milestone of one of the user's organisation's contracts, with its contract. */
export async function ownMilestone(milestoneId: number, user: User) {
  const milestone = await Milestone.query()
    .where('id', milestoneId)
    .whereIn('contract_id', ownersContracts(user))
    .firstOrFail()
  const contract = await Contract.findOrFail(milestone.contractId)
  return { milestone, contract }
}

/** A payment of one of the user's organisation's contracts, with its contract. */
export async function ownPayment(paymentId: number, user: User) {
  const payment = await Payment.query()
    .where('id', paymentId)
    .whereIn('contract_id', ownersContracts(user))
    .firstOrFail()
  const contract = await Contract.findOrFail(payment.contractId)
  return { payment, contract }
}
