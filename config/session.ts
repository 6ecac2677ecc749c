import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'
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
    database: stores.database({ tableName: 'sessions' }),
    redis: stores.redis({ connection: 'main' }),
    // Not revocable: a copied cookie stays valid until it expires. Kept for setups without a server-side store.
    cookie: stores.cookie(),
  },
})

export default sessionConfig
