import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace audit:verify` (or `market:audit-verify`) — recomputes the hash chain of the audit log;
 * exits with 1 and names the first broken event when anything was altered.
 */
export default class VerifyAuditLog extends BaseCommand {
  static commandName = 'market:audit-verify'
  static aliases = ['audit:verify']
  static description = 'Verify the hash chain of the audit log'

  static options: CommandOptions = { startApp: true }

  async run() {
    const { verifyAuditLog } = await import('#services/audit_log')
    const result = await verifyAuditLog()
    if (result.valid) {
      this.logger.success(`Audit log intact: ${result.events} events`)
      return
    }
    this.logger.error(
      result.firstBrokenId === null
        ? `Audit log broken: the chain head does not point at the last of ${result.events} events`
        : `Audit log broken at event #${result.firstBrokenId}`
    )
    this.exitCode = 1
  }
}
