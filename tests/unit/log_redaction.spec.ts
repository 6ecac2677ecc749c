import { test } from '@japa/runner'
import { Writable } from 'node:stream'
import { Logger } from '@adonisjs/core/logger'
import loggerConfig, { REDACTED_KEYS } from '#config/logger'

/** The application's logger configuration writing into memory, at every level. */
function capturingLogger() {
  const lines: string[] = []
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString())
      done()
    },
  })
  // The same options without the transport (stdout): pino writes to the memory stream.
  const config = { ...loggerConfig.loggers.app, transport: undefined }
  const logger = new Logger({ ...config, level: 'trace', destination } as any)
  return { logger, text: () => lines.join('') }
}

test.group('Log redaction', () => {
  test('secrets are censored wherever they sit: top level, a request body, its headers, an error', ({
    assert,
  }) => {
    const { logger, text } = capturingLogger()
    const secrets = {
      password: 'pw-top-level-9f2c',
      idNumber: '11010519491231002X',
      quoteFen: 6_123_457,
      nonce: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
      token: 'oat_MTIz.c2VjcmV0LXRva2VuLXZhbHVl',
      clientSecret: 'pi_123_secret_456',
      authorization: 'Bearer oat_NDU2.YW5vdGhlci10b2tlbg',
      cookie: 'adonis-session=s%3Aeyabc',
      stripeSignature: 't=1,v1=deadbeefcafe',
      secretKey: 'sk_test_redaction_check',
    }
    logger.info({ password: secrets.password, quoteFen: secrets.quoteFen }, 'top level')
    logger.warn(
      {
        request: {
          body: { email: 'a@example.com', password: secrets.password, idNumber: secrets.idNumber },
          headers: {
            'authorization': secrets.authorization,
            'cookie': secrets.cookie,
            'stripe-signature': secrets.stripeSignature,
          },
        },
      },
      'nested'
    )
    logger.debug({ bid: { nonce: secrets.nonce, quoteFen: secrets.quoteFen } }, 'a bid')
    logger.trace({ payment: { clientSecret: secrets.clientSecret }, token: secrets.token }, 'pay')
    logger.error({ err: Object.assign(new Error('boom'), { secretKey: secrets.secretKey }) }, 'err')

    const output = text()
    assert.include(output, 'a@example.com')
    assert.include(output, '[redacted]')
    for (const [name, value] of Object.entries(secrets)) {
      assert.notInclude(output, String(value), `${name} reached the log`)
    }
  })

  test('the list covers passwords, ID numbers, quotes, nonces, tokens, cookies and Stripe secrets', ({
    assert,
  }) => {
    for (const key of [
      'password',
      'idNumber',
      'quoteFen',
      'nonce',
      'token',
      'authorization',
      'cookie',
      'set-cookie',
      'clientSecret',
      'client_secret',
      'stripe-signature',
      'secretKey',
    ]) {
      assert.include(REDACTED_KEYS, key)
    }
  })
})
