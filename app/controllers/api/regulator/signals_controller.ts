import type { HttpContext } from '@adonisjs/core/http'
import RegulatorSignalPolicy from '#policies/regulator_signal_policy'
import { similarityQueryValidator } from '#validators/signal'
import { collusionSignals } from '#queries/regulator_signals'
import { foldSignalQueue, READING_FOLD_BATCHES } from '#actions/signals/signal_facts'
import { DEFAULT_SIMILARITY_THRESHOLD, similarReportPairs } from '#queries/report_similarity'
import { presentCollusionSignals, presentSimilarPair } from '#presenters/signals'

export default class SignalsController {
  /** GET /api/v1/regulator/signals: collusion signals of the last 12 months with their evidence. */
  async index({ bouncer }: HttpContext) {
    await bouncer.with(RegulatorSignalPolicy).authorize('view')
    await foldSignalQueue(READING_FOLD_BATCHES)
    return presentCollusionSignals(await collusionSignals())
  }

  /** GET /api/v1/regulator/similarity?threshold=0.5: near-duplicate reports, most similar first. */
  async similarity({ bouncer, request }: HttpContext) {
    await bouncer.with(RegulatorSignalPolicy).authorize('view')
    const { threshold = DEFAULT_SIMILARITY_THRESHOLD } = await request.validateUsing(
      similarityQueryValidator,
      { data: request.qs() }
    )
    const result = await similarReportPairs(threshold)
    return { threshold, files: result.files, data: result.pairs.map(presentSimilarPair) }
  }
}
