/*
 * Several server processes on one database (`npm run bench`, part
 * "processes"): the production build started with WEB_CONCURRENCY = 1, 2
 * and 4 workers (node:cluster) sharing one MySQL and — when one answers —
 * one Redis, as a deployment past one process runs. For each: the bid storm
 * (1,000 bids over 1 s) and a few pages under load, with the CPU of the
 * server's processes and of the database server (when it runs on this
 * machine: /proc) per request, InnoDB's row-lock waits and the connections
 * held — where the database, not the application, becomes the limit.
 */
import db from '@adonisjs/lucid/services/db'
import { execFileSync } from 'node:child_process'
import { createConnection } from 'node:net'
import {
  cpuMsOf,
  startBenchServer,
  machineLoad,
  type ProcessSample,
} from '#benchmarks/server_process'
import { runBidStorm, type BiddingResult } from '#benchmarks/selection_bench'
import { load, type LoadSettings } from '#benchmarks/load'

type DatabaseCounters = { cpuMs: number | null; rowLockWaits: number; rowLockMs: number }

export type ProcessesPage = {
  label: string
  path: string
  requestsPerSecond: number
  p99Ms: number
  failed: number
  serverCpuMsPerRequest: number
  databaseCpuMsPerRequest: number | null
}

export type ProcessesRow = {
  workers: number
  loadAtStart: string
  storm: BiddingResult
  stormDatabaseCpuMsPerBid: number | null
  stormRowLockWaits: number
  stormRowLockMs: number
  pages: ProcessesPage[]
  /** Connections open on the database server right after the storm (every pool of every worker). */
  connections: number
  rssMb: number[]
}

/** The database server's pid when it runs on this machine (mariadbd or mysqld), else null. */
function databasePid(): number | null {
  for (const name of ['mariadbd', 'mysqld']) {
    try {
      const pid = Number(execFileSync('pgrep', ['-xo', name], { encoding: 'utf8' }).trim())
      if (pid > 0) return pid
    } catch {
      // not running under this name
    }
  }
  return null
}

async function databaseCounters(pid: number | null): Promise<DatabaseCounters> {
  let cpuMs: number | null = null
  if (pid !== null) {
    try {
      cpuMs = cpuMsOf(pid)
    } catch {
      cpuMs = null
    }
  }
  const [rows] = await db.rawQuery("SHOW GLOBAL STATUS LIKE 'Innodb_row_lock_%'")
  const value = (name: string) =>
    Number((rows as any[]).find((row) => row.Variable_name === name)?.Value ?? 0)
  return {
    cpuMs,
    rowLockWaits: value('Innodb_row_lock_waits'),
    rowLockMs: value('Innodb_row_lock_time'),
  }
}

async function openConnections() {
  const [rows] = await db.rawQuery("SHOW GLOBAL STATUS LIKE 'Threads_connected'")
  return Number((rows as any[])[0]?.Value ?? 0)
}

/** The Redis URL to share between the workers: REDIS_URL, else a local Redis if one answers. */
export async function benchRedisUrl(): Promise<string | undefined> {
  if (process.env.REDIS_URL) return process.env.REDIS_URL
  const answers = await new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: 6379 })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(500, () => done(false))
    socket.once('error', () => done(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')))
  })
  return answers ? 'redis://127.0.0.1:6379/0' : undefined
}

export async function runProcessesBench(
  options: {
    workerCounts: number[]
    bidders: number
    pages: [string, string][]
    settings: LoadSettings
    redisUrl?: string
  },
  log: (message: string) => void
): Promise<ProcessesRow[]> {
  const pid = databasePid()
  const rows: ProcessesRow[] = []
  for (const workers of options.workerCounts) {
    const server = await startBenchServer({ workers, redisUrl: options.redisUrl })
    try {
      log(`${workers} server process(es): ${server.layout}`)
      const loadAtStart = machineLoad()
      const before = await databaseCounters(pid)
      const storm = await runBidStorm(
        { url: server.url, sample: () => server.sample() },
        options.bidders,
        log
      )
      const after = await databaseCounters(pid)
      // Read while the storm's connections are still open (the pools close idle ones).
      const connections = await openConnections()
      log(
        `  storm: p50 ${storm.p50Ms.toFixed(0)} ms, p99 ${storm.p99Ms.toFixed(0)} ms, ${storm.serverCpuMsPerBid.toFixed(2)} server CPU ms/bid`
      )
      const pages: ProcessesPage[] = []
      for (const [label, path] of options.pages) {
        const serverBefore: ProcessSample = server.sample()
        const databaseBefore = await databaseCounters(pid)
        const result = await load(server.url + path, options.settings, 0)
        const serverAfter = server.sample()
        const databaseAfter = await databaseCounters(pid)
        const served = Math.max(1, result.requestsPerSecond * options.settings.seconds)
        pages.push({
          label,
          path,
          requestsPerSecond: result.requestsPerSecond,
          p99Ms: result.p99Ms,
          failed: result.non2xx + result.errors,
          serverCpuMsPerRequest: (serverAfter.cpuMs - serverBefore.cpuMs) / served,
          databaseCpuMsPerRequest:
            databaseBefore.cpuMs === null || databaseAfter.cpuMs === null
              ? null
              : (databaseAfter.cpuMs - databaseBefore.cpuMs) / served,
        })
        log(`  ${label}: ${result.requestsPerSecond.toFixed(0)}/s, p99 ${result.p99Ms} ms`)
      }
      rows.push({
        workers,
        loadAtStart,
        storm,
        stormDatabaseCpuMsPerBid:
          before.cpuMs === null || after.cpuMs === null
            ? null
            : (after.cpuMs - before.cpuMs) / Math.max(1, storm.sent),
        stormRowLockWaits: after.rowLockWaits - before.rowLockWaits,
        stormRowLockMs: after.rowLockMs - before.rowLockMs,
        pages,
        connections,
        rssMb: server.sample().rssMb,
      })
    } finally {
      await server.stop()
    }
  }
  return rows
}

