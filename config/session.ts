import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'
import { appUrl } from '#config/app'

/**
 * Sessions live in an encrypted, HttpOnly, SameSite=Lax cookie; the id
 * rotates at login (the auth session guard regenerates it).
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
  store: env.get('SESSION_DRIVER', 'cookie'),
  stores: {
    cookie: stores.cookie(),
  },
})

export default sessionConfig
