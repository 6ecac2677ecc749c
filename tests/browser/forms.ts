import type { Page } from 'playwright'
import type { registrationPayload } from '#tests/helpers'

/** Fills and submits the registration form the way a person does, by its Chinese labels. */
export async function submitRegistration(
  page: Page,
  payload: ReturnType<typeof registrationPayload>
) {
  await page.getByLabel('机构名称').fill(payload.orgName)
  await page.getByLabel('统一社会信用代码').fill(payload.uscc)
  await page.getByLabel('所在地区').selectOption(payload.region)
  await page.getByLabel('联系人姓名').fill(payload.contactName)
  await page.getByLabel('联系电话').fill(payload.phone)
  await page.getByLabel('电子邮箱').fill(payload.email)
  await page.getByLabel('密码').fill(payload.password)
  await page.getByRole('button', { name: '注册', exact: true }).click()
}
