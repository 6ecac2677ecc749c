import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import { productionKeyFiles } from '#tests/production_keys'
import { createServer } from 'node:net'
import app from '@adonisjs/core/services/app'

/** A TCP port that nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

async function waitUntilUp(url: string, timeoutMs: number) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`)
}

test.group('Health checks', () => {
  test('/health/live answers 200 and /health/ready reports the database as reachable', async ({
    client,
    assert,
  }) => {
    const live = await client.get('/health/live')
    live.assertStatus(200)
    const ready = await client.get('/health/ready')
    ready.assertStatus(200)
    assert.equal(ready.body().status, 'ok')
  })

  test('/health/ready answers 503 with the failing check when the database is unreachable, while /health/live stays up', async ({
    assert,
  }) => {
    const [httpPort, deadDatabasePort] = [await freePort(), await freePort()]
    const server = spawn(process.execPath, ['--import', '@poppinss/ts-exec', 'bin/server.ts'], {
      cwd: app.makePath(),
      env: {
        ...process.env,
        NODE_ENV: 'production',
        APP_KEY: 'health-check-test-key-not-a-secret-000000',
        HOST: '127.0.0.1',
        PORT: String(httpPort),
        DB_CONNECTION: 'mysql',
        DB_HOST: '127.0.0.1',
        DB_PORT: String(deadDatabasePort),
        LOG_LEVEL: 'silent',
        ...(await productionKeyFiles()),
      },
      stdio: 'ignore',
    })
    try {
      const base = `http://127.0.0.1:${httpPort}`
      await waitUntilUp(`${base}/health/live`, 20_000)

      const ready = await fetch(`${base}/health/ready`)
      assert.equal(ready.status, 503)
      const report = (await ready.json()) as {
        status: string
        checks: { name: string; status: string }[]
      }
      assert.equal(report.status, 'error')
      const databaseCheck = report.checks.find((check) => check.name.includes('Database'))
      assert.equal(databaseCheck?.status, 'error')
    } finally {
      server.kill('SIGTERM')
    }
  }).timeout(40_000)
})
