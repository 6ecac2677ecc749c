/*
 * A fresh clone has no .env. Every entry point (server, ace, tests) imports this
 * first so that the app starts with sane local defaults and a freshly generated
 * APP_KEY that is written to .env once (never committed) and reused afterwards.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'

const appRoot = new URL('../', import.meta.url)
const envFile = new URL('.env', appRoot)
const exampleFile = new URL('.env.example', appRoot)

export function ensureLocalEnvFile() {
  if (process.env.APP_KEY || existsSync(envFile) || process.env.NODE_ENV === 'production') {
    return
  }
  const example = existsSync(exampleFile) ? readFileSync(exampleFile, 'utf8') : 'APP_KEY=\n'
  const appKey = randomBytes(32).toString('base64url')
  writeFileSync(envFile, example.replace(/^APP_KEY=.*$/m, `APP_KEY=${appKey}`), { mode: 0o600 })
}

ensureLocalEnvFile()
