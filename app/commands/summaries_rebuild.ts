import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace summaries:rebuild` — recomputes the summaries the regulator's
 * market figures are read from (every contract's fact and every sum) and the
 * keyword index of organisation names, from the contracts and names
 * themselves. Needed after a bulk load that bypassed the application; safe to
 * run at any time (the market keeps writing: changes meanwhile are queued and
 * folded by the next tick).
 */
export default class SummariesRebuild extends BaseCommand {
  static commandName = 'summaries:rebuild'
  static description = "Rebuild the regulator's market-figure summaries and the name search index"

  static options: CommandOptions = { startApp: true }

  async run() {
    const { rebuildAnalyticsSummaries } = await import('#actions/analytics/summaries')
    const { rebuildSearchIndex } = await import('#services/search_index')
    const { default: db } = await import('@adonisjs/lucid/services/db')
    let started = performance.now()
    const contracts = await rebuildAnalyticsSummaries()
    this.logger.success(
      `Market figures: ${contracts} contracts summarised in ${Math.round(performance.now() - started)} ms`
    )
    started = performance.now()
    const grams = await db.transaction((trx) => rebuildSearchIndex(trx))
    this.logger.success(
      `Name search index: ${grams} grams in ${Math.round(performance.now() - started)} ms`
    )
  }
}
