import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { createServer } from 'node:http'
import { cpus, totalmem } from 'node:os'
import { readFile, writeFile } from 'node:fs/promises'

/**
 * `npm run bench` — generates a registry of agencies in MySQL (once; reused
 * on later runs) and measures the public directory and catalog served by the
 * real application in this process, then sealed bids and openings (part
 * "selection") and the credit ledger's recompute (part "credit"). Writes the
 * tables to BENCHMARKS.md; a part not run keeps its previous section.
 */
export default class Bench extends BaseCommand {
  static commandName = 'market:bench'
  static description = 'Benchmark the directory and the catalog on a generated MySQL dataset'

  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'CI-sized run: 10,000 agencies and fewer requests' })
  declare quick: boolean

  @flags.number({ description: 'Agencies to generate (default 100,000; 10,000 with --quick)' })
  declare agencies?: number

  @flags.number({ description: 'Measured requests per URL (default 300; 100 with --quick)' })
  declare requests?: number

  @flags.array({ description: 'Parts to run: directory, selection, credit (default: all)' })
  declare only?: string[]

  @flags.number({ description: 'Agencies bidding at once (default 1,000; 200 with --quick)' })
  declare bidders?: number

  @flags.number({ description: 'Bids of the opened project (default 10,000; 1,000 with --quick)' })
  declare openingBids?: number

  @flags.number({
    description:
      'Credit events over the agencies (default 10 per agency: 1,000,000; 100,000 with --quick)',
  })
  declare creditEvents?: number

  async run() {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { default: server } = await import('@adonisjs/core/services/server')
    const { default: DemoSeeder } = await import('#database/seeders/demo_seeder')
    const { generateAgencies } = await import('#benchmarks/registry_dataset')
    const { measureUrl, markdownTable } = await import('#benchmarks/measure')
    const { runSelectionBench, selectionMarkdown } = await import('#benchmarks/selection_bench')
    const { runCreditBench, creditMarkdown } = await import('#benchmarks/credit_bench')
    const parts = (this.only ?? []).flatMap((part) => part.split(','))
    const runs = (part: 'directory' | 'selection' | 'credit') =>
      parts.length === 0 || parts.includes(part)

    const connection = db.connection()
    if (connection.dialect.name !== 'mysql') {
      this.logger.error(
        'The benchmark runs on MySQL/MariaDB: use `npm run bench` (it sets DB_CONNECTION=mysql).'
      )
      this.exitCode = 1
      return
    }
    await this.createDatabaseIfMissing(
      db.manager.get('mysql')!.config.connection as Record<string, any>
    )
    const target = this.agencies ?? (this.quick ? 10_000 : 100_000)
    const requests = this.requests ?? (this.quick ? 100 : 300)

    // Never regenerate database/schema.ts from the bench database (it is committed).
    const migrate = await this.kernel.exec('migration:run', ['--force', '--no-schema-generate'])
    if (migrate.exitCode !== 0) {
      this.exitCode = 1
      return
    }
    await new DemoSeeder(connection).run()

    const [{ total }] = await db.from('organizations').where('kind', 'agency').count('* as total')
    const missing = target - Number(total)
    if (missing > 0) {
      const started = Date.now()
      this.logger.info(`Generating ${missing.toLocaleString('en-US')} agencies…`)
      await generateAgencies(missing, (done) => {
        if (done % 10_000 === 0 || done === missing)
          this.logger.info(`  ${done.toLocaleString('en-US')} / ${missing.toLocaleString('en-US')}`)
      })
      this.logger.success(`Generated in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    }
    await db.rawQuery('ANALYZE TABLE organizations, agency_profiles, agency_service_items')

    let queries = 0
    connection.getReadClient().on('query', () => (queries += 1))

    await server.boot()
    const httpServer = createServer(server.handle.bind(server))
    server.setNodeServer(httpServer)
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
    const address = httpServer.address()
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`

    const urls: [string, string][] = [
      ['directory, filtered by item and province', '/agencies?item=ZJ-007&region=510000'],
      [
        'directory, filtered by item, city and grade',
        '/agencies?item=ZJ-001&region=511400&grade=B',
      ],
      ['directory, keyword', '/agencies?q=%E5%A4%A9%E8%A1%A1'],
      ['directory, unfiltered', '/agencies'],
      ['directory API, filtered', '/api/v1/agencies?item=ZJ-007&region=510000'],
      ['catalog', '/service-items'],
    ]
    const results = []
    for (const [label, path] of runs('directory') ? urls : []) {
      results.push(
        await measureUrl(baseUrl, label, path, {
          requests,
          warmup: 20,
          countQueries: () => queries,
        })
      )
    }
    const selection = runs('selection')
      ? await runSelectionBench(
          baseUrl,
          {
            bidders: this.bidders ?? (this.quick ? 200 : 1000),
            bidsPerAgency: 2,
            openingBids: this.openingBids ?? (this.quick ? 1000 : 10_000),
          },
          (message) => this.logger.info(message)
        )
      : null
    httpServer.close()
    const credit = runs('credit')
      ? await runCreditBench(
          {
            agencies: target,
            events: this.creditEvents ?? target * 10,
            incremental: 200,
            sample: 1000,
          },
          () => queries,
          (message) => this.logger.info(message)
        )
      : null

    const table = markdownTable(results)
    const [{ agencies }] = await db
      .from('organizations')
      .where('kind', 'agency')
      .count('* as agencies')
    const [[{ version }]] = await db.rawQuery('select version() as version')
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, MySQL/MariaDB ${version}`
    // A part not run keeps what the file said about it.
    const previous = await readFile(this.app.makePath('BENCHMARKS.md'), 'utf8').catch(() => '')
    const [previousDirectory, ...previousParts] = previous.split(/^(?=## (?:Selection|Credit)$)/m)
    const previousSection = (heading: string) =>
      previousParts.find((part) => part.startsWith(`## ${heading}`))?.trimEnd() ?? ''
    const selectionSection = selection
      ? selectionMarkdown(selection, this.quick, machine)
      : previousSection('Selection')
    const creditSection = credit
      ? creditMarkdown(credit, this.quick, machine)
      : previousSection('Credit')
    const directorySection =
      !runs('directory') && previousDirectory
        ? previousDirectory.trimEnd()
        : [
            '# Benchmarks',
            '',
            `Measured by \`npm run bench${this.quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}.`,
            '',
            `Machine: ${machine}. Dataset: ${Number(agencies).toLocaleString('en-US')} agencies on MySQL/MariaDB.`,
            'Each URL: 20 warm-up requests, then sequential requests to the application served in the same process',
            '(wall time per request on loopback ≈ server time).',
            '',
            table,
          ].join('\n')
    const report = [directorySection, selectionSection, creditSection]
      .filter((section) => section !== '')
      .join('\n\n')
    await writeFile(this.app.makePath('BENCHMARKS.md'), `${report}\n`)
    if (runs('directory')) this.logger.log(table)
    if (selection) this.logger.log(selectionSection)
    if (credit) this.logger.log(creditSection)
    this.logger.success('Written to BENCHMARKS.md')
  }

  /** The benchmark database is its own (BENCH_DB_DATABASE): create it on first use. */
  private async createDatabaseIfMissing(settings: Record<string, any>) {
    const { default: mysql } = await import('mysql2/promise')
    const admin = await mysql.createConnection({
      host: settings.host,
      port: settings.port,
      user: settings.user,
      password: settings.password,
    })
    const name = String(settings.database).replace(/`/g, '')
    await admin.query(
      `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`
    )
    await admin.end()
  }
}
