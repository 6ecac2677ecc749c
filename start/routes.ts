/*
 * Routes: public pages, accounts, role dashboards, health, and the JSON API
 * under /api/v1 (API.md). State changes are POSTs guarded by CSRF on pages and
 * by bearer tokens on the API.
 *
 * The convention, for pages and API alike:
 * - Collections are plural nouns; a record is `/<collection>/:id`.
 * - Adding a record to a collection is POST to the collection
 *   (`/projects/:id/bids`, `/contracts/:id/deliverables`, `/inspections/:id/results`).
 * - A state change of a record is POST to a verb sub-resource, the same verb
 *   on the page and in the API: `/contracts/:id/refuse`, `/bans/:id/lift`,
 *   `/objections/:id/decide`, `/complaints/:id/assign`, `/payments/:id/confirm`.
 * - Editing and deleting: the API uses PUT and DELETE on the record; page
 *   forms, which only POST, post to the record (or `/…/terms`) to edit and to
 *   `/…/:id/remove` to delete.
 * - Every route has a name: pages by area (`regulator.bans.lift`), the API
 *   under `api.v1.` (`api.v1.regulator.bans.lift`). Templates link by name.
 * - API paths that predate the convention still answer, with the same handler,
 *   as `….legacy` routes, deprecated in the OpenAPI document and listed in
 *   docs/integrators/api-routes.md.
 */
import router from '@adonisjs/core/services/router'
import { Exception } from '@adonisjs/core/exceptions'

/**
 * Record ids are whole numbers everywhere: `/contracts/abc` matches no route
 * and answers 404 (a text id reached the handlers and the database as 500).
 * Routes that cast their id to a number say so themselves.
 */
for (const param of ['id', 'attachmentId', 'projectId', 'a', 'b']) {
  router.where(param, /^\d{1,18}$/)
}

/*
 * The areas, in this order (the catch-all below must come last): public
 * pages, signed-in pages, the JSON API.
 */
await import('#start/routes/public')
await import('#start/routes/pages')
await import('#start/routes/api')

/**
 * Anything else is a 404 — answered after the whole router middleware stack
 * ran, so the not-found page has the visitor's language, session and login.
 */
router.any('*', () => {
  throw new Exception('Not found', { status: 404, code: 'E_ROUTE_NOT_FOUND' })
})
