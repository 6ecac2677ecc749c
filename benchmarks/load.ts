/*
 * Throughput of URLs under load (`npm run bench`, part "pages"): autocannon
 * with 50 connections for a fixed duration after a warm-up, against the
 * application served in this process, then against a baseline in the same
 * process — a bare node:http server with a mysql2 pool that answers each URL
 * with the very SQL statements the application ran for it (captured from the
 * driver's query events, same text and bindings, the same statements in
 * parallel where the application ran them in parallel) and a minimal
 * template (string building; JSON for API URLs). The baseline is the
 * practical limit of this stack on this machine; the ratio app/baseline is
 * the robust figure when other work shares the cores.
 */
import db from '@adonisjs/lucid/services/db'
import autocannon from 'autocannon'
import { createServer, type Server } from 'node:http'
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
}

type Statement = { sql: string; bindings: unknown[] }
/** Statements issued while another one was running form one parallel group. */
type Replay = { groups: Statement[][]; json: boolean }

/** Counts the SQL statements the application's connection runs, and records them on demand. */
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

/** autocannon against one URL: a warm-up, then the measured run. */
export async function load(
  url: string,
  settings: LoadSettings,
  countQueries: () => number
): Promise<LoadResult> {
  if (settings.warmupSeconds > 0) {
    await autocannon({ url, connections: settings.connections, duration: settings.warmupSeconds })
  }
  const before = countQueries()
  const result = await autocannon({
    url,
    connections: settings.connections,
    duration: settings.seconds,
  })
  const requests = result.requests.total
  return {
    requestsPerSecond: requests / settings.seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    queriesPerRequest: requests === 0 ? 0 : (countQueries() - before) / requests,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}

/** The bare-stack server: node:http + mysql2, replaying each URL's captured statements. */
export class Baseline {
  private routes = new Map<string, Replay>()
  private server: Server | null = null
  private pool: mysql.Pool
  count = 0

  constructor(poolSize: number) {
    this.pool = mysql.createPool({ ...applicationMysqlOptions(), connectionLimit: poolSize })
  }

  route(path: string, groups: Statement[][]) {
    this.routes.set(path, { groups, json: path.startsWith('/api/') })
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
    this.server = createServer(async (request, response) => {
      const replay = this.routes.get(request.url ?? '')
      if (!replay) {
        response.writeHead(404).end()
        return
      }
      try {
        const results: unknown[][] = []
        for (const group of replay.groups) {
          const answers = await Promise.all(
            group.map((statement) => this.pool.query(statement.sql, statement.bindings as any[]))
          )
          this.count += group.length
          for (const [rows] of answers) results.push(Array.isArray(rows) ? rows : [rows])
        }
        if (replay.json) {
          response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
          response.end(JSON.stringify({ data: results.at(-1) ?? [] }))
        } else {
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          response.end(minimalPage(results))
        }
      } catch (error) {
        response.writeHead(500).end(String(error))
      }
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    const address = this.server.address()
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  }

  async close() {
    await new Promise((resolve) => this.server?.close(resolve))
    await this.pool.end()
  }
}

/** Every result set as an HTML table, values escaped: the least a page template does. */
function minimalPage(results: unknown[][]) {
  let html = '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>基准</title><body>'
  for (const rows of results) {
    html += '<table>'
    for (const row of rows as Record<string, unknown>[]) {
      html += '<tr>'
      for (const value of Object.values(row)) html += `<td>${escapeHtml(value)}</td>`
      html += '</tr>'
    }
    html += '</table>'
  }
  return `${html}</body></html>`
}

function escapeHtml(value: unknown) {
  const text = value instanceof Date ? value.toISOString() : String(value ?? '')
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}

export function pagesMarkdown(rows: PageRow[], settings: LoadSettings) {
  const lines = [
    `| page | URL | server | requests/s | p50 ms | p99 ms | SQL queries / request | app / baseline | targets (≥ 50 %, p99 < 100 ms) |`,
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ]
  for (const row of rows) {
    const ratio = row.baseline.requestsPerSecond
      ? row.app.requestsPerSecond / row.baseline.requestsPerSecond
      : 0
    const met = ratio >= 0.5 && row.app.p99Ms < 100
    const failures = row.app.non2xx + row.app.errors
    lines.push(
      `| ${row.label} | \`${row.path}\` | app | ${row.app.requestsPerSecond.toFixed(0)} | ${row.app.p50Ms.toFixed(0)} | ${row.app.p99Ms.toFixed(0)} | ${row.app.queriesPerRequest.toFixed(1)} | **${(ratio * 100).toFixed(0)} %** | ${met ? 'met' : 'missed'}${failures ? ` (${failures} failed)` : ''} |`,
      `| | | baseline | ${row.baseline.requestsPerSecond.toFixed(0)} | ${row.baseline.p50Ms.toFixed(0)} | ${row.baseline.p99Ms.toFixed(0)} | ${row.baseline.queriesPerRequest.toFixed(1)} | | |`
    )
  }
  void settings
  return lines.join('\n')
}
