import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUserWithRole } from '#database/factories/account_factories'
import { registrationPayload } from '#tests/helpers'

test.group('A person in the browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a mistyped USCC is explained beside the field, and the typed values stay', async ({
    visit,
  }) => {
    const payload = registrationPayload({ uscc: '914403001922038217' })
    const page = await visit('/register')
    await page.getByLabel('机构名称').fill(payload.orgName)
    await page.getByLabel('统一社会信用代码').fill(payload.uscc)
    await page.getByRole('button', { name: '注册', exact: true }).click()

    await page.assertTextContains('.alert-error', '表单未能保存，请按下方提示修改后重新提交。')
    await page.assertTextContains('#field-uscc-error', '第 18 位校验码不正确')
    await page.assertInputValue('#field-orgName', payload.orgName)
    await page.assertExists('#field-uscc[aria-invalid="true"]')
  })

  test('after too many wrong passwords the login page counts down live (the Vue island mounts)', async ({
    visit,
  }) => {
    const user = await createUserWithRole('owner')
    const page = await visit('/login')
    for (let attempt = 0; attempt < 6; attempt++) {
      await page.getByLabel('电子邮箱').fill(user.email)
      await page.getByLabel('密码').fill('not-the-password')
      await page.getByRole('button', { name: '登录', exact: true }).click()
    }

    await page.assertExists('[data-island="countdown"][data-mounted="true"]')
    await page.assertTextContains('[role="timer"]', '剩余等待时间')
  })
})
