import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { mkdirSync } from 'node:fs'
import { marketWorld } from '#tests/worlds'
import { clock } from '#services/clock'
import { ALLOWED, MATRIX } from '#tests/authorization_matrix'
import { buildWorld, type Actor, type World } from '#tests/authorization_world'
import { addressOf, routerRoutes } from '#tests/router_routes'
import { contentProblems, layoutProblems, SCREENS } from '#tests/browser/page_checks'
import { SCREENSHOTS } from '#tests/browser/forms'

/**
 * Each page route of the market, visited by one actor allowed to open it
 * (public pages by a visitor): the actor is the one the rule names first.
 */
function pageVisits(world: World) {
  const routes = routerRoutes()
    .filter(
      ({ key, method, pattern }) =>
        method === 'GET' && key in MATRIX && !pattern.startsWith('/api/')
    )
    .map(({ key, pattern }) => {
      const entry = MATRIX[key]
      const actors = ALLOWED[entry.rule]
      const actor: Actor | undefined = actors.includes('public') ? 'public' : actors[0]
      return { key, pattern, entry, actor }
    })
    .filter((visit): visit is typeof visit & { actor: Actor } => visit.actor !== undefined)
  // The matrix names one record per route; a project page looks different in each state.
  const projectPage = MATRIX['GET /projects/:id']
  const projects = [
    ...(['openProject', 'signedProject', 'directProject'] as const).flatMap((record) =>
      (['public', 'ownerA', 'agencyA'] as const).map((actor) => ({
        key: `GET /projects/:id (${record})`,
        pattern: `/projects/${world[record]}`,
        entry: projectPage,
        actor: actor as Actor,
      }))
    ),
  ]
  // PAGE_WALK=/accounts walks only the routes whose key contains that text (while fixing a page).
  return [...routes, ...projects].filter(
    (visit) => !process.env.PAGE_WALK || visit.key.includes(process.env.PAGE_WALK)
  )
}

test.group('Every page on a desktop and on a phone', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  test('each role opens each of its pages at 1366×900 and 390×844: no sideways scroll, no broken date or value, no serious accessibility violation', async ({
    client,
    browser,
    assert,
  }) => {
    const world = await buildWorld(client)
    const visits = pageVisits(world)
    const problems: string[] = []
    let pagesSeen = 0
    const started = Date.now()
    mkdirSync(`${SCREENSHOTS}/pages`, { recursive: true })

    for (const actor of new Set(visits.map((visit) => visit.actor))) {
      const context = await browser.newContext({
        viewport: SCREENS[0],
        baseURL: `http://${process.env.HOST}:${process.env.PORT}`,
      })
      if (actor !== 'public') await context.loginAs(world.users[actor])
      const page = await context.newPage()
      let pagesOfActor = 0
      for (const visit of visits.filter((candidate) => candidate.actor === actor)) {
        const url = addressOf(visit.pattern, visit.entry, world)
        await page.setViewportSize(SCREENS[0])
        const response = await page.goto(url).catch((error: Error) => {
          // A file answered with Content-Disposition: attachment is a download, not a page.
          if (error.message.includes('Download is starting')) return null
          throw error
        })
        const type = response?.headers()['content-type'] ?? ''
        // Downloads, feeds and files are not pages.
        if (!type.startsWith('text/html')) continue
        // 410 is a page too: the one an expired password-reset link opens.
        if (response!.status() >= 400 && response!.status() !== 410) {
          problems.push(`${visit.key} as ${actor}: answered ${response!.status()}`)
          continue
        }
        pagesSeen += 1
        const where = `${visit.key} as ${actor}`
        const slug = `${actor}${url.replace(/[^\w]+/g, '_')}`
        for (const screen of SCREENS) {
          await page.setViewportSize(screen)
          // axe on the desktop for every page; on a phone for the actor's first page (its header).
          const axe = screen.name === 'desktop' || pagesOfActor === 0
          const seen = [...(await contentProblems(page, { axe })), ...(await layoutProblems(page))]
          for (const problem of seen) {
            problems.push(`${where} on a ${screen.name}: ${problem}`)
          }
          await page.screenshot({
            path: `${SCREENSHOTS}/pages/${slug}-${screen.name}.png`,
            fullPage: true,
          })
        }
        pagesOfActor += 1
      }
      await context.close()
    }

    console.log(
      `page walk: ${pagesSeen} pages × ${SCREENS.length} screens in ${Date.now() - started} ms` +
        (problems.length ? `\n  ${problems.join('\n  ')}` : '')
    )
    if (!process.env.PAGE_WALK) assert.isAbove(pagesSeen, 60)
    assert.deepEqual(problems, [])
  }).timeout(600_000)
})
