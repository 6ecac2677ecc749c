/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/*
 * What every page must be, checked the same way by the page walk and by the
 * role journeys at each step: one <main>, no broken date or value, no
 * serious or critical accessibility violation (axe-core), and no sideways
 * scroll on the screen it is seen on.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright'

/** The two screens every page must serve: an office desktop and a phone. */
export const SCREENS = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const
export type Screen = (typeof SCREENS)[number]

/** Words that only a broken date, number or template prints. */
export const BROKEN_TEXT = /Invalid DateTime|Invalid Date|\bNaN\b|undefined|\[object Object\]/

/** What is wrong with the page as it stands on one screen. */
export async function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = []
    const viewport = document.documentElement.clientWidth
    if (document.documentElement.scrollWidth > viewport + 1) {
      // Name the widest elements that stick out, not their containers.
      const culprits = [...document.body.querySelectorAll('*')]
        .filter((element) => {
          const box = element.getBoundingClientRect()
          // A box that sticks out, or text that spills out of its box (an unbroken hash).
          const spills =
            box.left + element.scrollWidth > viewport + 1 &&
            getComputedStyle(element).overflowX === 'visible'
          if ((box.right <= viewport + 1 && !spills) || box.width === 0) return false
          // Content scrolled inside its own box is fine.
          for (let parent = element.parentElement; parent; parent = parent.parentElement) {
            const overflow = getComputedStyle(parent).overflowX
            if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') return false
          }
          return true
        })
        .filter(
          (element) =>
            ![...element.children].some(
              (child) => child.getBoundingClientRect().right > viewport + 1
            )
        )
        .slice(0, 3)
        .map((element) => {
          const classes = element.getAttribute('class')
          return `${element.tagName.toLowerCase()}${classes ? '.' + classes.split(' ').join('.') : ''}`
        })
      problems.push(
        `scrolls sideways (${document.documentElement.scrollWidth}px): ${culprits.join(', ')}`
      )
    }
    return problems
  })
}

/**
 * What is wrong with the page's content, whatever the screen: its <main>, its
 * text and, unless told otherwise, what axe-core finds. axe costs about a
 * second of CPU per call, and the document it reads is the same on every
 * screen (no stylesheet changes a colour by width; only the header shows the
 * phone's menu button): callers run it on the desktop, and on a phone once per
 * header they have not yet seen there.
 */
export async function contentProblems(page: Page, { axe: runAxe = true } = {}) {
  const problems: string[] = []
  if ((await page.locator('main').count()) !== 1) problems.push('no one <main>')
  const text = await page.locator('body').innerText()
  const broken = text.match(BROKEN_TEXT)
  if (broken) problems.push(`shows "${broken[0]}"`)
  if (!runAxe) return problems
  const axe = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa'])
    .analyze()
    .catch((error: Error) => {
      // A page seen with JavaScript off cannot run axe; the page walk checks it with JavaScript.
      if (error.message.includes('Frame cannot run scripts')) return { violations: [] }
      throw error
    })
  for (const violation of axe.violations) {
    if (violation.impact !== 'serious' && violation.impact !== 'critical') continue
    const target = violation.nodes[0]?.target.join(' ') ?? ''
    problems.push(`axe ${violation.id} (${violation.nodes.length}× e.g. ${target})`)
  }
  return problems
}
