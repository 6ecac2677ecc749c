import env from '#start/env'
import { defineConfig, stores } from '@adonisjs/limiter'
import { autocommitDatabaseStore } from '#services/rate_limit_store'

/**
 * Counters live in the database by default so that every instance shares
 * them, in Redis when REDIS_URL is set; tests use memory.
 */
const limiterConfig = defineConfig({
  default: env.get('LIMITER_STORE', env.get('REDIS_URL') ? 'redis' : 'database'),
  stores: {
    redis: stores.redis({ connectionName: 'main' }),
    // The library's database store, counting without a transaction (app/services/rate_limit_store.ts).
    database: autocommitDatabaseStore({
      tableName: 'rate_limits',
    }),
    memory: stores.memory({}),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
