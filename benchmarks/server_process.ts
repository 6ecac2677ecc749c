/*
 * The application as it is deployed, for `npm run bench`: the compiled build
 * (`node build/bin/server.js`, production mode, view cache on) in a process
 * of its own, on the bench database, with development keys in place of the
 * operator's (the same files tests/production_keys.ts gives a production
 * server in the tests). Its memory and CPU are read from /proc for its own
 * process — and its workers' when WEB_CONCURRENCY > 1 — never from the bench
 * process, which generates the data, replays the baseline's captures and
 * drives the load generator.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { loadavg } from 'node:os'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { caFiles, marketCa } from '#services/pki/market_ca'
import { archiveSeal, developmentKeyPath } from '#services/archive_seal'
import { applicationMysqlOptions } from '#benchmarks/bulk_insert'
import { SERVER_ENVIRONMENT, SERVER_NODE_OPTIONS } from '../bin/cluster.js'

/** Memory and CPU of the server's processes at one moment (/proc). */
export type ProcessSample = {
  /** Resident memory of each process (MB), the first one the server's entry process. */
  rssMb: number[]
  /** User + system CPU time consumed so far, all its processes (ms). */
  cpuMs: number
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/** `pid` and its descendants (through /proc/<pid>/task/<tid>/children). */
function processTree(pid: number): number[] {
  const found = [pid]
  const tasks = `/proc/${pid}/task`
  if (!existsSync(tasks)) return found
  for (const task of readdirSync(tasks)) {
    const file = `${tasks}/${task}/children`
    if (!existsSync(file)) continue
    for (const child of readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean)) {
      found.push(...processTree(Number(child)))
    }
  }
  return found
}

function rssMbOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(status.match(/^VmRSS:\s+(\d+)\s+kB/m)?.[1] ?? 0)
  return kb / 1024
}

/** User + system CPU time one process has consumed so far (ms), from /proc/<pid>/stat. */
export function cpuMsOf(pid: number) {
  // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
}

export function sampleProcess(pid: number): ProcessSample {
  const pids = processTree(pid)
  return {
    rssMb: pids.map(rssMbOf),
    cpuMs: pids.reduce((sum, one) => sum + cpuMsOf(one), 0),
  }
}

/** The machine's load averages (1, 5, 15 min) as /proc/loadavg has them. */
export function machineLoad() {
  const [one, five, fifteen] = loadavg()
  return `load average ${one.toFixed(2)} / ${five.toFixed(2)} / ${fifteen.toFixed(2)} (1/5/15 min)`
}

export type BenchServer = {
  url: string
  pid: number
  /** The server's inspector port when started for profiling. */
  inspectPort: number | null
  workers: number
  /** One line saying how the application runs, for every table. */
  layout: string
  sample(): ProcessSample
  stop(): Promise<void>
}

/** What the sources are: the tracked files' contents and unstaged changes (null outside git). */
function sourceFingerprint(root: string) {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    // The content of the sources, not the commit: committing the same files keeps the build.
    // BENCHMARKS.md is what the bench writes: not a source of the build.
    const outside = ['--', '.', ':(exclude)BENCHMARKS.md']
    return createHash('sha256')
      .update(git('ls-files', '--stage', ...outside))
      .update(git('diff', '--no-ext-diff', '--binary', ...outside))
      .update(git('ls-files', '--others', '--exclude-standard', ...outside))
      .digest('hex')
  } catch {
    return null
  }
}

/**
 * `node ace build` into build/ (the assets are built by `npm run bench` before it) — skipped
 * when build/ was built by the bench from the very same sources (`--rebuild` forces it).
 */
export async function ensureBuild(root: string, force: boolean, log: (message: string) => void) {
  const fingerprint = sourceFingerprint(root)
  const stamp = join(root, 'build', '.bench-sources')
  if (
    !force &&
    fingerprint &&
    existsSync(join(root, 'build/bin/server.js')) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === fingerprint
  ) {
    log('build/ is the build of these sources: reused')
    return
  }
  const started = performance.now()
  log('Building the application (node ace build)…')
  await run(process.execPath, ['ace', 'build'], root)
  if (fingerprint) writeFileSync(stamp, fingerprint)
  log(`  built in ${((performance.now() - started) / 1000).toFixed(0)} s`)
}

