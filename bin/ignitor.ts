/*
 * The one place where the application is ignited; the server, ace and test
 * entry points only choose what to run on it.
 */
import './env_defaults.js'
import 'reflect-metadata'
import { Ignitor } from '@adonisjs/core'
import { shutDown } from './shutdown.js'

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

export function createIgnitor() {
  return new Ignitor(APP_ROOT, { importer: IMPORTER }).tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    // The server stops within seconds, whatever connections clients left open (bin/shutdown.ts).
    app.listen('SIGTERM', () => shutDown(app))
    app.listenIf(app.managedByPm2, 'SIGINT', () => shutDown(app))
  })
}
