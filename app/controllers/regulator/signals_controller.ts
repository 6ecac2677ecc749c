import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import RegulatorSignalPolicy from '#policies/regulator_signal_policy'
import { similarityQueryValidator } from '#validators/signal'
import { collusionSignals } from '#queries/regulator_signals'
import { foldSignalQueue, READING_FOLD_BATCHES } from '#actions/signals/signal_facts'
import {
  DEFAULT_SIMILARITY_THRESHOLD,
  DISPLAY_LIMIT,
  reportPair,
  similarReportPairs,
} from '#queries/report_similarity'
import { presentCollusionSignals, presentSimilarPair } from '#presenters/signals'

/** 监管预警: collusion signals and report similarity (中介文本对比分析) for regulators. */
export default class SignalsController {
  /** GET /regulator/signals: every collusion signal of the last 12 months, grouped by kind. */
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(RegulatorSignalPolicy).authorize('view')
    await foldSignalQueue(READING_FOLD_BATCHES)
    return view.render('pages/regulator/signals', {
      result: presentCollusionSignals(await collusionSignals()),
    })
  }

  /** GET /regulator/similarity?threshold=0.5: near-duplicate reports of different projects. */
  async similarity({ bouncer, request, view }: HttpContext) {
    await bouncer.with(RegulatorSignalPolicy).authorize('view')
    const { threshold = DEFAULT_SIMILARITY_THRESHOLD } = await request.validateUsing(
      similarityQueryValidator,
      { data: request.qs() }
    )
    const result = await similarReportPairs(threshold)
    return view.render('pages/regulator/similarity', {
      threshold,
      files: result.files,
      pairs: result.pairs.map(presentSimilarPair),
    })
  }

  /** GET /regulator/similarity/:a/:b: the two texts with their matching passages marked. */
  async pair({ bouncer, params, view }: HttpContext) {
    await bouncer.with(RegulatorSignalPolicy).authorize('view')
    const pair = await reportPair(Number(params.a), Number(params.b))
    if (!pair) throw new Exception('Not found', { status: 404, code: 'E_ROUTE_NOT_FOUND' })
    return view.render('pages/regulator/similarity_pair', { pair, displayLimit: DISPLAY_LIMIT })
  }
}
