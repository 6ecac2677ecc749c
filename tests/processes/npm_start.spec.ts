import { test } from '@japa/runner'
import { execFileSync, spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { connect } from 'node:net'
import { stripVTControlCharacters } from 'node:util'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import {
  CHILD_LIMIT_MS,
  dedicatedMarket,
  freePort,
  waitFor,
  type DedicatedMarket,
} from '#tests/child_processes'

/*
 * `npm start` as a newcomer runs it: on a database of its own (a fresh SQLite
 * file, or on MySQL a dedicated database), in development mode, with the
 * local Stripe mock. What it prints, that it stops with everything it
 * started, and that it leaves the checkout as it found it.
 */

/** The checkout's tracked changes (null outside a git checkout). */
function trackedChanges() {
  try {
    return execFileSync('git', ['diff', 'HEAD', '--no-ext-diff', '--binary'], {
      cwd: app.makePath(),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
  } catch {
    return null
  }
}

/** The processes below `pid`, children first, through `ps` (POSIX). */
function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
  const found: number[] = []
  const walk = (parent: number) => {
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child)
        walk(child)
      }
    }
  }
  walk(pid)
  return found
}

function alive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function listening(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
}

/** A database for this run: SQLite starts from nothing, MySQL from a dedicated database. */
async function freshDatabase(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (env.get('DB_CONNECTION', 'sqlite') === 'sqlite') {
    const file = app.makePath('tmp', `npm-start-${process.pid}.sqlite3`)
    const drop = async () => {
      for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true })
    }
    await drop()
    return { env: { DB_CONNECTION: 'sqlite', SQLITE_FILE: file }, drop }
  }
  const market: DedicatedMarket = await dedicatedMarket('npm_start')
  return { env: market.env, drop: () => market.drop() }
}

test.group('npm start', () => {
  test('prints the demo logins and the address only, stops with its server and Stripe mock on SIGTERM within 5 s, and changes no tracked file', async ({
    assert,
    cleanup,
  }) => {
    const database = await freshDatabase()
    cleanup(() => database.drop())
    const before = trackedChanges()
    const [port, mockPort] = [await freePort(), await freePort()]

    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...database.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      STRIPE_MOCK_PORT: String(mockPort),
      SCHEDULER_INTERVAL_MS: '0',
    }
    // As in a newcomer's shell: npm start chooses the log levels, the local mock is the Stripe.
    for (const name of ['LOG_LEVEL', 'VITE_LOG_LEVEL', 'STRIPE_API_BASE', 'STRIPE_SECRET_KEY']) {
      delete childEnv[name]
    }
    const npm = spawn('npm', ['start'], {
      cwd: app.makePath(),
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const chunks: Buffer[] = []
    npm.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    npm.stderr.on('data', (chunk: Buffer) => chunks.push(chunk))
    const output = () => stripVTControlCharacters(Buffer.concat(chunks).toString('utf8'))
    const exited = new Promise<void>((resolve) => npm.once('exit', () => resolve()))
    cleanup(() => {
      for (const pid of descendants(npm.pid!)) process.kill(pid, 'SIGKILL')
      npm.kill('SIGKILL')
    })

    const url = await waitFor(
      'the address line',
      async () => {
        if (npm.exitCode !== null) throw new Error(`npm start ended:\n${output()}`)
        return /running at (http:\/\/\S+)/.exec(output())?.[1] ?? null
      },
      CHILD_LIMIT_MS,
      100
    )
    assert.equal(url, `http://127.0.0.1:${port}`)
    const live = await fetch(`${url}/health/live`)
    assert.equal(live.status, 200)
    assert.isTrue(await listening(mockPort), 'the local Stripe mock listens on STRIPE_MOCK_PORT')

    const lines = output()
      .split('\n')
      .filter((line) => line.trim() !== '')
    assert.isBelow(lines.length, 15, output())
    assert.include(output(), 'demo-market-2026')
    assert.include(output(), 'owner@demo.example.com')
    assert.notMatch(output(), /Scanned table|migrat|schema classes|\[vite\]/i)

    const started = descendants(npm.pid!)
    assert.isAbove(started.length, 0)
    const stopAt = Date.now()
    npm.kill('SIGTERM')
    await exited
    await waitFor(
      'every process npm start started to end',
      async () => started.every((pid) => !alive(pid)),
      5000,
      50
    )
    assert.isBelow(Date.now() - stopAt, 5000)
    assert.isFalse(await listening(port), 'the server is gone')
    assert.isFalse(await listening(mockPort), 'the Stripe mock is gone')

    if (before !== null) assert.equal(trackedChanges(), before, 'npm start changed tracked files')
  }).timeout(CHILD_LIMIT_MS + 30_000)
})
