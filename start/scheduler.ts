/*
 * The running server ticks on an interval (SCHEDULER_INTERVAL_MS, default one
 * minute; 0 turns it off), so that deadlines pass without an operator. Every
 * instance may tick: the transitions lock their rows and happen once.
 */
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import { runTick } from '#actions/market_tick'

const interval = env.get('SCHEDULER_INTERVAL_MS', 60_000)

if (interval > 0) {
  let running = false
  const timer = setInterval(async () => {
    // One tick at a time per instance; a slow tick is not stacked.
    if (running) return
    running = true
    try {
      const report = await runTick()
      if (Object.values(report).some((count) => count > 0)) logger.info({ report }, 'market tick')
    } catch (error) {
      logger.error({ err: error }, 'market tick failed')
    } finally {
      running = false
    }
  }, interval)
  timer.unref()
  app.terminating(() => clearInterval(timer))
}
