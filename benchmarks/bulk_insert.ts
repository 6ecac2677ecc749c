/*
 * Set-based inserts for the benchmark dataset: rows are buffered and sent a
 * few thousand per INSERT statement on a dedicated mysql2 connection, inside
 * transactions of about 50,000 rows, while the next batch is being built (one
 * statement in flight). Foreign-key and unique checks are switched off for the
 * session only (the generator builds consistent ids itself); both settings
 * exist on MySQL, MariaDB and TiDB. A progress bar goes to stderr.
 */
import { existsSync } from 'node:fs'
import db from '@adonisjs/lucid/services/db'
import mysql, { type Connection } from 'mysql2/promise'

/** The application's MySQL connection settings, for the benchmark's own mysql2 connections. */
/**
 * The database's Unix socket when it runs on this machine, as the deployment guide has a
 * server on the database's machine connect (DB_SOCKET_PATH); null over TCP.
 */
function localSocket(settings: Record<string, any>): string | null {
  if (settings.socketPath) return String(settings.socketPath)
  if (!['127.0.0.1', 'localhost', '::1'].includes(String(settings.host))) return null
  return (
    ['/run/mysqld/mysqld.sock', '/var/run/mysqld/mysqld.sock', '/tmp/mysql.sock'].find((path) =>
      existsSync(path)
    ) ?? null
  )
}

export function applicationMysqlOptions() {
  const settings = db.manager.get(db.primaryConnectionName)!.config.connection as Record<
    string,
    any
  >
  const socketPath = localSocket(settings)
  return {
    host: settings.host,
    port: settings.port,
    ...(socketPath ? { socketPath } : {}),
    user: settings.user,
    password: settings.password,
    database: settings.database,
    charset: 'utf8mb4',
    timezone: 'Z',
  }
}

export async function openBulkConnection(): Promise<Connection> {
  const connection = await mysql.createConnection(applicationMysqlOptions())
  await connection.query('SET SESSION foreign_key_checks = 0, unique_checks = 0')
  return connection
}

export class BulkInsert {
  private rows: unknown[][] = []
  private pending: Promise<unknown> = Promise.resolve()
  private inTransaction = 0
  inserted = 0

  constructor(
    private connection: Connection,
    private table: string,
    private columns: string[],
    private progress: Progress | null = null,
    private rowsPerStatement = 2000,
    private rowsPerTransaction = 50_000
  ) {}

  async add(row: unknown[]) {
    this.rows.push(row)
    if (this.rows.length >= this.rowsPerStatement) await this.flush()
  }

  async flush() {
    if (this.rows.length === 0) return
    const rows = this.rows
    this.rows = []
    await this.pending
    const statement = `INSERT INTO \`${this.table}\` (${this.columns.map((column) => `\`${column}\``).join(', ')}) VALUES ?`
    const begin = this.inTransaction === 0 ? this.connection.query('BEGIN') : null
    this.inTransaction += rows.length
    const commit = this.inTransaction >= this.rowsPerTransaction
    if (commit) this.inTransaction = 0
    this.pending = (async () => {
      await begin
      await this.connection.query(statement, [rows])
      if (commit) await this.connection.query('COMMIT')
      this.inserted += rows.length
      this.progress?.tick(rows.length)
    })()
  }

  async end() {
    await this.flush()
    await this.pending
    if (this.inTransaction > 0) await this.connection.query('COMMIT')
    this.inTransaction = 0
    this.progress?.end()
  }
}

/** A one-line progress bar on stderr (rewritten in place on a terminal, every 10 % otherwise). */
export class Progress {
  private done = 0
  private started = performance.now()
  private lastDecile = -1

  constructor(
    private label: string,
    private total: number
  ) {}

  tick(count: number) {
    this.done += count
    const fraction = this.total === 0 ? 1 : Math.min(1, this.done / this.total)
    const line = `${this.label.padEnd(14)} [${'#'.repeat(Math.round(fraction * 30)).padEnd(30, '.')}] ${(fraction * 100).toFixed(0).padStart(3)} % ${this.done.toLocaleString('en-US')} / ${this.total.toLocaleString('en-US')} ${((performance.now() - this.started) / 1000).toFixed(1)} s`
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${line}`)
    } else if (Math.floor(fraction * 10) > this.lastDecile) {
      this.lastDecile = Math.floor(fraction * 10)
      process.stderr.write(`${line}\n`)
    }
  }

  end() {
    if (process.stderr.isTTY) process.stderr.write('\n')
  }
}
