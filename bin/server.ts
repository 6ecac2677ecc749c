/*
 * HTTP server entry point (`node ace serve` and `npm start` run it).
 *
 * With WEB_CONCURRENCY above 1 (by default, one per core in production on
 * MySQL), this process becomes the primary of a node:cluster and each worker
 * runs the application (bin/cluster.ts).
 */
import cluster from 'node:cluster'
import { prettyPrintError } from '@adonisjs/core'
import { runPrimary, webConcurrency } from './cluster.js'

const workers = cluster.isPrimary ? webConcurrency(new URL('../', import.meta.url)) : 1

if (cluster.isPrimary && workers > 1) {
  runPrimary(workers)
} else {
  /*
   * Started by `npm start` or `node ace serve` (or as a cluster worker), the server talks to
   * its parent over an IPC channel. When the parent is gone, even killed with SIGKILL, the
   * channel closes: the server then stops as on SIGTERM instead of living on alone.
   */
  if (process.send) process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'))

  const { createIgnitor } = await import('./ignitor.js')
  createIgnitor()
    .httpServer()
    .start()
    .catch(async (error) => {
      await prettyPrintError(error)
      // A server that cannot start (its port taken…) ends instead of holding on to the database,
      // the Stripe mock and the scheduler it already started.
      process.exit(1)
    })
}
