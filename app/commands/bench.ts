import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { createServer } from 'node:http'
import { cpus, totalmem } from 'node:os'
import { readFile, writeFile } from 'node:fs/promises'
import type { ProcessSample } from '#benchmarks/server_process'
import type { PageRow } from '#benchmarks/load'

const PARTS = ['pages', 'search', 'selection', 'credit', 'dashboards', 'processes'] as const

/** How the figures are taken: the same for every run, written above them. */
const METHOD_SECTION = `## Method

\`npm run bench\` measures the market as it is deployed, in separate processes:

- **The server**: the production build — the bench runs \`node ace build\` (skipped when \`build/\`
  was built by the bench from the same sources; \`--rebuild\` forces it) and starts
  \`node build/bin/server.js\` with \`NODE_ENV=production\` (view cache on, development keys in place
  of the operator's CA and seal keys), the Node options and environment the deployment guide
  gives a server (\`NODE_OPTIONS="--max-semi-space-size=16 --max-old-space-size=384"
  MALLOC_ARENA_MAX=2\`), \`WEB_CONCURRENCY=1\` unless \`--workers N\`, the scheduler off and the
  API's rate limits out of reach (their counters still kept). When the database runs on this
  machine, the server and the baseline connect through its Unix socket (\`DB_SOCKET_PATH\`), as
  the deployment guide has a server on the database's machine do.
- **The load generator**: autocannon in a process of its own per URL (pages); a worker thread of
  the bench process for the bid storms (an open-loop schedule).
- **The baseline**: a bare \`node:http\` + \`mysql2\` server in a third process, replaying the SQL
  statements the application ran for each URL.
- **The bench process** (\`node ace market:bench\`) generates the dataset, drives the others, and
  runs its own copy of the application only to capture what SQL a request runs (for the baseline
  and the "SQL queries / request" columns) and to call the opening action directly.
- **Memory and CPU** are the server's own: VmRSS from \`/proc/<pid>/status\` and user + system time
  from \`/proc/<pid>/stat\` (of every worker with \`--workers\`), read before and after each URL's load
  and each part; the bench process's own RSS is reported apart.
- Every table states the mode, the process layout and the machine's load average
  (\`/proc/loadavg\`) when it started: on a shared machine, compare ratios and CPU per request
  rather than requests/s.
- **Keyword search** (part \`search\`): 500 distinct keywords (100 with \`--quick\`) sent one at
  a time to the agencies API, none of them cached.
- **Several processes** (part \`processes\`): the same build started again with
  \`WEB_CONCURRENCY\` = 1, 2 and 4 (\`--process-counts\`) on one MySQL and, when one answers
  (\`REDIS_URL\`, else 127.0.0.1:6379), one Redis; the bid storm and three pages per count, with
  the database server's own CPU (\`/proc\`, when it runs on this machine), InnoDB's row-lock waits
  and the connections held.
- \`npm run bench -- --quick\` (a tenth of the dataset, 3 s per URL) is the CI-sized run; from a
  fresh clone it also generates the dataset and builds the application once (each takes 1–3
  minutes on a loaded 2-core machine), later runs reuse both.
- \`--profile\` records a CPU profile of the server (through its inspector) during each URL's load
  and each part into \`tmp/bench-profiles/\`; \`node benchmarks/cpu_profile_top.mjs <file>\` lists its
  heaviest functions. It also logs the server's \`process.memoryUsage()\` after each part, before
  and after a full garbage collection, and writes a heap snapshot after the run
  (\`tmp/bench-profiles/after-all.heapsnapshot\`; \`node benchmarks/heap_snapshot_top.mjs <file>\`
  lists what holds the most).`
