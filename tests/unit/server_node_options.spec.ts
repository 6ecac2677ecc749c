import { test } from '@japa/runner'
import { SERVER_NODE_OPTIONS, serverExecArgv } from '../../bin/cluster.js'

test.group('The Node options of a server process', () => {
  test('a worker is started with the young generation capped at 16 MB per semi-space', ({
    assert,
  }) => {
    assert.deepEqual(SERVER_NODE_OPTIONS, ['--max-semi-space-size=16'])
    assert.deepEqual(serverExecArgv(['--enable-source-maps']), [
      '--enable-source-maps',
      '--max-semi-space-size=16',
    ])
  })

  test('a cap the operator set, in the command line or in NODE_OPTIONS, is kept and not repeated', ({
    assert,
  }) => {
    assert.deepEqual(serverExecArgv(['--max-semi-space-size=32']), ['--max-semi-space-size=32'])
    assert.deepEqual(serverExecArgv([], '--enable-source-maps --max-semi-space-size=8'), [])
  })
})
