import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace credit:recompute` — recomputes every agency's credit score from
 * its valid events in two set-based statements (run nightly: events expire
 * with time). Gives the same numbers as the incremental updates.
 */
export default class CreditRecompute extends BaseCommand {
  static commandName = 'credit:recompute'
  static description = 'Recompute every agency credit score from the credit ledger'

  static options: CommandOptions = { startApp: true }

  async run() {
    const { recomputeAllScores } = await import('#services/credit_ledger')
    const started = performance.now()
    const agencies = await recomputeAllScores()
    this.logger.success(
      `Recomputed ${agencies} agencies in ${Math.round(performance.now() - started)} ms`
    )
  }
}
