import db from '@adonisjs/lucid/services/db'
import { DbCheck } from '@adonisjs/lucid/database'
import { HealthChecks, MemoryHeapCheck } from '@adonisjs/core/health'

/**
 * Readiness: the process can serve requests only if its database answers.
 */
export const healthChecks = new HealthChecks().register([
  new DbCheck(db.connection()),
  new MemoryHeapCheck().warnWhenExceeds('250 mb').failWhenExceeds('500 mb'),
])
