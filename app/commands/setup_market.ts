import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace market:setup` — what `npm start` does before serving: migrate the
 * database, fill an empty market with demo data (unless SEED_DEMO=false) and
 * print the demo logins.
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

    const migrate = await this.kernel.exec(
      'migration:run',
      ['--force'].concat(this.disableLocks ? ['--disable-locks'] : [])
    )
    if (migrate.exitCode !== 0) {
      this.exitCode = 1
      return
    }

    const seedDemo = env.get('SEED_DEMO', !this.app.inProduction)
    if (seedDemo && !(await Organization.query().first())) {
      const db = await this.app.container.make('lucid.db')
      await new DemoSeeder(db.connection()).run()
      this.logger.success('Demo data seeded')
    }

    const demoUsers = await User.query().whereIn(
      'email',
      DEMO_ACCOUNTS.map((account) => account.email)
    )
    if (demoUsers.length > 0) {
      const table = this.ui.table()
      table.head(['Role', 'E-mail', 'Password'])
      for (const user of demoUsers) table.row([user.role, user.email, DEMO_PASSWORD])
      this.logger.info('Demo logins:')
      table.render()
    }
  }
}
