import { EvaluationSchema } from '#database/schema'

export const EVALUATION_DIRECTIONS = ['of_agency', 'of_owner'] as const
export type EvaluationDirection = (typeof EVALUATION_DIRECTIONS)[number]

/**
 * 好差评: the owner's rating of the agency (of_agency) or the agency's rating
 * of the owner (of_owner, 政务诚信); public, with one reply by the rated side.
 */
export default class Evaluation extends EvaluationSchema {
  declare direction: EvaluationDirection
  declare origin: 'rater' | 'default'
}
