/*
 * Several server processes on one machine (node:cluster). The primary runs no
 * application: it forks WEB_CONCURRENCY workers that share the listening
 * port, lets exactly one of them run the scheduler, relays the messages of
 * the process bus between them (app/services/process_bus.ts: the public
 * lists' invalidations when there is no Redis), replaces a worker that dies
 * after it served, and stops them all on SIGTERM/SIGINT or when its own
 * parent goes away. It tells its parent (npm start, a test) that the server
 * listens once every worker listens.
 *
 * Only Node built-ins here, and the environment's own settings: the primary
 * reads .env the way the application does (process environment first).
 */
import cluster, { type Worker } from 'node:cluster'
import { availableParallelism } from 'node:os'
import { existsSync, readFileSync } from 'node:fs'

const STOP_GRACE_MS = 8000

/** A setting from the process environment, else from the app's .env file. */
function setting(name: string, appRoot: URL): string | undefined {
  if (process.env[name] !== undefined) return process.env[name]
  const file = new URL('.env', appRoot)
  if (!existsSync(file)) return undefined
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((text) => text.startsWith(`${name}=`))
  return line?.slice(name.length + 1).trim()
}

/**
 * How many server processes: WEB_CONCURRENCY when set (at least 1); else one
 * per core in production on MySQL. SQLite (one file, one writer) and the
 * development server (hot reload, the in-process Stripe mock) run one.
 */
export function webConcurrency(appRoot: URL): number {
  const wanted = Number.parseInt(setting('WEB_CONCURRENCY', appRoot) ?? '', 10)
  if (Number.isFinite(wanted)) return Math.max(1, wanted)
  const database = setting('DB_CONNECTION', appRoot) ?? 'sqlite'
  const mode = setting('NODE_ENV', appRoot) ?? 'development'
  if (database === 'sqlite' || mode !== 'production') return 1
  return availableParallelism()
}

/**
 * V8's heap caps for a server process (docs/operators/deployment.md):
 * - the young generation: each of its two semi-spaces at most 16 MB (V8's
 *   default on a machine with a large heap limit lets them grow to 64 MB:
 *   128 MB of resident memory for short-lived request garbage alone);
 * - the old generation: at most 384 MB. V8 sizes its heap from this limit —
 *   with its default on a large machine (a quarter of the memory, up to 4 GB)
 *   it lets the old generation grow to four times what is live before a full
 *   collection, and keeps the freed pages: a server whose live heap is 60 MB
 *   stayed at 500–900 MB after a load. The regulator's signals, the largest
 *   request, hold about 175 MB at their peak.
 */
export const SERVER_NODE_OPTIONS = ['--max-semi-space-size=16', '--max-old-space-size=384']

/**
 * The environment of a server process unless the operator set it: glibc's
 * malloc limited to 2 arenas (its default is 8 per core, one per thread that
 * allocates — V8's collector threads and libuv's pool — each keeping its freed
 * memory: 20–40 MB more resident after the dashboards).
 */
export const SERVER_ENVIRONMENT: Record<string, string> = { MALLOC_ARENA_MAX: '2' }

/** The settings of SERVER_ENVIRONMENT that `environment` lacks. */
export function serverEnvironment(environment: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(SERVER_ENVIRONMENT).filter(([name]) => environment[name] === undefined)
  )
}

/**
 * The Node options of a server process: the given ones, with SERVER_NODE_OPTIONS
 * added unless the operator set them (in the command line or NODE_OPTIONS).
 */
export function serverExecArgv(execArgv: string[], nodeOptions = ''): string[] {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)]
  const missing = SERVER_NODE_OPTIONS.filter((option) => {
    const name = option.split('=')[0]
    return !given.some((one) => one === name || one.startsWith(`${name}=`))
  })
  return [...execArgv, ...missing]
}

type Role = { ticks: boolean }

/** The primary: forks `count` workers running this same entry point and keeps them going. */
export function runPrimary(count: number) {
  cluster.setupPrimary({ execArgv: serverExecArgv(process.execArgv, process.env.NODE_OPTIONS) })
  const roles = new Map<Worker, Role>()
  const listening = new Set<Worker>()
  let announced = false
  let stopping = false
  let exitCode = 0

  const fork = (role: Role) => {
    const worker = cluster.fork({
      ...serverEnvironment(process.env),
      MARKET_WORKER_TICKS: role.ticks ? 'true' : 'false',
    })
    roles.set(worker, role)
    let served = false
    worker.on('message', (message: any) => {
      if (message?.marketBus) {
        // The process bus: every other worker receives what one published.
        for (const other of roles.keys()) {
          if (other !== worker && other.isConnected()) other.send(message)
        }
        return
      }
      if (message?.isAdonisJS && message.environment === 'web') {
        served = true
        listening.add(worker)
        if (!announced && listening.size === count) {
          announced = true
          process.send?.({ ...message, workers: count })
        }
      }
    })
    worker.once('exit', (code, signal) => {
      roles.delete(worker)
      listening.delete(worker)
      if (stopping) {
        if (roles.size === 0) process.exit(exitCode)
        return
      }
      if (!served) {
        // A worker that cannot start (its port taken, a bad setting) would fail again: stop.
        console.error(
          `server worker ${worker.process.pid} exited (${signal ?? code}) before listening`
        )
        stop(1)
        return
      }
      console.error(
        `server worker ${worker.process.pid} exited (${signal ?? code}); starting another`
      )
      fork(role)
    })
  }

  const stop = (code = 0) => {
    if (stopping) return
    stopping = true
    exitCode = code
    if (roles.size === 0) process.exit(code)
    for (const worker of roles.keys()) worker.process.kill('SIGTERM')
    setTimeout(() => {
      for (const worker of roles.keys()) worker.process.kill('SIGKILL')
      process.exit(code)
    }, STOP_GRACE_MS).unref()
  }

  process.on('SIGTERM', () => stop())
  process.on('SIGINT', () => stop())
  // Started with an IPC channel (npm start, a test): its closing means the parent is gone.
  if (process.send) process.once('disconnect', () => stop())

  for (let index = 0; index < count; index++) fork({ ticks: index === 0 })
}
