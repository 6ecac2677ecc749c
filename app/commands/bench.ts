import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { createServer } from 'node:http'
import { cpus, totalmem } from 'node:os'
import { readFile, writeFile } from 'node:fs/promises'

const PARTS = ['pages', 'selection', 'credit', 'dashboards'] as const
type Part = (typeof PARTS)[number]
const SECTION_HEADINGS: Record<Part, string> = {
  pages: 'Pages under load',
  selection: 'Selection',
  credit: 'Credit',
  dashboards: 'Dashboards',
}

/**
 * `npm run bench` — generates a national-scale dataset in MySQL (once; reused
 * on later runs), then measures the public pages and API lists under load
 * against a bare node:http + mysql2 baseline answering with the same SQL
 * (part "pages"), sealed bids and openings (part "selection"), the credit
 * ledger's recompute (part "credit") and the regulator's dashboards (part
 * "dashboards"). Writes the tables to BENCHMARKS.md; a part not run keeps its
 * previous section.
 */
export default class Bench extends BaseCommand {
  static commandName = 'market:bench'
  static description =
    'Benchmark pages, selection, credit and dashboards on a generated MySQL dataset'

  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'CI-sized run: a tenth of the dataset, 3 s per URL' })
  declare quick: boolean

  @flags.number({
    description:
      'Agencies to generate (default 100,000; 10,000 with --quick); the other tables scale with it',
  })
  declare agencies?: number

  @flags.number({ description: 'Seconds of load per URL (default 10; 3 with --quick)' })
  declare seconds?: number

  @flags.number({ description: 'Concurrent connections of the load (default 50)' })
  declare connections?: number

  @flags.array({
    description: `Parts to run: ${PARTS.join(', ')} (default: all); the dataset is always generated`,
  })
  declare only?: string[]

  @flags.string({ description: 'Part "pages": only the URLs whose label or path contains this' })
  declare pages?: string

  @flags.boolean({
    description:
      'Part "pages": CPU-profile each load of the application into tmp/bench-profiles/ (read them with benchmarks/cpu_profile_top.mjs)',
  })
  declare profile: boolean

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
    const { ensureDataset, datasetSizes, recordGenerationSeconds } =
      await import('#benchmarks/dataset')
    const { QueryRecorder, Baseline, load, pagesMarkdown } = await import('#benchmarks/load')
    const { timeDashboards, dashboardsMarkdown } = await import('#benchmarks/dashboards')
    const { runSelectionBench, selectionMarkdown } = await import('#benchmarks/selection_bench')
    const { runCreditBench, creditMarkdown, ensureCreditEvents } =
      await import('#benchmarks/credit_bench')
    const parts = (this.only ?? []).flatMap((part) => part.split(','))
    const runs = (part: Part) => parts.length === 0 || parts.includes(part)
    const log = (message: string) => this.logger.info(message)

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
    // Never regenerate database/schema.ts from the bench database (it is committed).
    const migrate = await this.kernel.exec('migration:run', [
      '--force',
      '--no-schema-generate',
      '--disable-locks',
    ])
    if (migrate.exitCode !== 0) {
      this.exitCode = 1
      return
    }
    await new DemoSeeder(connection).run()

    const generationStarted = performance.now()
    const dataset = await ensureDataset(datasetSizes(this.quick, this.agencies), log)
    const creditEvents = this.creditEvents ?? dataset.agencies * 10
    const creditSeconds = await ensureCreditEvents(dataset.agencies, creditEvents, log)
    const generatedSeconds =
      dataset.generatedSeconds === null && creditSeconds === null
        ? null
        : (performance.now() - generationStarted) / 1000
    if (generatedSeconds !== null) {
      this.logger.success(`Dataset generated in ${generatedSeconds.toFixed(1)} s`)
      await recordGenerationSeconds(generatedSeconds, dataset.generatedSeconds === null)
    }

    // One client sends everything: the API's per-IP budget is raised out of reach (its
    // counter is still kept on every request, as in production).
    const { default: apiConfig } = await import('#config/api')
    apiConfig.rateLimit.perIpPerMinute = 1_000_000_000
    apiConfig.rateLimit.perTokenPerMinute = 1_000_000_000

    const recorder = new QueryRecorder()
    await server.boot()
    const httpServer = createServer(server.handle.bind(server))
    server.setNodeServer(httpServer)
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
    const address = httpServer.address()
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`

    const settings = {
      connections: this.connections ?? 50,
      seconds: this.seconds ?? (this.quick ? 3 : 10),
      warmupSeconds: this.quick ? 1 : 2,
    }
    const pages = []
    let rssPeakMb = 0
    if (runs('pages')) {
      const urls: [string, string][] = [
        ['home', '/'],
        ['catalog', '/service-items'],
        ['directory, filtered by item and province', '/agencies?item=ZJ-007&region=510000'],
        ['directory, keyword', `/agencies?q=${encodeURIComponent('华信')}`],
        ['API: agencies, keyword', `/api/v1/agencies?q=${encodeURIComponent('华信测绘')}`],
        ['open projects', '/projects?status=published'],
        ['project result, 50 bids', `/projects/${dataset.resultProjectId}`],
        ['agency page', `/agencies/${dataset.agencyId}`],
        ['API: agencies, filtered', '/api/v1/agencies?item=ZJ-007&region=510000'],
        ['API: projects', '/api/v1/projects'],
        ['API: service items', '/api/v1/service-items'],
      ]
      if (this.pages) {
        const wanted = this.pages
        urls.splice(
          0,
          urls.length,
          ...urls.filter(([label, path]) => label.includes(wanted) || path.includes(wanted))
        )
      }
      const baseline = new Baseline(
        (db.manager.get('mysql')!.config.pool as { max?: number } | undefined)?.max ?? 10
      )
      // The baseline replays what one request costs without the cache of public lists (each
      // URL captured on an empty cache): the application's own run serves those lists cached.
      const { clearLists } = await import('#services/public_cache')
      for (const [, path] of urls) {
        await clearLists()
        baseline.route(path, await recorder.capture(baseUrl + path))
      }
      log(`RSS before the load: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`)
      const baselineUrl = await baseline.listen()
      for (const [label, path] of urls) {
        log(`Load: ${label} (${path})`)
        for (const { ms, sql } of await baseline.slowStatements(path, 5)) {
          log(`  slow statement ${ms.toFixed(0)} ms: ${sql.slice(0, 300)}`)
        }
        const profiler = this.profile ? await startProfiler() : null
        const app = await load(baseUrl + path, settings, () => recorder.count)
        if (profiler) {
          const file = this.app.makePath(
            'tmp/bench-profiles',
            `${path.replace(/\W+/g, '_')}.cpuprofile`
          )
          await profiler.stop(file)
          log(`  profile: ${file}`)
        }
        const bare = await load(baselineUrl + path, settings, () => baseline.count)
        pages.push({ label, path, app, baseline: bare })
        rssPeakMb = Math.max(rssPeakMb, process.memoryUsage().rss / 2 ** 20)
        log(
          `  RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB; app ${app.requestsPerSecond.toFixed(0)}/s p99 ${app.p99Ms} ms; baseline ${bare.requestsPerSecond.toFixed(0)}/s p99 ${bare.p99Ms} ms`
        )
      }
      await baseline.close()
    }

    const selection = runs('selection')
      ? await runSelectionBench(
          baseUrl,
          {
            bidders: this.bidders ?? (this.quick ? 200 : 1000),
            bidsPerAgency: 2,
            openingBids: this.openingBids ?? (this.quick ? 1000 : 10_000),
          },
          log
        )
      : null
    const dashboards = runs('dashboards')
      ? await timeDashboards(
          baseUrl,
          3,
          () => recorder.count,
          log,
          `agency-${dataset.agencyId}@dataset.bench.example.com`
        )
      : null
    httpServer.close()
    const credit = runs('credit')
      ? await runCreditBench(
          {
            agencies: dataset.agencies,
            events: creditEvents,
            incremental: 200,
            sample: 1000,
          },
          () => recorder.count,
          log
        )
      : null
    const rssMb = process.memoryUsage().rss / 2 ** 20

    const [[{ version }]] = await db.rawQuery('select version() as version')
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, MySQL/MariaDB ${version}`
    const count = (value: number) => value.toLocaleString('en-US')
    const today = new Date().toISOString().slice(0, 10)
    const command = `npm run bench${this.quick ? ' -- --quick' : ''}`

    // A part not run keeps what the file said about it.
    const previous = await readFile(this.app.makePath('BENCHMARKS.md'), 'utf8').catch(() => '')
    const previousSection = (heading: string) =>
      previous
        .split(/^(?=## )/m)
        .find((part) => part.startsWith(`## ${heading}\n`))
        ?.trimEnd() ?? ''
    const header = [
      '# Benchmarks',
      '',
      `Last run: \`${command}\` (parts: ${parts.length ? parts.join(', ') : 'all'}) on ${today}.`,
      '',
      `Machine: ${machine}.`,
      `Dataset (generated once, seeded, reused): ${count(dataset.agencies)} agencies, ${count(dataset.owners)} owners,`,
      `${count(dataset.projects)} projects, ${count(dataset.bids)} bids, ${count(dataset.contracts)} contracts, ${count(creditEvents)} credit events` +
        (generatedSeconds === null
          ? `; generated by an earlier run in ${dataset.recordedSeconds.toFixed(0)} s.`
          : `; generated by this run in ${generatedSeconds.toFixed(0)} s.`),
      '',
      `Process RSS after the run: ${rssMb.toFixed(0)} MB (target < 300 MB: ${rssMb < 300 ? 'met' : 'missed'})` +
        (rssPeakMb > 0 ? `; highest after a URL's load: ${rssPeakMb.toFixed(0)} MB.` : '.'),
    ].join('\n')
    const pagesSection =
      pages.length > 0
        ? [
            `## ${SECTION_HEADINGS.pages}`,
            '',
            `Measured by \`${command}\` on ${today}: autocannon in this process, ${settings.connections} connections,`,
            `${settings.warmupSeconds} s warm-up then ${settings.seconds} s per URL, first against the application, then against the baseline:`,
            'a bare `node:http` + `mysql2` server replaying the SQL statements the application ran for that URL',
            '(same text and bindings, parallel where the application ran them in parallel) into a minimal template.',
            'The statements are those of a request on an empty cache of public lists; the application, measured',
            'as it runs, serves the cached lists (home, catalog, directory, project list and their API) from memory —',
            'for those the ratio compares the application with its cache against the bare stack without one.',
            'Ratio = application requests/s ÷ baseline requests/s. Targets: ratio ≥ 50 % and p99 < 100 ms.',
            '',
            pagesMarkdown(pages, settings),
          ].join('\n')
        : previousSection(SECTION_HEADINGS.pages)
    const sections = [
      header,
      pagesSection,
      selection
        ? selectionMarkdown(selection, this.quick, machine)
        : previousSection(SECTION_HEADINGS.selection),
      credit
        ? creditMarkdown(credit, this.quick, machine)
        : previousSection(SECTION_HEADINGS.credit),
      dashboards
        ? dashboardsMarkdown(dashboards, command, today)
        : previousSection(SECTION_HEADINGS.dashboards),
    ].filter((section) => section !== '')
    const report = `${sections.join('\n\n')}\n`
    await writeFile(this.app.makePath('BENCHMARKS.md'), report)
    this.logger.log(report)
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

/** A V8 CPU profile of this process from now until stop() (node:inspector). */
async function startProfiler() {
  const { Session } = await import('node:inspector/promises')
  const { mkdir } = await import('node:fs/promises')
  const { dirname } = await import('node:path')
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  return {
    async stop(file: string) {
      const { profile } = await session.post('Profiler.stop')
      session.disconnect()
      await mkdir(dirname(file), { recursive: true })
      await writeFile(file, JSON.stringify(profile))
    },
  }
}
