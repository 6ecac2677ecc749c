import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import type { Database } from '@adonisjs/lucid/database'

/**
 * `node ace market:setup` — what `npm start` does before serving: migrate the
 * database, fill an empty market with demo data (unless SEED_DEMO=false): the
 * catalog and accounts, then a market in motion made by the market's own verbs
 * up to the present, and print the demo logins. It prints nothing else, except errors.
 */
export default class SetupMarket extends BaseCommand {
  static commandName = 'market:setup'
  static description =
    'Migrate the database, seed demo data into an empty market and print the demo logins'

  static options: CommandOptions = { startApp: true }

  /**
   * For a database no other process migrates (the tests' private databases):
   * MySQL's migration lock is one name for the whole server, so migrations of
   * unrelated databases on a shared server would otherwise refuse each other.
   */
  @flags.boolean({ description: 'Migrate without the migration lock (a private database only)' })
  declare disableLocks: boolean

  async run() {
    // Imported here, not at the top: ace reads command metadata before the app boots.
    const { default: env } = await import('#start/env')
    const { default: User } = await import('#models/user')
    const { default: Organization } = await import('#models/organization')
    const { default: DemoSeeder } = await import('#database/seeders/demo_seeder')
    const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await import('#database/data/demo_accounts')
    const { MigrationRunner } = await import('@adonisjs/lucid/migration')

    const db = await this.app.container.make('lucid.db')
    // Migrated without a line per file; database/schema.ts is never regenerated here.
    const migrator = new MigrationRunner(db, this.app, {
      direction: 'up',
      disableLocks: this.disableLocks,
    })
    await migrator.run()
    if (migrator.error) {
      this.logger.error(`Migrating the database failed: ${migrator.error.message}`)
      this.error = migrator.error
      this.exitCode = 1
      return
    }

    const seedDemo = env.get('SEED_DEMO', !this.app.inProduction)
    if (seedDemo && !(await Organization.query().first())) {
      await new DemoSeeder(db.connection()).run()
      if (env.get('SEED_DEMO_MARKET', true)) await this.seedDemoMarket(db)
    }

    const demoUsers = await User.query().whereIn(
      'email',
      DEMO_ACCOUNTS.map((account) => account.email)
    )
    if (demoUsers.length === 0) return
    const emailsByRole = new Map<string, string[]>()
    for (const account of DEMO_ACCOUNTS) {
      if (!demoUsers.some((user) => user.email === account.email)) continue
      emailsByRole.set(account.role, [...(emailsByRole.get(account.role) ?? []), account.email])
    }
    const lines = [...emailsByRole].map(([role, emails]) => {
      const shown = emails.length > 2 ? `${emails[0]} … ${emails.at(-1)}` : emails.join(', ')
      return `  ${role.padEnd(10)} ${shown}`
    })
    this.logger.log(
      [`Demo logins (password ${this.colors.bold(DEMO_PASSWORD)}):`, ...lines].join('\n')
    )
  }

  /**
   * A market in motion on top of the demo accounts. If the rules in force
   * forbid a step (RULE_* overrides), the catalog and accounts stand and the
   * market is served without the rest of the demo; the reason is printed.
   */
  private async seedDemoMarket(db: Database) {
    const { default: DemoMarketSeeder } = await import('#database/seeders/demo_market_seeder')
    try {
      await new DemoMarketSeeder(db.connection()).run()
    } catch (error) {
      const problems = (error as { messages?: { message: string }[] }).messages
      const reason = problems?.map((problem) => problem.message).join('; ') ?? String(error)
      this.logger.error(`The demo market stopped part-way: ${reason}`)
    }
  }
}