function run(command: string, args: string[], cwd: string) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    const output: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk))
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${args.join(' ')} failed:\n${Buffer.concat(output).toString()}`))
    )
  })
}

/**
 * Starts build/bin/server.js in production mode on a free port and waits
 * until it says it listens (its IPC message). The API's rate limits are
 * raised out of reach (one client sends everything; the counters are still
 * kept on every request, as in production); the scheduler is off.
 */
export async function startBenchServer(options: {
  workers: number
  profileDir?: string
  /** Sessions, rate limits and the list cache in this Redis (as several instances run). */
  redisUrl?: string
}): Promise<BenchServer> {
  const entry = app.makePath('build/bin/server.js')
  if (!existsSync(entry)) throw new Error(`${entry} is missing: the build failed`)
  await marketCa()
  archiveSeal()
  const { keyFile, certFile } = caFiles()
  const database = applicationMysqlOptions()
  const chosenPort = await freePort()
  // --profile: the inspector on a local port, driven from here (see startProfiler).
  const inspectPort = options.profileDir ? await freePort() : null
  const profiling = inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : []
  const child: ChildProcess = spawn(process.execPath, [...profiling, entry], {
    cwd: app.makePath('build'),
    env: {
      PATH: process.env.PATH,
      TZ: 'UTC',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(chosenPort),
      APP_KEY: env.get('APP_KEY').release(),
      LOG_LEVEL: 'warn',
      VIEW_CACHE: 'true',
      WEB_CONCURRENCY: String(options.workers),
      SCHEDULER_INTERVAL_MS: '0',
      DB_CONNECTION: 'mysql',
      DB_HOST: String(database.host),
      DB_PORT: String(database.port),
      DB_USER: String(database.user),
      DB_PASSWORD: String(database.password ?? ''),
      DB_DATABASE: String(database.database),
      ...('socketPath' in database ? { DB_SOCKET_PATH: String(database.socketPath) } : {}),
      ...(process.env.DB_POOL_MAX ? { DB_POOL_MAX: process.env.DB_POOL_MAX } : {}),
      ...(options.redisUrl
        ? { REDIS_URL: options.redisUrl, REDIS_KEY_PREFIX: 'market-bench:' }
        : {}),
      API_RATE_LIMIT_PER_TOKEN: '1000000000',
      API_RATE_LIMIT_PER_IP: '1000000000',
      PKI_CA_KEY_FILE: keyFile,
      PKI_CA_CERT_FILE: certFile,
      ARCHIVE_SEAL_KEY_FILE: developmentKeyPath(),
      DRIVE_ROOT: app.makePath('tmp/storage'),
      // The Node options and environment the deployment guide gives a single server process
      // (a cluster's primary gives them to its workers itself).
      NODE_OPTIONS: SERVER_NODE_OPTIONS.join(' '),
      ...SERVER_ENVIRONMENT,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  const output: Buffer[] = []
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk))
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk))
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the server did not listen within 120 s:\n${Buffer.concat(output)}`))
    }, 120_000)
    child.on('message', (message: any) => {
      if (message?.isAdonisJS && message.environment === 'web') {
        clearTimeout(timer)
        resolve(chosenPort)
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the server exited (${code}) before listening:\n${Buffer.concat(output)}`))
    })
  })
  const url = `http://127.0.0.1:${port}`
  const layout =
    `application: \`node build/bin/server.js\` (production build, NODE_ENV=production, view cache on), ` +
    `${options.workers === 1 ? 'one process' : `${options.workers} worker processes (node:cluster)`}` +
    `${options.redisUrl ? ' sharing one Redis (sessions, rate limits, list cache and its bus)' : ''}; ` +
    `${'socketPath' in database ? 'MySQL through its Unix socket (DB_SOCKET_PATH, as the deployment guide has a server on the database’s machine connect)' : 'MySQL over TCP'}; ` +
    `load generator (autocannon) and baseline server each in a process of their own; ` +
    `the bench process (\`node ace market:bench\`) only drives them`
  return {
    url,
    inspectPort,
    pid: child.pid!,
    workers: options.workers,
    layout,
    sample: () => sampleProcess(child.pid!),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      const timer = setTimeout(() => {
        process.stderr.write('the measured server did not stop within 15 s: killed\n')
        child.kill('SIGKILL')
      }, 15_000)
      await exited
      clearTimeout(timer)
    },
  }
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

/**
 * A V8 CPU profile of the measured server (started with --profile) from now
 * until stop(file), through its inspector (the Chrome DevTools protocol over
 * a WebSocket): one profile per URL's load or per part.
 */
export async function startProfiler(server: BenchServer) {
  if (!server.inspectPort) throw new Error('the server was not started for profiling')
  const listing = await fetch(`http://127.0.0.1:${server.inspectPort}/json/list`)
  const targets = (await listing.json()) as { webSocketDebuggerUrl: string }[]
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl)
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true })
    socket.addEventListener('error', reject, { once: true })
  })
  let nextId = 0
  const pending = new Map<number, (result: any) => void>()
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data))
    pending.get(message.id)?.(message.result)
    pending.delete(message.id)
  })
  const send = (method: string) =>
    new Promise<any>((resolve) => {
      const id = ++nextId
      pending.set(id, resolve)
      socket.send(JSON.stringify({ id, method }))
    })
  await send('Profiler.enable')
  await send('Profiler.start')
  return {
    async stop(file: string) {
      const { profile } = await send('Profiler.stop')
      socket.close()
      const { mkdir, writeFile } = await import('node:fs/promises')
      const { dirname } = await import('node:path')
      await mkdir(dirname(file), { recursive: true })
      await writeFile(file, JSON.stringify(profile))
    },
  }
}

