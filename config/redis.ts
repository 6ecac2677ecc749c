import env from '#start/env'
import { defineConfig } from '@adonisjs/redis'

/**
 * Redis, when several instances share the market (REDIS_URL, e.g.
 * redis://127.0.0.1:6379/0): sessions and rate-limit counters move there so
 * that any instance answers any request. Without REDIS_URL nothing connects.
 */
function connectionFromUrl(url: string | undefined) {
  const parsed = new URL(url ?? 'redis://127.0.0.1:6379/0')
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number(parsed.pathname.slice(1) || 0),
    keyPrefix: env.get('REDIS_KEY_PREFIX', 'market:'),
    lazyConnect: true,
    maxRetriesPerRequest: 3,
  }
}

const redisConfig = defineConfig({
  connection: 'main',
  connections: {
    main: connectionFromUrl(env.get('REDIS_URL')),
  },
})

export default redisConfig

declare module '@adonisjs/redis/types' {
  export interface RedisConnections extends InferConnections<typeof redisConfig> {}
}
