import { mkdirSync } from 'node:fs'
import type { BrowserContext, Page } from 'playwright'
import { clock } from '#services/clock'
import { contentProblems, layoutProblems, SCREENS, type Screen } from '#tests/browser/page_checks'
import type { registrationPayload } from '#tests/helpers'

/** The registration form's labels in each language (resources/lang/*\/messages.json). */
export const REGISTRATION_LABELS = {
  'zh-CN': {
    orgName: '机构名称',
    uscc: '统一社会信用代码',
    region: '所在地区',
    contactName: '联系人姓名',
    phone: '联系电话',
    email: '电子邮箱',
    password: '密码',
    submit: '注册',
  },
  'en': {
    orgName: 'Organisation name',
    uscc: 'Unified social credit code',
    region: 'Region',
    contactName: 'Contact name',
    phone: 'Phone number',
    email: 'E-mail address',
    password: 'Password',
    submit: 'Register',
  },
}

/** Fills and submits the registration form the way a person does, by its labels. */
export async function submitRegistration(
  page: Page,
  payload: ReturnType<typeof registrationPayload>,
  labels = REGISTRATION_LABELS['zh-CN']
) {
  await page.getByLabel(labels.orgName).fill(payload.orgName)
  await page.getByLabel(labels.uscc).fill(payload.uscc)
  await page.getByLabel(labels.region).selectOption(payload.region)
  await page.getByLabel(labels.contactName).fill(payload.contactName)
  await page.getByLabel(labels.phone).fill(payload.phone)
  await page.getByLabel(labels.email).fill(payload.email)
  await page.getByLabel(labels.password).fill(payload.password)
  await page.getByRole('button', { name: labels.submit, exact: true }).click()
}

/** On a phone the header's links fold behind the menu button: a person opens it first. */
async function openMenu(page: Page) {
  // Whether the button shows depends on the stylesheet: before it has loaded, the label of a
  // desktop page is still visible, and a click would wait for it after the sheet hides it.
  await page.waitForLoadState('load')
  const button = page.locator('label.nav-toggle-label')
  if ((await button.isVisible()) && !(await page.locator('#nav-toggle').isChecked())) {
    await button.click()
  }
}

/** Logs in through the login form (the header's 登录 link), as a person does. */
export async function logIn(page: Page, email: string, password: string) {
  await openMenu(page)
  await page.getByRole('banner').getByRole('link', { name: '登录', exact: true }).click()
  await page.getByLabel('电子邮箱').fill(email)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
}

/** Follows a link of the header's main navigation. */
export async function navigate(page: Page, name: string) {
  await openMenu(page)
  await page.getByRole('banner').getByRole('link', { name, exact: true }).click()
}

export const SCREENSHOTS = 'tmp/screenshots'

/** The screen a journey runs on: the page keeps that size from its first visit. */
export async function useScreen(page: Page, screen: Screen) {
  await page.setViewportSize({ width: screen.width, height: screen.height })
  await page.reload()
}

/**
 * A journey step seen as a person sees it: a full-page screenshot under
 * tmp/screenshots/ (git-ignored), named after the step and the screen, and
 * the page checked as the page walk checks every page — a sideways scroll,
 * a broken date or value, or a serious accessibility violation (axe on the
 * desktop) fails the step.
 */
export async function snap(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const width = page.viewportSize()?.width ?? SCREENS[0].width
  const screen = SCREENS.find((candidate) => candidate.width === width)?.name ?? `${width}px`
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-${screen}.png`, fullPage: true })
  // The page walk checks every page's header on a phone with axe; a journey's steps need it on the desktop.
  const problems = [
    ...(await contentProblems(page, { axe: screen !== 'phone' })),
    ...(await layoutProblems(page)),
  ]
  if (problems.length > 0) {
    throw new Error(`${name} on a ${screen} (${page.url()}): ${problems.join('; ')}`)
  }
}

/**
 * The browser's own clock set to the server's frozen one, so that the
 * countdown islands count to the deadline from the same moment.
 */
export function syncBrowserClock(context: BrowserContext) {
  return context.clock.setFixedTime(clock.now())
}
