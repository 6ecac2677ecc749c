import RefusalException, { type RefusalReason } from '#exceptions/refusal_exception'

/**
 * A state change that the current state does not allow (withdrawing an agency
 * that already left, bidding after the deadline…): 409. A reason that names
 * a field is shown at that field.
 */
export default class StateConflictException extends RefusalException {
  constructor(reason: RefusalReason) {
    super(409, 'E_STATE_CONFLICT', reason, 'The record is not in a state that allows this change')
  }
}
