import { test } from '@japa/runner'
import { SERVER_NODE_OPTIONS, serverEnvironment, serverExecArgv } from '../../bin/cluster.js'

test.group('The Node options of a server process', () => {
  test('a worker is started with the young generation capped at 16 MB per semi-space and the old at 384 MB', ({
    assert,
  }) => {
    assert.deepEqual(SERVER_NODE_OPTIONS, ['--max-semi-space-size=16', '--max-old-space-size=384'])
    assert.deepEqual(serverExecArgv(['--enable-source-maps']), [
      '--enable-source-maps',
      '--max-semi-space-size=16',
      '--max-old-space-size=384',
    ])
  })

  test('a cap the operator set, in the command line or in NODE_OPTIONS, is kept and not repeated', ({
    assert,
  }) => {
    assert.deepEqual(serverExecArgv(['--max-semi-space-size=32']), [
      '--max-semi-space-size=32',
      '--max-old-space-size=384',
    ])
    assert.deepEqual(
      serverExecArgv([], '--enable-source-maps --max-semi-space-size=8 --max-old-space-size=1024'),
      []
    )
  })

  test('a worker gets malloc limited to 2 arenas unless the operator set MALLOC_ARENA_MAX', ({
    assert,
  }) => {
    assert.deepEqual(serverEnvironment({}), { MALLOC_ARENA_MAX: '2' })
    assert.deepEqual(serverEnvironment({ MALLOC_ARENA_MAX: '4' }), {})
  })
})