export function processesMarkdown(
  rows: ProcessesRow[],
  context: {
    command: string
    today: string
    machine: string
    redisUrl?: string
    settings: LoadSettings
  }
) {
  const cpu = (value: number | null) => (value === null ? '—' : value.toFixed(2))
  const pageLabels = rows[0]?.pages.map((page) => page.label) ?? []
  const lines = [
    '## Several processes',
    '',
    `Measured by \`${context.command}\` (part \`processes\`) on ${context.today}. Machine: ${context.machine}.`,
    '',
    'The production build started with `WEB_CONCURRENCY` = 1, 2 and 4 (node:cluster workers sharing the port) on one',
    `MySQL${context.redisUrl ? ' and one Redis (sessions, rate limits, the list cache and its invalidation bus)' : ' (no Redis answered: sessions and rate limits in the database, the cache bus through the database)'};`,
    `for each, the bid storm (${rows[0]?.storm.agencies.toLocaleString('en-US') ?? 0} bids spread over 1 s, open loop) and ${context.settings.seconds} s of autocannon (${context.settings.connections} connections, its own process) per page.`,
    'Server CPU: every process of the server (/proc); database CPU: the MySQL/MariaDB server process on this machine (/proc),',
    'per bid sent or per request served; row-lock waits: InnoDB’s `Innodb_row_lock_waits` / `Innodb_row_lock_time` over the storm;',
    'connections: `Threads_connected` right after the storm (each worker keeps its own pool; the bench’s own included). On 2 cores, more processes than cores',
    'share the same CPU: what the table shows is the CPU each request costs the application and the database.',
    'The three pages are answered from the caches (the lists and the pages’ public parts, each process’s memory in front',
    'of Redis), so the database barely works for them; the storm writes, and shows where the database becomes the limit.',
    '',
    '| processes | storm p50 ms | storm p99 ms | storm lost | server CPU ms / bid | database CPU ms / bid | row-lock waits (ms) | ' +
      pageLabels.map((label) => `${label}: requests/s (p99 ms)`).join(' | ') +
      ' | server CPU ms / request | database CPU ms / request | connections | server RSS (MB) | load average at start |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ' +
      pageLabels.map(() => '---:').join(' | ') +
      ' | ---: | ---: | ---: | --- | --- |',
  ]
  for (const row of rows) {
    const served = row.pages.reduce((sum, page) => sum + page.requestsPerSecond, 0)
    const weighted = (pick: (page: ProcessesPage) => number | null) => {
      if (row.pages.some((page) => pick(page) === null)) return null
      return (
        row.pages.reduce((sum, page) => sum + pick(page)! * page.requestsPerSecond, 0) /
        Math.max(1, served)
      )
    }
    lines.push(
      `| ${row.workers} | ${row.storm.p50Ms.toFixed(0)} | ${row.storm.p99Ms.toFixed(0)} | ${row.storm.lost + row.storm.duplicated} | ${row.storm.serverCpuMsPerBid.toFixed(2)} | ${cpu(row.stormDatabaseCpuMsPerBid)} | ${row.stormRowLockWaits} (${row.stormRowLockMs}) | ` +
        row.pages
          .map(
            (page) =>
              `${page.requestsPerSecond.toFixed(0)} (${page.p99Ms.toFixed(0)})${page.failed ? ` ${page.failed} failed` : ''}`
          )
          .join(' | ') +
        ` | ${cpu(weighted((page) => page.serverCpuMsPerRequest))} | ${cpu(weighted((page) => page.databaseCpuMsPerRequest))} | ${row.connections} | ${row.rssMb.map((mb) => mb.toFixed(0)).join(' + ')} | ${row.loadAtStart.replace('load average ', '')} |`
    )
  }
  return lines.join('\n')
}
