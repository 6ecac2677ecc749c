/*
 * Test runner entry point (`node ace test`, `npm test`): boots the app in the
 * test environment and runs the Japa suites declared in adonisrc.ts.
 */
process.env.NODE_ENV = 'test'

import { prettyPrintError } from '@adonisjs/core'
import { configure, processCLIArgs, run } from '@japa/runner'
import { createIgnitor } from './ignitor.js'

/**
 * Deliberately failing specs (tests/fixtures/) that the processes suite runs
 * in a child process to prove that a broken setup fails the run. The suite
 * exists only when named on the command line (`node ace test fixtures`), so
 * a normal run never picks it up.
 */
const FIXTURES_SUITE = { name: 'fixtures', files: ['tests/fixtures/**/*.spec.ts'], timeout: 5000 }

/** Japa's options that take a value: the word after them is not a suite name. */
const VALUE_FLAGS = new Set([
  '--tests',
  '--groups',
  '--tags',
  '--files',
  '--timeout',
  '--retries',
  '--reporters',
  '--bail-layer',
])

function namesSuite(argv: string[], name: string) {
  return argv.some((word, index) => word === name && !VALUE_FLAGS.has(argv[index - 1] ?? ''))
}

createIgnitor()
  .testRunner()
  .configure(async (app) => {
    const { runnerHooks, ...config } = await import('../tests/bootstrap.js')

    const argv = process.argv.splice(2)
    processCLIArgs(argv)
    const suites: { name: string; files: string | string[]; timeout?: number }[] = [
      ...app.rcFile.tests.suites,
      ...(namesSuite(argv, FIXTURES_SUITE.name) ? [FIXTURES_SUITE] : []),
    ]
    configure({
      ...app.rcFile.tests,
      suites,
      ...config,
      ...{
        setup: runnerHooks.setup,
        teardown: runnerHooks.teardown.concat([() => app.terminate()]),
      },
    })
  })
  .run(() => run())
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
