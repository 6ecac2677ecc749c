/*
 * SIGTERM stops the server within a few seconds, after a load generator left
 * keep-alive connections open: idle ones, and one that sent half a request
 * and went quiet. The server (bin/server.ts, as `npm start` starts it, on a
 * database of its own) stops accepting, lets what is in flight finish, closes
 * the connections left, the database and the timers, and exits with code 0 —
 * one process, and a cluster whose primary passes the signal on.
 */
import { test } from '@japa/runner'
import { Agent, request } from 'node:http'
import { connect, type Socket } from 'node:net'
import {
  dedicatedMarket,
  startServer,
  type ChildServer,
  type DedicatedMarket,
} from '#tests/child_processes'

/** What the server must take at most, from SIGTERM to its exit. */
const STOP_LIMIT_MS = 6000

/** `count` requests over a keep-alive agent: their connections stay open, idle, afterwards. */
async function keepAliveConnections(url: string, count: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: count })
  await Promise.all(
    Array.from(
      { length: count },
      (_, index) =>
        new Promise<void>((resolve, reject) => {
          const outgoing = request(
            `${url}/health/live?n=${index}`,
            { agent, headers: { connection: 'keep-alive' } },
            (incoming) => {
              incoming.resume()
              incoming.on('end', () => resolve())
            }
          )
          outgoing.on('error', reject)
          outgoing.end()
        })
    )
  )
  return agent
}

/** A connection that sent the first line of a request and nothing more. */
function halfRequest(port: number) {
  return new Promise<Socket>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n')
      resolve(socket)
    })
    socket.on('error', reject)
  })
}

async function stopsWithinLimit(server: ChildServer, assert: any) {
  const agent = await keepAliveConnections(server.url, 8)
  const half = await halfRequest(server.port)
  // The half-sent request reaches the server before the signal.
  await new Promise((resolve) => setTimeout(resolve, 200))
  const started = Date.now()
  server.process.kill('SIGTERM')
  const finished = await Promise.race([
    server.finished,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), STOP_LIMIT_MS + 5000).unref()),
  ])
  const took = Date.now() - started
  agent.destroy()
  half.destroy()
  if (finished === null) {
    await server.kill()
    assert.fail(`the server still ran ${took} ms after SIGTERM:\n${server.output().slice(-3000)}`)
    return
  }
  assert.isAtMost(took, STOP_LIMIT_MS, finished.output.slice(-3000))
  assert.equal(finished.code, 0, finished.output.slice(-3000))
}

test.group('SIGTERM stops the server, keep-alive connections open', (group) => {
  let market: DedicatedMarket
  group.setup(async () => {
    market = await dedicatedMarket('shutdown')
    return () => market.drop()
  })

  test('one server process, its scheduler ticking, exits with code 0 within 6 s of SIGTERM', async ({
    assert,
  }) => {
    const server = await startServer(market, { SCHEDULER_INTERVAL_MS: '60000' })
    await stopsWithinLimit(server, assert)
  })

  test('a cluster of two workers exits with code 0 within 6 s of SIGTERM to its primary', async ({
    assert,
  }) => {
    const server = await startServer(market, { WEB_CONCURRENCY: '2' })
    await stopsWithinLimit(server, assert)
  })
})
