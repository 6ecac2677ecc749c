import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'
import { appUrl } from '#config/app'

/**
 * Sessions live in an encrypted, HttpOnly, SameSite=Lax cookie — or, when
 * several instances share the market (REDIS_URL), in Redis behind that
 * cookie; the id rotates at login (the auth session guard regenerates it).
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
  // With REDIS_URL the sessions live in Redis, shared by every instance (and revocable there).
  store: env.get('SESSION_DRIVER', env.get('REDIS_URL') ? 'redis' : 'cookie'),
  stores: {
    cookie: stores.cookie(),
    redis: stores.redis({ connection: 'main' }),
  },
})

export default sessionConfig
