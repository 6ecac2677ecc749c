import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace market:tick` — performs every transition that is due now
 * (openings, silent direct selections, justification deadlines, the end of
 * publicity, services and complaints past their limits). Idempotent and safe on several instances at once.
 */
export default class Tick extends BaseCommand {
  static commandName = 'market:tick'
  static description = 'Perform every market transition that is due now'

  static options: CommandOptions = { startApp: true }

  async run() {
    const { runTick } = await import('#actions/market_tick')
    const report = await runTick()
    this.logger.info(
      `Opened ${report.opened}, failed ${report.failed}, direct expired ${report.directExpired}, ` +
        `justifications closed ${report.justificationsClosed}, owner decisions lapsed ${report.ownerDecisionsLapsed}, awarded ${report.awarded}, ` +
        `contracts expired ${report.contractsExpired}, services overdue ${report.servicesOverdue}, ` +
        `evaluations defaulted ${report.evaluationsDefaulted}, closed ${report.projectsClosed}, alert digests ${report.alertDigests}, ` +
        `complaints reminded ${report.complaintsReminded}, complaints overdue ${report.complaintsOverdue}, ` +
        `credit appeals overdue ${report.creditAppealsOverdue}, ` +
        `objections overdue ${report.objectionsOverdue}, ` +
        `terminations settled ${report.terminationsSettled}, terminations overdue ${report.terminationsOverdue}, ` +
        `archives sealed ${report.archivesSealed}, ` +
        `errors ${report.errors}`
    )
    if (report.errors > 0) this.exitCode = 1
  }
}
