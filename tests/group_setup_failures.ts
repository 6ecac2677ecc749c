/*
 * A group whose setup throws must fail its tests, not lose them.
 *
 * Japa runs no test of such a group: it prints the hook's error once, and the
 * summary line ("Tests  N passed (N)") neither counts the group's tests nor
 * says that anything failed, so a reader of that line (or of the CI's closing
 * "N passed, N failed") sees a green run with fewer tests in it. Here the
 * group's setup error is kept instead, and every test of the group then fails
 * in its own setup with an error that names the group and carries the cause:
 * the tests count as failed, the run exits non-zero and the summary says so.
 * The same holds for a suite's setup (the functional suite's HTTP server).
 */
import type { Group, Suite } from '@japa/runner/core'

export class SetupFailedError extends Error {
  constructor(what: string, cause: unknown, repeated: boolean) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    const message = repeated
      ? `The setup of ${what} failed (its error is shown at the first test of the group), so this test did not run`
      : `The setup of ${what} failed, so this test did not run: ${reason}`
    super(message)
    this.name = 'SetupFailedError'
    // Point at the failing hook, not at this file (the cause's message is in ours).
    if (!repeated && cause instanceof Error && cause.stack) {
      this.stack = `${this.name}: ${message}\n${cause.stack.split('\n').slice(1).join('\n')}`
    }
  }
}

type Failure = { error: unknown; reported: boolean }

/**
 * Wraps the setup hooks registered on `target` (a group or a suite) so that a
 * throwing hook records its error instead of ending the group: the hooks
 * after it do not run, and each test then throws a SetupFailedError. A target
 * with no test to blame (an empty group) still fails the usual way.
 */
function keepSetupFailures(target: Group | Suite, hasTests: () => boolean): () => Failure | null {
  let failure: Failure | null = null
  const register = target.setup.bind(target) as (handler: (...args: any[]) => any) => unknown
  target.setup = ((handler: (...args: any[]) => any) => {
    register(async (...args: any[]) => {
      if (failure) return
      try {
        return await handler(...args)
      } catch (error) {
        if (!hasTests()) throw error
        failure = { error, reported: false }
      }
    })
    return target
  }) as typeof target.setup
  return () => failure
}

function failIfSetupFailed(what: string, failure: Failure | null) {
  if (!failure) return
  const repeated = failure.reported
  failure.reported = true
  throw new SetupFailedError(what, failure.error, repeated)
}

/** Installed on every suite by tests/bootstrap.ts, before any spec file is imported. */
export function failTestsOfBrokenSetups(suite: Suite) {
  const suiteFailure = keepSetupFailures(suite, () => suite.stack.length > 0)
  const checkSuite = () => failIfSetupFailed(`suite "${suite.name}"`, suiteFailure())
  suite.onTest((test) => test.setup(checkSuite))
  suite.onGroup((group) => {
    const groupFailure = keepSetupFailures(group, () => group.tests.length > 0)
    group.each.setup(() => {
      checkSuite()
      failIfSetupFailed(`group "${group.title}"`, groupFailure())
    })
  })
}
