import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { marketWorld, WORLD_PASSWORD } from '#tests/worlds'
import { clock } from '#services/clock'
import { SIGNED_PROJECT_WORLD, awardedProject, demoOwner } from '#tests/selection_fixtures'
import Contract from '#models/contract'
import ContractSignature from '#models/contract_signature'

test.group('A signer signs the contract PDF with the key held in the browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld(SIGNED_PROJECT_WORLD)
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  test('the owner enrols a key here, signs with it, and the verification page accepts the PDF and refuses it with a byte changed', async ({
    client,
    browserContext,
    assert,
  }) => {
    const projectId = await awardedProject(client, [
      [5, 5_000_000],
      [6, 5_200_000],
    ])
    const contract = await Contract.findByOrFail('project_id', projectId)
    const owner = await demoOwner()
    await browserContext.loginAs(owner)

    const keys = await browserContext.visit('/account/signing-keys')
    await keys.assertExists('[data-island="signing-key-enrolment"][data-mounted="true"]')
    await keys.getByLabel('登录密码').fill(WORLD_PASSWORD)
    await keys.getByRole('button', { name: '在本浏览器生成密钥并登记' }).click()
    await keys.assertTextContains('main', '签名密钥已登记')

    const page = await browserContext.visit(`/contracts/${contract.id}`)
    await page.assertExists('[data-island="contract-signing"][data-mounted="true"]')
    await page.getByRole('button', { name: '使用签名密钥签署' }).click()
    await page.assertTextContains('main', '已签署，等待对方签署。')
    await page.assertTextContains('main', '可靠电子签名（签名密钥，证书')
    const signature = await ContractSignature.findByOrFail('contract_id', contract.id)
    assert.equal(signature.level, 'reliable')

    // The PDF as the owner downloads it, then checked by anyone on the verification page.
    const download = await page.request.get(`/contracts/${contract.id}/document.pdf`)
    assert.equal(download.status(), 200)
    const pdf = Buffer.from(await download.body())
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')

    const verify = await browserContext.visit('/contracts/verify')
    await verify.getByLabel('合同 PDF 文件').setInputFiles({
      name: 'signed.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    })
    await verify.getByRole('button', { name: '验证', exact: true }).click()
    await verify.assertTextContains('main', '全部 1 个签名有效')

    // One byte of the signed text changed (inside the first revision's content).
    const tampered = Buffer.from(pdf)
    const at = tampered.indexOf('MarketTextSha256')
    tampered[at + 2] = tampered[at + 2] === 0x61 ? 0x62 : 0x61
    const again = await browserContext.visit('/contracts/verify')
    await again.getByLabel('合同 PDF 文件').setInputFiles({
      name: 'tampered.pdf',
      mimeType: 'application/pdf',
      buffer: tampered,
    })
    await again.getByRole('button', { name: '验证', exact: true }).click()
    await again.assertTextContains('main', '验证未通过')
  })
})