type Part = (typeof PARTS)[number]
const SECTION_HEADINGS: Record<Part, string> = {
  pages: 'Pages under load',
  search: 'Keyword search',
  selection: 'Selection',
  credit: 'Credit',
  dashboards: 'Dashboards',
  processes: 'Several processes',
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

  @flags.string({
    description:
      'Part "pages": only the URLs whose label or path contains this (several: separated by "|")',
  })
  declare pages?: string

  @flags.boolean({
    description:
      'CPU-profile the measured server (its inspector) during each URL’s load and each part into tmp/bench-profiles/ (read them with benchmarks/cpu_profile_top.mjs)',
  })
  declare profile: boolean

  @flags.number({
    description:
      'Server processes of the measured server (WEB_CONCURRENCY; default 1: the figures are per process)',
  })
  declare workers?: number

  @flags.string({
    description:
      'Part "processes": the server process counts to measure, comma-separated (default 1,2,4; 2 with --quick)',
  })
  declare processCounts?: string

  @flags.boolean({
    description:
      'Build the application even when build/ was built from the same sources (by default it is reused then)',
  })
  declare rebuild: boolean

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
    const { ensureBuild, startBenchServer, startProfiler, inspectMemory, machineLoad } =
      await import('#benchmarks/server_process')
    const { runSelectionBench, selectionMarkdown } = await import('#benchmarks/selection_bench')
    const { runCreditBench, creditMarkdown, ensureCreditEvents } =
      await import('#benchmarks/credit_bench')
    const { runProcessesBench, processesMarkdown, benchRedisUrl } =
      await import('#benchmarks/processes_bench')
    const { runSearchBench, searchMarkdown } = await import('#benchmarks/search_bench')
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
    // counter is still kept on every request, as in production) — here for this process's copy
    // of the application, which only captures statements; the measured server gets the same.
    const { default: apiConfig } = await import('#config/api')
    apiConfig.rateLimit.perIpPerMinute = 1_000_000_000
    apiConfig.rateLimit.perTokenPerMinute = 1_000_000_000

    // This process's copy of the application: it captures what SQL a request runs (for the
    // baseline and the statement counts). The measured server is the production build, apart.
    const recorder = new QueryRecorder()
    await server.boot()
    const httpServer = createServer(server.handle.bind(server))
    server.setNodeServer(httpServer)
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
    const address = httpServer.address()
    const inProcessUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`

    await ensureBuild(this.app.makePath(), this.rebuild, log)
    const measured = await startBenchServer({
      workers: this.workers ?? 1,
      profileDir: this.profile ? this.app.makePath('tmp/bench-profiles') : undefined,
    })
    const baseUrl = measured.url
    const mode = 'production build (`node build/bin/server.js`, NODE_ENV=production, view cache on)'
    const afterBoot = measured.sample()
    log(
      `Server pid ${measured.pid}: ${measured.layout}; RSS after boot ${afterBoot.rssMb.map((mb) => mb.toFixed(0)).join(' + ')} MB`
    )
    const samples: { part: string; before: ProcessSample; after: ProcessSample }[] = []
    const measurePart = async <T>(part: string, work: () => Promise<T>) => {
      const before = measured.sample()
      const profiler = this.profile ? await startProfiler(measured) : null
      const value = await work()
      if (profiler) {
        const file = this.app.makePath('tmp/bench-profiles', `${part}.cpuprofile`)
        await profiler.stop(file)
        log(`  profile: ${file}`)
        // What the heap holds after the part, and what a full collection leaves of it.
        const memory = await inspectMemory(measured)
        memory.close()
        const line = (usage: Record<string, number>) =>
          Object.entries(usage)
            .map(([name, mb]) => `${name} ${mb}`)
            .join(', ')
        log(`  memory (MB): ${line(memory.before)}; after a full GC: ${line(memory.after)}`)
      }
      samples.push({ part, before, after: measured.sample() })
      return value
    }

    const settings = {
      connections: this.connections ?? 50,
      seconds: this.seconds ?? (this.quick ? 3 : 10),
      warmupSeconds: this.quick ? 1 : 2,
    }
    const pages: PageRow[] = []
    let rssPeakMb = 0
    const pagesLoad = machineLoad()
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
        const wanted = this.pages.split('|').filter((part) => part !== '')
        urls.splice(
          0,
          urls.length,
          ...urls.filter(([label, path]) =>
            wanted.some((part) => label.includes(part) || path.includes(part))
          )
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
        baseline.route(path, await recorder.capture(inProcessUrl + path))
      }
      const baselineUrl = await baseline.listen()
      for (const [label, path] of urls) {
        log(`Load: ${label} (${path})`)
        for (const { ms, sql } of await baseline.slowStatements(path, 5)) {
          log(`  slow statement ${ms.toFixed(0)} ms: ${sql.slice(0, 300)}`)
        }
        // One request here on the cache as the load leaves it: the statements a request runs.
        await fetch(inProcessUrl + path).then((response) => response.arrayBuffer())
        const statements = await recorder.statementsOf(inProcessUrl + path)
        const before = measured.sample()
        const profiler = this.profile ? await startProfiler(measured) : null
        const app = await load(baseUrl + path, settings, statements)
        if (profiler) {
          const file = this.app.makePath(
            'tmp/bench-profiles',
            `${path.replace(/\W+/g, '_')}.cpuprofile`
          )
          await profiler.stop(file)
          log(`  profile: ${file}`)
        }
        const after = measured.sample()
        const bare = await load(baselineUrl + path, settings, baseline.statementsOf(path))
        const served = app.requestsPerSecond * settings.seconds
        pages.push({
          label,
          path,
          app,
          baseline: bare,
          server: {
            rssMb: Math.max(...after.rssMb),
            cpuMsPerRequest: (after.cpuMs - before.cpuMs) / Math.max(1, served),
          },
        })
        rssPeakMb = Math.max(rssPeakMb, ...after.rssMb)
        log(
          `  server RSS ${after.rssMb.map((mb) => mb.toFixed(0)).join(' + ')} MB; app ${app.requestsPerSecond.toFixed(0)}/s p99 ${app.p99Ms} ms; baseline ${bare.requestsPerSecond.toFixed(0)}/s p99 ${bare.p99Ms} ms`
        )
      }
      await baseline.close()
    }

    const searchLoad = machineLoad()
    const search = runs('search')
      ? await measurePart('search', () => runSearchBench(baseUrl, this.quick ? 100 : 500, log))
      : null

    const selection = runs('selection')
      ? await measurePart('selection', () =>
          runSelectionBench(
            { url: baseUrl, inProcessUrl, layout: measured.layout, sample: measured.sample },
            {
              bidders: this.bidders ?? (this.quick ? 200 : 1000),
              bidsPerAgency: 2,
              openingBids: this.openingBids ?? (this.quick ? 1000 : 10_000),
            },
            log
          )
        )
      : null
    const dashboardsLoad = machineLoad()
    const dashboards = runs('dashboards')
      ? await measurePart('dashboards', () =>
          timeDashboards(
            baseUrl,
            3,
            () => recorder.count,
            log,
            `agency-${dataset.agencyId}@dataset.bench.example.com`,
            inProcessUrl
          )
        )
      : null
    const afterAll = measured.sample()
    if (this.profile) {
      const memory = await inspectMemory(measured)
      const file = this.app.makePath('tmp/bench-profiles', 'after-all.heapsnapshot')
      await memory.snapshot(file)
      memory.close()
      log(`  heap snapshot after the run: ${file}`)
    }
    await measured.stop()
    httpServer.close()
    const redisUrl = runs('processes') ? await benchRedisUrl() : undefined
    const processes = runs('processes')
      ? await runProcessesBench(
          {
            workerCounts: (this.processCounts ?? (this.quick ? '2' : '1,2,4'))
              .split(',')
              .map((count) => Number.parseInt(count, 10))
              .filter((count) => count > 0),
            bidders: this.bidders ?? (this.quick ? 200 : 1000),
            pages: [
              ['project result, 50 bids', `/projects/${dataset.resultProjectId}`],
              ['agency page', `/agencies/${dataset.agencyId}`],
              ['API: agencies, filtered', '/api/v1/agencies?item=ZJ-007&region=510000'],
            ],
            settings,
            redisUrl,
          },
          log
        )
      : null
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
    const rssMb = Math.max(...afterAll.rssMb)
    const benchRssMb = process.memoryUsage().rss / 2 ** 20

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
      `Mode: ${mode}. Layout: ${measured.layout}.`,
      '',
      `Server RSS (/proc/<pid>/status, per process): ${afterBoot.rssMb.map((mb) => mb.toFixed(0)).join(' + ')} MB after boot, ` +
        `${afterAll.rssMb.map((mb) => mb.toFixed(0)).join(' + ')} MB after the run (target < 250 MB per process: ${rssMb < 250 ? 'met' : 'missed'})` +
        (rssPeakMb > 0 ? `; highest after a URL's load: ${rssPeakMb.toFixed(0)} MB.` : '.') +
        ` (The bench process itself, which generates the data and captures statements: ${benchRssMb.toFixed(0)} MB, not the server's.)`,
      ...(samples.length > 0
        ? [
            '',
            '| part | server RSS before (MB) | server RSS after (MB) | server CPU (s) |',
            '| --- | ---: | ---: | ---: |',
            ...samples.map(
              (sample) =>
                `| ${sample.part} | ${sample.before.rssMb.map((mb) => mb.toFixed(0)).join(' + ')} | ${sample.after.rssMb.map((mb) => mb.toFixed(0)).join(' + ')} | ${((sample.after.cpuMs - sample.before.cpuMs) / 1000).toFixed(1)} |`
            ),
          ]
        : []),
    ].join('\n')
    const pagesSection =
      pages.length > 0
        ? [
            `## ${SECTION_HEADINGS.pages}`,
            '',
            `Measured by \`${command}\` on ${today}. Mode: ${mode}. Layout: ${measured.layout}.`,
            `Machine at the start: ${pagesLoad}.`,
            '',
            `autocannon (its own process), ${settings.connections} connections,`,
            `${settings.warmupSeconds} s warm-up then ${settings.seconds} s per URL, first against the application, then against the baseline`,
            '(its own process): a bare `node:http` + `mysql2` server replaying the SQL statements the application ran for that URL',
            '(same text and bindings, parallel where the application ran them in parallel) into a minimal template.',
            'The statements are those of a request on an empty cache of public lists; the application, measured',
            'as it runs, serves the cached lists (home, catalog, directory, project list and their API) from memory —',
            'for those the ratio compares the application with its cache against the bare stack without one.',
            'Ratio = application requests/s ÷ baseline requests/s. Targets: ratio ≥ 50 % and p99 < 100 ms.',
            'SQL queries / request: for the application, one request of that URL counted in the bench process’s own copy of the',
            'application right after the load (same cache state); for the baseline, the replayed statements.',
            'Server CPU / request and RSS: the measured server’s processes, from /proc/<pid>/stat and /proc/<pid>/status before and after its load.',
            '',
            pagesMarkdown(pages, settings),
          ].join('\n')
        : previousSection(SECTION_HEADINGS.pages)
    const sections = [
      header,
      METHOD_SECTION,
      pagesSection,
      search
        ? searchMarkdown(search, {
            command,
            today,
            layout: measured.layout,
            agencies: dataset.agencies,
            loadAtStart: searchLoad,
          })
        : previousSection(SECTION_HEADINGS.search),
      selection
        ? selectionMarkdown(selection, this.quick, machine)
        : previousSection(SECTION_HEADINGS.selection),
      credit
        ? creditMarkdown(credit, this.quick, machine)
        : previousSection(SECTION_HEADINGS.credit),
      dashboards
        ? dashboardsMarkdown(dashboards, command, today, {
            layout: measured.layout,
            loadAtStart: dashboardsLoad,
          })
        : previousSection(SECTION_HEADINGS.dashboards),
      processes
        ? processesMarkdown(processes, { command, today, machine, redisUrl, settings })
        : previousSection(SECTION_HEADINGS.processes),
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
