/*
 * HTTP server entry point (`node ace serve` and `npm start` run it).
 */
import { prettyPrintError } from '@adonisjs/core'
import { createIgnitor } from './ignitor.js'

/*
 * Started by `npm start` or `node ace serve`, the server talks to its parent over
 * an IPC channel. When the parent is gone, even killed with SIGKILL, the channel
 * closes: the server then stops as on SIGTERM instead of living on alone.
 */
if (process.send) process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'))

createIgnitor()
  .httpServer()
  .start()
  .catch(async (error) => {
    await prettyPrintError(error)
    // A server that cannot start (its port taken…) ends instead of holding on to the database,
    // the Stripe mock and the scheduler it already started.
    process.exit(1)
  })
