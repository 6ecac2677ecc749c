/*
 * A fresh clone has no .env. Every entry point (server, ace, tests) imports this
 * first so that the app starts with sane local defaults and freshly generated
 * secrets that are written to .env once (never committed) and reused afterwards:
 * APP_KEY, and the webhook signing secret of the local Stripe mock
 * (STRIPE_WEBHOOK_SECRET), which an installation made before it existed gets
 * added to its .env on its next start. The port is not pinned there: the
 * server listens on PORT from the environment, else 3333. Nothing is written
 * in production.
 */
import { randomBytes } from 'node:crypto'
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'

const appRoot = new URL('../', import.meta.url)

/** A new webhook signing secret, shaped like Stripe's (`whsec_…`). */
export function generatedWebhookSecret() {
  return `whsec_${randomBytes(24).toString('base64url')}`
}

function withSecret(text: string, secret: string) {
  const line = `STRIPE_WEBHOOK_SECRET=${secret}`
  if (/^STRIPE_WEBHOOK_SECRET=.*$/m.test(text)) {
    return text.replace(/^STRIPE_WEBHOOK_SECRET=.*$/m, line)
  }
  const separator = text === '' || text.endsWith('\n') ? '' : '\n'
  return `${text}${separator}# The local Stripe mock's webhook signing secret, generated for this installation\n${line}\n`
}

export function ensureLocalEnvFile(root: URL = appRoot, environment = process.env) {
  if (environment.NODE_ENV === 'production') return
  const envFile = new URL('.env', root)
  const exampleFile = new URL('.env.example', root)
  if (!environment.APP_KEY && !existsSync(envFile)) {
    const example = existsSync(exampleFile) ? readFileSync(exampleFile, 'utf8') : 'APP_KEY=\n'
    const appKey = randomBytes(32).toString('base64url')
    const text = example
      .replace(/^APP_KEY=.*$/m, `APP_KEY=${appKey}`)
      .replace(/^PORT=(.*)$/m, '# PORT=$1 (the default; set PORT in the environment for another)')
    writeFileSync(envFile, withSecret(text, generatedWebhookSecret()), { mode: 0o600 })
    return
  }
  if (environment.STRIPE_WEBHOOK_SECRET || !existsSync(envFile)) return
  const text = readFileSync(envFile, 'utf8')
  if (/^STRIPE_WEBHOOK_SECRET=\S/m.test(text)) return
  if (/^STRIPE_WEBHOOK_SECRET=/m.test(text)) {
    writeFileSync(envFile, withSecret(text, generatedWebhookSecret()))
  } else {
    appendFileSync(envFile, withSecret(text, generatedWebhookSecret()).slice(text.length))
  }
}

ensureLocalEnvFile()
