import { ContractTerminationSchema } from '#database/schema'
import type { TerminationGround, TerminationState } from '#domain/contract_lifecycle'
import type { RefundScope, TerminationDecision } from '#domain/termination_refunds'

/**
 * 合同解除: the owner's termination of a contract in force, its grounds, the
 * agency's answer within the contest window and a regulator's decision on a
 * contest (contract_lifecycle TERMINATION_TRANSITIONS).
 */
export default class ContractTermination extends ContractTerminationSchema {
  declare ground: TerminationGround
  declare status: TerminationState
  declare agencyAnswer: 'contested' | 'agreed' | null
  declare decision: TerminationDecision | null
  declare refundScope: RefundScope | null
}
