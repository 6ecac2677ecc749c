/*
 * Throughput of URLs under load (`npm run bench`, part "pages"): autocannon
 * (a process of its own) with 50 connections for a fixed duration after a
 * warm-up, against the application's production build in a process of its
 * own (benchmarks/server_process.ts), then against a baseline in a third
 * process — a bare node:http server with a mysql2 pool that answers each URL
 * with the very SQL statements the application ran for it (captured from the
 * driver's query events, same text and bindings, the same statements in
 * parallel where the application ran them in parallel) and a minimal
 * template (string building; JSON for API URLs). The baseline is the
 * practical limit of this stack on this machine; the ratio app/baseline is
 * the robust figure when other work shares the cores.
 */
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import { fork, type ChildProcess } from 'node:child_process'
import mysql from 'mysql2/promise'
import { applicationMysqlOptions } from '#benchmarks/bulk_insert'

export type LoadSettings = { connections: number; seconds: number; warmupSeconds: number }

export type LoadResult = {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  queriesPerRequest: number
  non2xx: number
  errors: number
}

export type PageRow = {
  label: string
  path: string
  app: LoadResult
  baseline: LoadResult
  /** The measured server's processes over the application's load (/proc). */
  server: { rssMb: number; cpuMsPerRequest: number }
}

type Statement = { sql: string; bindings: unknown[] }
/** Statements issued while another one was running form one parallel group. */
type Replay = { groups: Statement[][]; json: boolean }

/**
 * Counts the SQL statements the bench process's own copy of the application
 * runs, and records them on demand: the measured server is another process,
 * so a URL's statements are captured by sending it here once.
 */
export class QueryRecorder {
  count = 0
  private recording: Statement[][] | null = null
  private inflight = 0

  constructor() {
    const connection = db.connection()
    const clients = new Set([connection.getWriteClient(), connection.getReadClient()])
    for (const client of clients) {
      client.on('query', (query: { sql: string; bindings?: unknown[] }) => {
        this.count += 1
        if (this.recording) {
          const statement = { sql: query.sql, bindings: query.bindings ?? [] }
          if (this.inflight > 0 && this.recording.length > 0) this.recording.at(-1)!.push(statement)
          else this.recording.push([statement])
        }
        this.inflight += 1
      })
      const done = () => (this.inflight = Math.max(0, this.inflight - 1))
      client.on('query-response', done)
      client.on('query-error', done)
    }
  }

  /** How many statements one request to `url` runs now (the cache as it is). */
  async statementsOf(url: string, headers: Record<string, string> = {}) {
    const groups = await this.capture(url, headers)
    return groups.flat().length
  }

  /** The statements one request to `url` runs, in parallel groups. */
  async capture(url: string, headers: Record<string, string> = {}): Promise<Statement[][]> {
    this.recording = []
    try {
      const response = await fetch(url, { headers })
      if (!response.ok) throw new Error(`${url} answered ${response.status}`)
      await response.arrayBuffer()
      return this.recording
    } finally {
      this.recording = null
    }
  }
}

/**
 * autocannon against one URL, in a process of its own (benchmarks/autocannon_process.mjs): a
 * warm-up, then the measured run. `statementsPerRequest` is what one request of that URL runs
 * (counted where the statements can be seen: see QueryRecorder).
 */
export async function load(
  url: string,
  settings: LoadSettings,
  statementsPerRequest: number | (() => Promise<number>)
): Promise<LoadResult> {
  const { execFile } = await import('node:child_process')
  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [
        app.makePath('benchmarks/autocannon_process.mjs'),
        JSON.stringify({ url, ...settings, headers: {} }),
      ],
      { cwd: app.makePath(), maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)
    )
  })
  const result = JSON.parse(output.trim().split('\n').at(-1)!) as {
    requests: number
    p50Ms: number
    p99Ms: number
    non2xx: number
    errors: number
  }
  return {
    requestsPerSecond: result.requests / settings.seconds,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    queriesPerRequest:
      typeof statementsPerRequest === 'number'
        ? statementsPerRequest
        : await statementsPerRequest(),
    non2xx: result.non2xx,
    errors: result.errors,
  }
}

