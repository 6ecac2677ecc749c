import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/core/http'

/**
 * The app key encrypts cookies and sealed quotes; losing or changing it makes
 * them unreadable.
 */
export const appKey = env.get('APP_KEY')

export const appUrl =
  env.get('APP_URL') ?? `http://${env.get('HOST', '127.0.0.1')}:${env.get('PORT', 3333)}`

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: false,
  useAsyncLocalStorage: false,
  trustProxy: false,
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    // Secure cookies only where the site is served over https.
    secure: app.inProduction && appUrl.startsWith('https://'),
    sameSite: 'lax',
  },
})
