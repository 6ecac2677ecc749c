/*
 * The application in child processes, on a database of its own: what the
 * `processes` suite needs to kill a tick or a server with SIGKILL, restart it
 * and look at what it committed, or to read everything a server logged.
 *
 * The child sees only committed data, so it cannot share the functional
 * suite's rolled-back transaction: each market is a dedicated SQLite file
 * (tmp/) or, on MySQL, a dedicated database `<DB_DATABASE>_<tag>` created
 * here and dropped afterwards. `node ace market:setup` migrates it and seeds
 * the demo market; the test process reaches it through a second Lucid
 * connection.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { rmSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'

export type ChildEnv = Record<string, string>

export type DedicatedMarket = {
  /** What a child needs to work on this market (database settings). */
  env: ChildEnv
  /** The test process's connection to the same database. */
  client: QueryClientContract
  drop(): Promise<void>
}

export type Finished = { code: number | null; signal: NodeJS.Signals | null; output: string }

/** A child's process environment: the test's own, this market's database, the given overrides. */
export function childEnv(market: DedicatedMarket, extra: ChildEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_ENV: 'test', ...market.env, ...extra }
}

/** Collects a child's stdout and stderr as one text. */
function capture(child: ChildProcess) {
  const chunks: Buffer[] = []
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk))
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk))
  return () => Buffer.concat(chunks).toString('utf8')
}

export type RunningChild = {
  process: ChildProcess
  output: () => string
  finished: Promise<Finished>
  kill(): Promise<Finished>
}

function track(child: ChildProcess): RunningChild {
  const output = capture(child)
  const finished = new Promise<Finished>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      // Let the pipes drain before reading the output.
      setImmediate(() => resolve({ code, signal, output: output() }))
    })
  })
  return {
    process: child,
    output,
    finished,
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      return finished
    },
  }
}

/** `node ace <args>` in a child process. */
export function startAce(args: string[], environment: NodeJS.ProcessEnv): RunningChild {
  return track(
    spawn(process.execPath, ['ace', ...args], {
      cwd: app.makePath(),
      env: environment,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  )
}

/** `node ace <args>` to its end; throws with the output when it takes longer than `timeoutMs`. */
export async function runAce(
  args: string[],
  environment: NodeJS.ProcessEnv,
  timeoutMs = 60_000
): Promise<Finished> {
  const child = startAce(args, environment)
  const timer = setTimeout(() => child.process.kill('SIGKILL'), timeoutMs)
  const result = await child.finished
  clearTimeout(timer)
  if (result.signal === 'SIGKILL') {
    throw new Error(`node ace ${args.join(' ')} timed out:\n${result.output}`)
  }
  return result
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Polls `check` until it returns something other than null/false, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | false>,
  timeoutMs = 30_000,
  intervalMs = 20
): Promise<T> {
  const until = Date.now() + timeoutMs
  while (true) {
    const value = await check()
    if (value !== null && value !== false) return value
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}

export type ChildServer = RunningChild & { url: string; port: number }

/**
 * The HTTP server (bin/server.ts, as `npm start` runs it after the build) in
 * a child process, ready when /health/live answers. The scheduler is off and
 * the test's Stripe (the local mock) is named, so the child starts neither.
 */
export async function startServer(
  market: DedicatedMarket,
  extra: ChildEnv = {}
): Promise<ChildServer> {
  const port = await freePort()
  const child = track(
    spawn(process.execPath, ['--import', '@poppinss/ts-exec', 'bin/server.ts'], {
      cwd: app.makePath(),
      env: childEnv(market, {
        HOST: '127.0.0.1',
        PORT: String(port),
        SCHEDULER_INTERVAL_MS: '0',
        ...extra,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  )
  const url = `http://127.0.0.1:${port}`
  let exited = false
  child.finished.then(() => (exited = true)).catch(() => (exited = true))
  await waitFor(
    'the child server',
    async () => {
      if (exited) throw new Error(`the child server exited:\n${child.output()}`)
      const live = await fetch(`${url}/health/live`).catch(() => null)
      return live?.ok ?? false
    },
    30_000,
    100
  )
  return { ...child, url, port }
}

/** A migrated database with the demo market in it, private to one test group. */
export async function dedicatedMarket(tag: string): Promise<DedicatedMarket> {
  const kind = env.get('DB_CONNECTION', 'sqlite')
  const connectionName = `market_${tag}`
  const base = app.config.get<any>(`database.connections.${kind}`)
  let marketEnv: ChildEnv
  let config: any
  let cleanUp: () => Promise<void>

  if (kind === 'sqlite') {
    const file = app.makePath('tmp', `${tag}-${process.pid}.sqlite3`)
    const removeFiles = async () => {
      for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true })
    }
    await removeFiles()
    marketEnv = { DB_CONNECTION: 'sqlite', SQLITE_FILE: file }
    config = { ...base, debug: false, connection: { ...base.connection, filename: file } }
    cleanUp = removeFiles
  } else {
    const database = `${env.get('DB_DATABASE', 'intermediary_market')}_${tag}`
    await db.rawQuery(`drop database if exists \`${database}\``)
    await db.rawQuery(
      `create database \`${database}\` character set utf8mb4 collate utf8mb4_unicode_ci`
    )
    marketEnv = { DB_CONNECTION: 'mysql', DB_DATABASE: database }
    config = { ...base, debug: false, connection: { ...base.connection, database } }
    cleanUp = async () => {
      await db.rawQuery(`drop database if exists \`${database}\``)
    }
  }

  const market: DedicatedMarket = {
    env: marketEnv,
    client: null as unknown as QueryClientContract,
    async drop() {
      if (db.manager.has(connectionName)) await db.manager.close(connectionName, true)
      await cleanUp()
    },
  }
  const setup = await runAce(['market:setup'], childEnv(market, { SEED_DEMO: 'true' }), 90_000)
  if (setup.code !== 0) {
    await market.drop()
    throw new Error(`market:setup failed:\n${setup.output}`)
  }
  db.manager.add(connectionName, config)
  market.client = db.connection(connectionName)
  return market
}
