import RefusalException from '#exceptions/refusal_exception'

/**
 * A state change that the current state does not allow (withdrawing an agency
 * that already left, bidding after the deadline…): 409.
 */
export default class StateConflictException extends RefusalException {
  constructor(translation: { identifier: string; data?: Record<string, unknown> }) {
    super(
      409,
      'E_STATE_CONFLICT',
      translation,
      'The record is not in a state that allows this change'
    )
  }
}
