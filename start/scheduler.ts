/*
 * The running server ticks on an interval (SCHEDULER_INTERVAL_MS, default one
 * minute; 0 turns it off), so that deadlines pass without an operator. With
 * several server processes on one machine (bin/cluster.ts) only one of them
 * ticks (MARKET_WORKER_TICKS); several instances on several machines may all
 * tick: the transitions lock their rows and happen once.
 */
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import { runTick } from '#actions/market_tick'

const interval = env.get('SCHEDULER_INTERVAL_MS', 60_000)

if (interval > 0 && env.get('MARKET_WORKER_TICKS', true)) {
  logger.debug(`the scheduler ticks in this process (pid ${process.pid}) every ${interval} ms`)
  let running = false
  const timer = setInterval(async () => {
    // One tick at a time per instance; a slow tick is not stacked.
    if (running) return
    running = true
    try {
      const report = await runTick()
      if (Object.values(report).some((count) => count > 0)) logger.info({ report }, 'market tick')
      else logger.debug('market tick: nothing due')
    } catch (error) {
      logger.error({ err: error }, 'market tick failed')
    } finally {
      running = false
    }
  }, interval)
  timer.unref()
  app.terminating(() => clearInterval(timer))
}