/**
 * The server's heap through its inspector (`--profile`): process.memoryUsage()
 * before and after a full garbage collection — what is held apart from what
 * is merely not yet collected — and, on request, a heap snapshot to read in
 * Chrome's DevTools or with benchmarks/heap_snapshot_top.mjs.
 */
export async function inspectMemory(server: BenchServer) {
  if (!server.inspectPort) throw new Error('the server was not started for profiling')
  const listing = await fetch(`http://127.0.0.1:${server.inspectPort}/json/list`)
  const targets = (await listing.json()) as { webSocketDebuggerUrl: string }[]
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl)
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true })
    socket.addEventListener('error', reject, { once: true })
  })
  let nextId = 0
  const pending = new Map<number, (result: any) => void>()
  const chunks: string[] = []
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data))
    if (message.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(message.params.chunk)
    pending.get(message.id)?.(message.result)
    pending.delete(message.id)
  })
  const send = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<any>((resolve) => {
      const id = ++nextId
      pending.set(id, resolve)
      socket.send(JSON.stringify({ id, method, params }))
    })
  const usage = async () => {
    const { result } = await send('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    })
    const mb = (bytes: number) => Math.round(bytes / 2 ** 20)
    const raw = JSON.parse(result.value) as Record<string, number>
    return Object.fromEntries(Object.entries(raw).map(([name, bytes]) => [name, mb(bytes)]))
  }
  try {
    const before = await usage()
    await send('HeapProfiler.collectGarbage')
    const after = await usage()
    return {
      before,
      after,
      async snapshot(file: string) {
        chunks.length = 0
        await send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
        const { mkdir, writeFile } = await import('node:fs/promises')
        const { dirname } = await import('node:path')
        await mkdir(dirname(file), { recursive: true })
        await writeFile(file, chunks.join(''))
        chunks.length = 0
      },
      close: () => socket.close(),
    }
  } catch (error) {
    socket.close()
    throw error
  }
}
