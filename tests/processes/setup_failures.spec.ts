import { test } from '@japa/runner'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import app from '@adonisjs/core/services/app'
import { CHILD_LIMIT_MS, freePort, runAce, type Finished } from '#tests/child_processes'

/*
 * A broken setup fails the run: `node ace test` runs the deliberately broken
 * specs of tests/fixtures/ (the `fixtures` suite, which exists only when named)
 * in a child process, on a SQLite file of its own, and the run must exit
 * non-zero, name what broke and count the tests it could not run as failed,
 * both in Japa's summary and in the CI's closing "N passed, N failed".
 */

const FIXTURE = 'tests/fixtures/failing_setups.spec.ts'

async function runFixtures(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<Finished> {
  const database = app.makePath('tmp', `fixtures-${process.pid}.sqlite3`)
  try {
    const result = await runAce(['test', 'fixtures', `--files=${FIXTURE}`, ...args], {
      ...process.env,
      NODE_ENV: 'test',
      DB_CONNECTION: 'sqlite',
      SQLITE_FILE: database,
      PORT: String(await freePort()),
      ...extra,
    })
    return { ...result, output: stripVTControlCharacters(result.output) }
  } finally {
    for (const suffix of ['', '-journal', '-wal', '-shm'])
      rmSync(database + suffix, { force: true })
  }
}

/** What `.ci/run` reads from a run's log and exit code: "N passed, N failed". */
function ciTally(output: string, code: number | null) {
  const folder = mkdtempSync(join(tmpdir(), 'ci-tally-'))
  try {
    const log = join(folder, 'run.log')
    writeFileSync(log, output)
    const tally = spawnSync('bash', [app.makePath('.ci', 'tally'), log, String(code)], {
      encoding: 'utf8',
    })
    if (tally.status !== 0) throw new Error(`.ci/tally failed: ${tally.stderr}`)
    return tally.stdout.trim()
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

test.group('A broken setup fails the test run', () => {
  test('a throwing group setup fails each test of its group, names the group, and the run exits non-zero', async ({
    assert,
  }) => {
    const run = await runFixtures([])

    assert.equal(run.code, 1, run.output)
    // Every test of the broken group is reported as failed, not left out of the count.
    assert.match(run.output, /✖ a test that would pass if its group had been set up/)
    assert.match(run.output, /✖ a second test of the same group/)
    assert.include(
      run.output,
      'The setup of group "Fixture: a group whose setup throws" failed, so this test did not run: the fixture group setup broke'
    )
    // The hooks after the failing one do not run on a half-built group.
    assert.notInclude(run.output, 'later-group-setup-ran')
    // A throwing each.setup and a throwing test.setup fail their test, too.
    assert.match(run.output, /✖ a test whose group each\.setup throws/)
    assert.include(run.output, 'the fixture each.setup broke')
    assert.match(run.output, /✖ a test whose setup throws/)
    assert.include(run.output, 'the fixture test.setup broke')
    assert.match(run.output, /✔ a test that passes/)
    assert.match(run.output, /Tests\s+1 passed, 4 failed \(5\)/)
    assert.equal(ciTally(run.output, run.code), '1 passed, 4 failed')
  }).timeout(CHILD_LIMIT_MS)

  test('a runner setup hook that throws (the test database cannot be reached) fails the run and passes nothing', async ({
    assert,
  }) => {
    const closedPort = await freePort()
    const run = await runFixtures([], {
      DB_CONNECTION: 'mysql',
      DB_HOST: '127.0.0.1',
      DB_PORT: String(closedPort),
      DB_USER: 'nobody',
      DB_PASSWORD: '',
      DB_DATABASE: 'no_database',
    })

    assert.notEqual(run.code, 0, run.output)
    assert.include(run.output, `ECONNREFUSED 127.0.0.1:${closedPort}`)
    assert.notMatch(run.output, /\d+ passed/)
    assert.equal(ciTally(run.output, run.code), '0 passed, 1 failed')
  }).timeout(CHILD_LIMIT_MS)

  test('the fixtures run only when named, and pass when only their healthy group runs', async ({
    assert,
  }) => {
    const globs = app.rcFile.tests.suites.flatMap((suite) => suite.files)
    assert.isNotEmpty(globs)
    for (const glob of globs) assert.notInclude(String(glob), 'fixtures')

    const run = await runFixtures(['--groups=Fixture: a healthy group'])
    assert.equal(run.code, 0, run.output)
    assert.match(run.output, /Tests\s+1 passed \(1\)/)
    assert.equal(ciTally(run.output, run.code), '1 passed, 0 failed')
  }).timeout(CHILD_LIMIT_MS)
})
