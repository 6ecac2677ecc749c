import { rmSync } from 'node:fs'
import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace market:schema` (`npm run db:schema`) — regenerates database/schema.ts,
 * the column classes the models extend, after a migration changed the tables.
 * It is generated from one reference: a fresh SQLite database migrated from
 * scratch in tmp/, whatever database this installation uses, so that the
 * committed file is the same on every machine.
 */
export default class GenerateSchema extends BaseCommand {
  static commandName = 'market:schema'
  static description =
    'Regenerate database/schema.ts from a fresh SQLite database migrated from scratch'

  static options: CommandOptions = { startApp: true }

  async run() {
    const { MigrationRunner } = await import('@adonisjs/lucid/migration')
    const { migrations, referenceSchemaGeneration } = await import('#config/database')
    const db = await this.app.container.make('lucid.db')

    const connectionName = 'schema_reference'
    const file = this.app.tmpPath('schema-reference.sqlite3')
    rmSync(file, { force: true })
    db.manager.add(connectionName, {
      client: 'better-sqlite3',
      connection: { filename: file },
      useNullAsDefault: true,
      migrations,
      schemaGeneration: { ...referenceSchemaGeneration, enabled: true },
    })

    try {
      const migrator = new MigrationRunner(db, this.app, { direction: 'up', connectionName })
      await migrator.run()
      if (migrator.error) {
        this.logger.error(`Migrating the reference database failed: ${migrator.error.message}`)
        this.exitCode = 1
        return
      }
      const generate = await this.kernel.exec('schema:generate', [
        `--connection=${connectionName}`,
        '--compact-output',
      ])
      this.exitCode = generate.exitCode
    } finally {
      await db.manager.close(connectionName)
      rmSync(file, { force: true })
    }
  }
}
