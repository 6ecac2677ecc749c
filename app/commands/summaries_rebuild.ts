import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace summaries:rebuild` — recomputes the summaries the regulator's
 * market figures are read from (every contract's fact and every sum), the
 * facts the collusion signals are read from (every project's quotes,
 * origins, award and direct selection) and the keyword index of
 * organisation names, from the contracts, projects, bids and names
 * themselves. Needed after a bulk load that bypassed the application; safe to
 * run at any time (the market keeps writing: changes meanwhile are queued and
 * folded by the next tick).
 */
export default class SummariesRebuild extends BaseCommand {
  static commandName = 'summaries:rebuild'
  static description =
    "Rebuild the regulator's market-figure summaries, collusion-signal facts and the name search index"

  static options: CommandOptions = { startApp: true }

  async run() {
    const { rebuildAnalyticsSummaries } = await import('#actions/analytics/summaries')
    const { rebuildSignalFacts } = await import('#actions/signals/signal_facts')
    const { rebuildSearchIndex } = await import('#services/search_index')
    const { default: db } = await import('@adonisjs/lucid/services/db')
    let started = performance.now()
    const contracts = await rebuildAnalyticsSummaries()
    this.logger.success(
      `Market figures: ${contracts} contracts summarised in ${Math.round(performance.now() - started)} ms`
    )
    started = performance.now()
    const projects = await rebuildSignalFacts()
    this.logger.success(
      `Collusion-signal facts: ${projects} projects read in ${Math.round(performance.now() - started)} ms`
    )
    started = performance.now()
    const grams = await db.transaction((trx) => rebuildSearchIndex(trx))
    this.logger.success(
      `Name search index: ${grams} grams in ${Math.round(performance.now() - started)} ms`
    )
  }
}
