import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, targets } from '@adonisjs/core/logger'

/**
 * Keys whose values never reach a log line, wherever they sit in a logged
 * object (up to three levels deep: a request body, its headers, an error's
 * fields): passwords, ID-card numbers, sealed quotes and nonces before
 * opening, draw seeds, access tokens and tracking codes, Stripe secrets and
 * signatures, cookies.
 */
export const REDACTED_KEYS = [
  'password',
  'passwordConfirmation',
  'password_confirmation',
  'currentPassword',
  'newPassword',
  'idNumber',
  'id_number',
  'quoteFen',
  'quote_fen',
  'quoteEncrypted',
  'quote_encrypted',
  'nonce',
  'nonceEncrypted',
  'nonce_encrypted',
  'seed',
  'drawSeed',
  'drawSeedEncrypted',
  'draw_seed_encrypted',
  'token',
  'accessToken',
  'access_token',
  'trackingCode',
  'secret',
  'clientSecret',
  'client_secret',
  'secretKey',
  'webhookSecret',
  'apiKey',
  'authorization',
  'cookie',
  'set-cookie',
  'stripe-signature',
  'x-csrf-token',
  '_csrf',
]

function redactPaths(keys: string[]) {
  const path = (prefix: string, key: string) =>
    /^[A-Za-z_$][\w$]*$/.test(key) ? `${prefix}${prefix ? '.' : ''}${key}` : `${prefix}["${key}"]`
  return keys.flatMap((key) => ['', '*', '*.*'].map((prefix) => path(prefix, key)))
}

const loggerConfig = defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: 'intermediary-market',
      level: env.get('LOG_LEVEL', app.inTest ? 'silent' : 'info'),
      redact: { paths: redactPaths(REDACTED_KEYS), censor: '[redacted]' },
      transport: {
        targets: targets()
          .pushIf(app.inDev, targets.pretty())
          .pushIf(!app.inDev, targets.file({ destination: 1 }))
          .toArray(),
      },
    },
  },
})

export default loggerConfig

declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}