/**
 * The bare-stack server (benchmarks/baseline_process.mjs) in a process of its own: node:http +
 * mysql2, replaying each URL's captured statements.
 */
export class Baseline {
  private routes = new Map<string, Replay>()
  private child: ChildProcess | null = null
  private pool: mysql.Pool

  constructor(private poolSize: number) {
    this.pool = mysql.createPool({ ...applicationMysqlOptions(), connectionLimit: 2 })
  }

  get pid() {
    return this.child?.pid ?? 0
  }

  private ask<T>(message: Record<string, unknown>, answer: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: any) => {
        if (reply?.type !== answer) return
        this.child!.off('message', onMessage)
        resolve(reply as T)
      }
      this.child!.on('message', onMessage)
      this.child!.send(message, (error) => error && reject(error))
    })
  }

  route(path: string, groups: Statement[][]) {
    this.routes.set(path, { groups, json: path.startsWith('/api/') })
  }

  /** Statements one request of `path` runs in the baseline (the captured ones). */
  statementsOf(path: string) {
    return (this.routes.get(path)?.groups ?? []).flat().length
  }

  /** Each statement of a URL run once on its own: the slow ones (ms, SQL), slowest first. */
  async slowStatements(path: string, thresholdMs: number) {
    const slow: { ms: number; sql: string }[] = []
    for (const statement of (this.routes.get(path)?.groups ?? []).flat()) {
      const started = performance.now()
      await this.pool.query(statement.sql, statement.bindings as any[])
      const ms = performance.now() - started
      if (ms >= thresholdMs) slow.push({ ms, sql: statement.sql })
    }
    return slow.sort((a, b) => b.ms - a.ms)
  }

  async listen(): Promise<string> {
    this.child = fork(app.makePath('benchmarks/baseline_process.mjs'), [], {
      cwd: app.makePath(),
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const { port } = await this.ask<{ port: number }>(
      { type: 'start', mysql: applicationMysqlOptions(), poolSize: this.poolSize },
      'listening'
    )
    for (const [path, replay] of this.routes) {
      await this.ask({ type: 'route', path, groups: replay.groups }, 'routed')
    }
    return `http://127.0.0.1:${port}`
  }

  async close() {
    this.child?.disconnect()
    await this.pool.end()
  }
}

export function pagesMarkdown(rows: PageRow[], settings: LoadSettings) {
  const lines = [
    `| page | URL | server | requests/s | p50 ms | p99 ms | SQL queries / request | server CPU ms / request | server RSS after (MB) | app / baseline | targets (≥ 50 %, p99 < 100 ms) |`,
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ]
  for (const row of rows) {
    const ratio = row.baseline.requestsPerSecond
      ? row.app.requestsPerSecond / row.baseline.requestsPerSecond
      : 0
    const met = ratio >= 0.5 && row.app.p99Ms < 100
    const failures = row.app.non2xx + row.app.errors
    lines.push(
      `| ${row.label} | \`${row.path}\` | app | ${row.app.requestsPerSecond.toFixed(0)} | ${row.app.p50Ms.toFixed(0)} | ${row.app.p99Ms.toFixed(0)} | ${row.app.queriesPerRequest.toFixed(1)} | ${row.server.cpuMsPerRequest.toFixed(2)} | ${row.server.rssMb.toFixed(0)} | **${(ratio * 100).toFixed(0)} %** | ${met ? 'met' : 'missed'}${failures ? ` (${failures} failed)` : ''} |`,
      `| | | baseline | ${row.baseline.requestsPerSecond.toFixed(0)} | ${row.baseline.p50Ms.toFixed(0)} | ${row.baseline.p99Ms.toFixed(0)} | ${row.baseline.queriesPerRequest.toFixed(1)} | | | | |`
    )
  }
  void settings
  return lines.join('\n')
}
