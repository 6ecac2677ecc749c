/*
 * How a server process stops on SIGTERM (and SIGINT under pm2): within a few
 * seconds, whatever connections a client left open.
 *
 * Node's `server.close()` stops accepting and closes the keep-alive
 * connections idle at that moment — but not one that is in the middle of a
 * request, nor one that sent half a request and went quiet (a load generator
 * stopped mid-flight): those held the server for the 60 s of its headers
 * timeout and longer. Here the idle connections are closed at once and again
 * as requests finish, in-flight requests get DRAIN_MS to finish, then every
 * connection left is closed; the application then terminates (its
 * terminating hooks: the scheduler, the process bus; the providers' shutdown:
 * database and Redis connections) and the process exits. Should any of that
 * hang, the process exits anyway after LIMIT_MS (code 1, logged). The exit is
 * explicit: started by `npm start` or as a cluster worker, the process keeps
 * an IPC channel to its parent, which alone would keep it running after the
 * application has terminated.
 *
 * The cluster primary (bin/cluster.ts) passes the signal on to its workers
 * and exits once they are gone; its own grace is longer than LIMIT_MS.
 */
import type { ApplicationService } from '@adonisjs/core/types'

/** How long requests in flight may take to finish after the signal. */
export const DRAIN_MS = 2000
/** When the process exits whatever is still running. */
export const LIMIT_MS = 5000

export async function shutDown(app: ApplicationService) {
  // Ace commands and the test runner terminate as the framework does.
  if (app.getEnvironment() !== 'web') return app.terminate()
  const limit = setTimeout(() => {
    console.error(
      `server process ${process.pid} not stopped ${LIMIT_MS} ms after the signal: exiting`
    )
    process.exit(1)
  }, LIMIT_MS)
  limit.unref()

  const server = await app.container.make('server')
  const nodeServer = server.getNodeServer()
  let drain: NodeJS.Timeout | undefined
  let sweep: NodeJS.Timeout | undefined
  if (nodeServer) {
    // Keep-alive connections become idle as their requests finish: closed as soon as they are.
    nodeServer.closeIdleConnections()
    sweep = setInterval(() => nodeServer.closeIdleConnections(), 100)
    drain = setTimeout(() => {
      clearInterval(sweep)
      nodeServer.closeAllConnections()
    }, DRAIN_MS)
  }
  try {
    // Closes the HTTP server (app/terminating hook of the HTTP process), then the providers.
    await app.terminate()
  } catch (error) {
    console.error(error)
    process.exitCode = 1
  } finally {
    clearInterval(sweep)
    clearTimeout(drain)
  }
  process.exit()
}
