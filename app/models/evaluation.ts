import { EvaluationSchema } from '#database/schema'
import { afterDelete, afterSave, beforeSave } from '@adonisjs/lucid/orm'
import db from '@adonisjs/lucid/services/db'
import { queueContractsForAnalytics } from '#services/analytics_queue'
import { agencyTag, invalidateLists } from '#services/public_cache'

/** What the market figures read of an owner's rating. */
const RATING_FIELDS = [
  'quality',
  'timeliness',
  'attitude',
  'feeCompliance',
  'contractId',
  'direction',
]

export const EVALUATION_DIRECTIONS = ['of_agency', 'of_owner'] as const
export type EvaluationDirection = (typeof EVALUATION_DIRECTIONS)[number]

/**
 * 好差评: the owner's rating of the agency (of_agency) or the agency's rating
 * of the owner (of_owner, 政务诚信); public, with one reply by the rated side.
 */
export default class Evaluation extends EvaluationSchema {
  /** The agency page lists the evaluations the agency received. */
  @afterSave()
  @afterDelete()
  static async refreshPublicPage(row: Evaluation) {
    await invalidateLists(
      [agencyTag(row.ratedOrganizationId), agencyTag(row.raterOrganizationId)],
      row.$trx
    )
  }

  declare direction: EvaluationDirection
  declare origin: 'rater' | 'default'

  /** The owner's rating is in the market figures: a change queues its contract (services/analytics_queue.ts). */
  @beforeSave()
  static markFiguresChange(evaluation: Evaluation) {
    evaluation.$extras.figuresChanged =
      !evaluation.$isPersisted || RATING_FIELDS.some((field) => field in evaluation.$dirty)
  }

  @afterSave()
  static async queueForFigures(evaluation: Evaluation) {
    if (!evaluation.$extras.figuresChanged) return
    evaluation.$extras.figuresChanged = false
    await queueContractsForAnalytics([evaluation.contractId], evaluation.$trx ?? db.connection())
  }
}
