/*
 * `npm start`: the market with demo data, in one terminal that shows only the
 * demo logins, the address and errors. It runs `node ace market:setup`
 * (migrate, seed an empty market), then the HTTP server (bin/server.ts, with
 * the local Stripe mock inside it) as child processes, and on SIGINT or
 * SIGTERM stops whichever is running within five seconds before exiting, so
 * nothing outlives it (package.json's `exec` lets npm's signals reach it). Only Node built-ins here: the children read .env.
 * LOG_LEVEL and VITE_LOG_LEVEL default to warn (set them for more).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const APP_ROOT = fileURLToPath(new URL('../', import.meta.url))
const STOP_GRACE_MS = 4000

let current: ChildProcess | null = null
let stopping = false

function run(args: string[], environment: NodeJS.ProcessEnv, withIpc = false) {
  const child = spawn(process.execPath, args, {
    cwd: APP_ROOT,
    env: environment,
    stdio: withIpc ? ['inherit', 'inherit', 'inherit', 'ipc'] : 'inherit',
  })
  current = child
  const exited = new Promise<number>((resolve) => {
    child.once('exit', (code, signal) => {
      if (current === child) current = null
      resolve(code ?? (signal ? 1 : 0))
    })
    child.once('error', (error) => {
      console.error(error)
      resolve(1)
    })
  })
  return { child, exited }
}

/** Ends the running child: SIGTERM, then SIGKILL if it is still there after the grace period. */
function stop() {
  if (stopping) return
  stopping = true
  current?.kill('SIGTERM')
  setTimeout(() => current?.kill('SIGKILL'), STOP_GRACE_MS).unref()
}

process.on('SIGINT', stop)
process.on('SIGTERM', stop)
process.on('SIGHUP', stop)
// npm killed without a chance to pass a signal on: this process is then adopted by another.
const parent = process.ppid
setInterval(() => process.ppid !== parent && stop(), 1000).unref()

const quiet = {
  ...process.env,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  VITE_LOG_LEVEL: process.env.VITE_LOG_LEVEL ?? 'warn',
}

const setup = run(['ace', 'market:setup'], quiet)
const setupCode = await setup.exited
if (stopping || setupCode !== 0) process.exit(stopping ? 0 : setupCode)

const server = run(
  ['--import=@poppinss/ts-exec', '--enable-source-maps', 'bin/server.ts'],
  quiet,
  true
)
type ReadyMessage = { isAdonisJS: true; environment: 'web'; host: string; port: number }
const isReady = (message: unknown): message is ReadyMessage =>
  typeof message === 'object' &&
  message !== null &&
  'isAdonisJS' in message &&
  'environment' in message &&
  message.environment === 'web'
server.child.on('message', (message) => {
  if (!isReady(message)) return
  const host = message.host === '0.0.0.0' ? '127.0.0.1' : message.host
  console.log(`\nThe market is running at http://${host}:${message.port} (Ctrl+C stops it)`)
})
const serverCode = await server.exited
process.exit(stopping ? 0 : serverCode)
