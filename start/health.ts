import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import { DbCheck } from '@adonisjs/lucid/database'
import { RedisCheck } from '@adonisjs/redis'
import { HealthChecks, MemoryHeapCheck } from '@adonisjs/core/health'
import env from '#start/env'

/**
 * The Redis connection, connected: it connects lazily (config/redis.ts), so in
 * a process whose requests have not needed Redis yet (a guest's session is not
 * read) it is still waiting, which the check would report as a failure.
 */
async function redisConnection() {
  const connection = redis.connection()
  if (connection.status === 'wait') {
    // A refused connection is reported by the check itself (its last error).
    await connection.ioConnection.connect().catch(() => {})
  }
  return connection
}

/**
 * Readiness: the process can serve requests only if its database answers —
 * and, when instances share sessions and rate limits there, Redis too. The
 * checks take the connection at each run (a check built once would keep the
 * connection of its first caller, e.g. a test's transaction long gone).
 */
export async function healthChecks() {
  const heapLimit = env.get('HEALTH_HEAP_FAIL_MB', 500)
  return new HealthChecks().register([
    new DbCheck(db.connection()),
    ...(env.get('REDIS_URL') ? [new RedisCheck(await redisConnection())] : []),
    new MemoryHeapCheck()
      .warnWhenExceeds(`${Math.round(heapLimit / 2)} mb`)
      .failWhenExceeds(`${heapLimit} mb`),
  ])
}
