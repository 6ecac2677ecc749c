import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUserWithRole, TEST_PASSWORD } from '#database/factories/account_factories'
import SigningCertificate from '#models/signing_certificate'

test.group('A signer enrols a key in the browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the browser makes an unextractable P-256 key, keeps it in IndexedDB and gets its certificate with the password', async ({
    browserContext,
    assert,
  }) => {
    const owner = await createUserWithRole('owner')
    await browserContext.loginAs(owner)
    const page = await browserContext.visit('/account/signing-keys')
    await page.assertExists('[data-island="signing-key-enrolment"][data-mounted="true"]')

    // A wrong password first: the reason at the field, and no certificate.
    await page.getByLabel('登录密码').fill('not-the-password')
    await page.getByRole('button', { name: '在本浏览器生成密钥并登记' }).click()
    await page.assertTextContains('.signing-key-enrolment .field-error', '密码不正确')
    assert.isNull(await SigningCertificate.findBy('user_id', owner.id))

    await page.getByLabel('登录密码').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: '在本浏览器生成密钥并登记' }).click()
    await page.assertTextContains('main', '签名密钥已登记')
    const certificate = await SigningCertificate.findByOrFail('user_id', owner.id)
    assert.equal(certificate.scheme, 'browser-key')
    await page.assertTextContains('.signing-certificates', certificate.serialNumber)
    await page.assertTextContains('.signing-certificates', '本浏览器持有此密钥')

    // The key kept here is the certified one, and no script can read it out.
    const held = await page.evaluate(async () => {
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('market-signing-keys')
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      const keys = await new Promise<any[]>((resolve, reject) => {
        const request = database.transaction('keys').objectStore('keys').getAll()
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      const exported = await crypto.subtle
        .exportKey('pkcs8', keys[0].privateKey)
        .then(() => 'exported')
        .catch((error: Error) => error.name)
      return keys
        .map((key) => ({
          fingerprint: key.publicKeySha256,
          status: key.status,
          extractable: key.privateKey.extractable,
          curve: key.privateKey.algorithm.namedCurve,
        }))
        .concat([{ fingerprint: 'export', status: exported, extractable: false, curve: '' }])
    })
    // The key of the refused attempt stays pending (dropped later); the certified one is enrolled.
    const certified = held.find((key) => key.fingerprint === certificate.publicKeyFingerprint)
    assert.deepEqual(certified, {
      fingerprint: certificate.publicKeyFingerprint,
      status: 'enrolled',
      extractable: false,
      curve: 'P-256',
    })
    assert.lengthOf(held, 3)
    assert.equal(held.at(-1)!.status, 'InvalidAccessError')
  })
})
