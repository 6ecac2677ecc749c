import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { configProvider } from '@adonisjs/core'
import type { ConfigProvider } from '@adonisjs/core/types'
import { defineConfig, stores } from '@adonisjs/session'
import type { SessionStoreFactory } from '@adonisjs/session/types'
import { appUrl } from '#config/app'

/**
 * Sessions live on the server — in the market's database (table `sessions`),
 * or in Redis when several instances share the market (REDIS_URL) — behind an
 * HttpOnly, SameSite=Lax cookie that carries only the session id. Logging out
 * deletes the server's copy, so a copied cookie opens nothing afterwards
 * (a cookie store could not be revoked). The id rotates at login and logout.
 * Password changes and suspensions end a user's other sessions through the
 * user's session epoch (app/services/session_epoch.ts), whatever the store.
 */
/**
 * A request without the session cookie has nothing stored under the fresh id
 * the session gives it: the store is not asked (a guest reading public pages,
 * a crawler, costs the sessions table or Redis nothing — not even a read). A
 * request with the cookie reads its session as usual.
 */
function readOnlyWithCookie(store: ConfigProvider<SessionStoreFactory>) {
  return configProvider.create<SessionStoreFactory>(async (resolving) => {
    const factory = await store.resolver(resolving)
    return (ctx, sessionConfig) => {
      const inner = factory(ctx, sessionConfig)
      if (ctx.request.cookie(sessionConfig.cookieName) !== undefined) return inner
      return new Proxy(inner, {
        get(target, property) {
          if (property === 'read') return async () => null
          const value = Reflect.get(target, property, target)
          return typeof value === 'function' ? value.bind(target) : value
        },
      })
    }
  })
}

const sessionConfig = defineConfig({
  enabled: true,
  cookieName: 'market-session',
  clearWithBrowser: false,
  age: '2h',
  cookie: {
    path: '/',
    httpOnly: true,
    secure: app.inProduction && appUrl.startsWith('https://'),
    sameSite: 'lax',
  },
  // With REDIS_URL the sessions live in Redis, shared by every instance; otherwise in the database.
  store: env.get('SESSION_DRIVER', env.get('REDIS_URL') ? 'redis' : 'database'),
  stores: {
    database: readOnlyWithCookie(stores.database({ tableName: 'sessions' })),
    redis: readOnlyWithCookie(stores.redis({ connection: 'main' })),
    // Not revocable: a copied cookie stays valid until it expires. Kept for setups without a server-side store.
    cookie: stores.cookie(),
  },
})

export default sessionConfig
