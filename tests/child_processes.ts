/*
 * The application in child processes, on a database of its own: what the
 * `processes` suite needs to kill a tick or a server with SIGKILL, restart it
 * and look at what it committed, or to read everything a server logged.
 *
 * The child sees only committed data, so it cannot share the functional
 * suite's rolled-back transaction: each market is a dedicated SQLite file
 * (tmp/) or, on MySQL, a dedicated database `<DB_DATABASE>_<tag>` created
 * here and dropped afterwards. `node ace market:setup` migrates it (without
 * the demo content) and the test process, reaching it through a second Lucid
 * connection, builds the test market in it (tests/worlds.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { rmSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'
import { marketWorld } from '#tests/worlds'

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

/*
 * Children still running when the test process ends (a failed test, Japa's
 * forced exit) are killed with it: an orphaned server would live on, keep its
 * database connections and load a shared machine for every run after it.
 */
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

function track(child: ChildProcess): RunningChild {
  const output = capture(child)
  running.add(child)
  const finished = new Promise<Finished>((resolve, reject) => {
    child.once('error', (error) => {
      running.delete(child)
      reject(error)
    })
    child.once('exit', (code, signal) => {
      running.delete(child)
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

/**
 * How long a child may take to boot and do its work before it counts as hung.
 * On a 2-core machine shared by several test runs, booting the app (every
 * TypeScript file compiled on import) took 18 s to more than 30 s under a load
 * average of 17: a limit tight enough to catch a slow boot fails healthy runs.
 */
export const CHILD_LIMIT_MS = 180_000

/** `node ace <args>` to its end; throws with the output when it takes longer than `timeoutMs`. */
export async function runAce(
  args: string[],
  environment: NodeJS.ProcessEnv,
  timeoutMs = CHILD_LIMIT_MS
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

type Boot = { listening: true } | { listening: false; reason: 'port taken' }

/**
 * Waits for the child's own word that its HTTP server listens (the AdonisJS
 * ignitor sends `{ isAdonisJS: true, environment: 'web' }` over the IPC
 * channel once `listen` succeeded), for its exit, or for the port to be taken.
 */
function booted(child: RunningChild, limitMs: number): Promise<Boot> {
  return new Promise<Boot>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer)
      child.process.off('message', onMessage)
      child.process.stdout?.off('data', onOutput)
      child.process.stderr?.off('data', onOutput)
    }
    const onMessage = (message: any) => {
      if (message?.isAdonisJS && message.environment === 'web') {
        done()
        resolve({ listening: true })
      }
    }
    // A server that loses its port does not exit: it prints the error and waits.
    const onOutput = () => {
      if (child.output().includes('EADDRINUSE')) {
        done()
        resolve({ listening: false, reason: 'port taken' })
      }
    }
    const timer = setTimeout(() => {
      done()
      reject(new Error(`the child server did not listen within ${limitMs} ms:\n${child.output()}`))
    }, limitMs)
    child.process.on('message', onMessage)
    child.process.stdout?.on('data', onOutput)
    child.process.stderr?.on('data', onOutput)
    child.finished.then(
      (result) => {
        done()
        reject(
          new Error(
            `the child server exited (${result.signal ?? result.code}) before listening:\n${result.output}`
          )
        )
      },
      (error) => {
        done()
        reject(error)
      }
    )
  })
}

/**
 * The HTTP server (bin/server.ts, as `npm start` runs it after the build) in
 * a child process, ready when it says it listens. The scheduler is off and
 * the test's Stripe (the local mock) is named, so the child starts neither.
 *
 * The port is free when chosen but only bound when the child has booted, many
 * seconds later on a loaded machine; if another process took it meanwhile,
 * the child is killed and started again on another port (never does the test
 * talk to a stranger answering on that port). A child that fails to start is
 * killed, never left running.
 */
export async function startServer(
  market: DedicatedMarket,
  extra: ChildEnv = {}
): Promise<ChildServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    const child = track(
      spawn(process.execPath, ['--import', '@poppinss/ts-exec', 'bin/server.ts'], {
        cwd: app.makePath(),
        env: childEnv(market, {
          HOST: '127.0.0.1',
          PORT: String(port),
          SCHEDULER_INTERVAL_MS: '0',
          // One server process unless the test asks for more (a shared machine).
          WEB_CONCURRENCY: '1',
          ...extra,
        }),
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      })
    )
    let boot: Boot
    try {
      boot = await booted(child, CHILD_LIMIT_MS)
    } catch (error) {
      await child.kill()
      throw error
    }
    if (!boot.listening) {
      await child.kill()
      if (attempt < 5) continue
      throw new Error(`no free port for the child server after ${attempt} attempts`)
    }
    const url = `http://127.0.0.1:${port}`
    const live = await fetch(`${url}/health/live`)
      .then(async (response) => `${response.status} ${await response.text()}`)
      .catch((error: Error) => error.message)
    if (!live.startsWith('200 ')) {
      await child.kill()
      throw new Error(
        `the child server listens but /health/live answered ${live}:\n${child.output()}`
      )
    }
    return { ...child, url, port }
  }
}

/** A migrated database with the test market in it, private to one test group. */
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
  // The database is this group's alone: no migration lock (one name for a whole MySQL server).
  const setup = await runAce(
    ['market:setup', '--disable-locks'],
    childEnv(market, { SEED_DEMO: 'false' })
  )
  if (setup.code !== 0) {
    await market.drop()
    throw new Error(`market:setup failed:\n${setup.output}`)
  }
  db.manager.add(connectionName, config)
  market.client = db.connection(connectionName)
  await marketWorld({ client: market.client })
  return market
}
