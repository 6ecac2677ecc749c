import env from '#start/env'
import { defineConfig, store, drivers } from '@adonisjs/cache'

/**
 * The cache of public lists (catalog, directory, project list, home figures):
 * data rows, never rendered pages. One process keeps them in its memory;
 * with REDIS_URL (several instances) each instance keeps a memory copy (L1)
 * in front of Redis (L2), and the Redis bus tells every instance to drop its
 * copy when another one invalidates a tag. Writes invalidate by tag after
 * their transaction commits (app/services/public_cache.ts); the TTL is only a
 * safety net for changes that come with time (a ban ending, a separate
 * `node ace` process writing while a memory-only server runs). The store
 * `pages` keeps the public parts of record pages the same way.
 */
const ttl = '60s'
// Keys and bus messages carry the market's prefix, so two markets may share one Redis.
const prefix = `${env.get('REDIS_KEY_PREFIX', 'market:')}lists`
const pagesPrefix = `${env.get('REDIS_KEY_PREFIX', 'market:')}pages`

const defaultStore = env.get('CACHE_STORE', env.get('REDIS_URL') ? 'redis' : 'memory')

const cacheConfig = defineConfig({
  default: defaultStore,
  ttl,
  stores: {
    memory: store({ prefix }).useL1Layer(drivers.memory({ maxSize: '64mb' })),
    redis: store({ prefix })
      .useL1Layer(drivers.memory({ maxSize: '64mb' }))
      .useL2Layer(drivers.redis({ connectionName: 'main', prefix: 'lists' }))
      .useBus(drivers.redisBus({ connectionName: 'main' })),
    /*
     * The public parts of the project and agency pages (cachedPagePart in
     * app/services/public_cache.ts): rendered HTML, at most 32 MB of it in
     * this process's memory (the items also count the tags' invalidation
     * entries, one per record read); when the lists are in Redis, in front of
     * Redis with its bus like them, so that a write on any instance drops
     * every instance's copy.
     */
    pages:
      defaultStore === 'redis'
        ? store({ prefix: pagesPrefix })
            .useL1Layer(drivers.memory({ maxSize: '32mb', maxItems: 5000 }))
            .useL2Layer(drivers.redis({ connectionName: 'main', prefix: 'pages' }))
            .useBus(drivers.redisBus({ connectionName: 'main' }))
        : store({ prefix: pagesPrefix }).useL1Layer(
            drivers.memory({ maxSize: '32mb', maxItems: 5000 })
          ),
  },
})

export default cacheConfig

declare module '@adonisjs/cache/types' {
  interface CacheStores extends InferStores<typeof cacheConfig> {}
}
