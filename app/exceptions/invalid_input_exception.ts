import RefusalException, { type RefusalReason } from '#exceptions/refusal_exception'

/** A field-level problem found by a rule that needs the records (not the validator). */
export type InputProblem = RefusalReason & { field: string; rule: string }

/**
 * Input that passed the validator but breaks a market rule (a quote above the
 * ceiling, weights not summing to 100, an unknown agency…): 422 in the
 * validation shape, each problem at its field, as VineJS errors are.
 */
export default class InvalidInputException extends RefusalException {
  declare readonly reasons: InputProblem[]

  constructor(problems: InputProblem[]) {
    super(422, 'E_VALIDATION_ERROR', problems, 'The input breaks a market rule')
  }
}

/** Refuses with 422 and every problem found. */
export function refuseInput(problems: InputProblem[]): never {
  throw new InvalidInputException(problems)
}
