import vine from '@vinejs/vine'
import { TERMINATION_GROUNDS } from '#domain/contract_lifecycle'
import { REFUND_SCOPES, TERMINATION_DECISIONS } from '#domain/termination_refunds'

const terminationFields = {
  ground: vine.enum(TERMINATION_GROUNDS),
  // Required for a breach (违约): the clause and facts relied on (checked by the action).
  breachClause: vine.string().trim().maxLength(2000).nullable().optional(),
  statement: vine.string().trim().minLength(4).maxLength(2000),
}

/** The owner terminates a contract in force (API): the grounds from the closed list and a statement. */
export const terminateContractValidator = vine.create(terminationFields)

/** The page's termination form: the same, and the box the owner ticks to confirm. */
export const terminateContractFormValidator = vine.create({
  ...terminationFields,
  confirmed: vine.accepted(),
})

/** The agency contests a termination within the window, with its reasons. */
export const contestTerminationValidator = vine.create({
  reason: vine.string().trim().minLength(4).maxLength(5000),
})

/** A regulator upholds or rejects a contested termination, with reasons and, if it says so, the refund. */
export const decideTerminationValidator = vine.create({
  decision: vine.enum(TERMINATION_DECISIONS),
  reasons: vine.string().trim().minLength(4).maxLength(5000),
  refundScope: vine.enum(REFUND_SCOPES).nullable().optional(),
})
