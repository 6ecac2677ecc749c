import type { ApiOperation } from '#open_api/types'

/**
 * API paths renamed to the route convention (start/routes.ts) that still
 * answer, with the same handler, as `….legacy` routes. The OpenAPI document
 * marks them deprecated and points at the current path;
 * docs/integrators/api-routes.md lists them for integrators.
 */
export type LegacyRoute = {
  method: ApiOperation['method']
  path: string
  current: { method: ApiOperation['method']; path: string }
}

const post = (path: string, current: string): LegacyRoute => ({
  method: 'post',
  path: `/api/v1${path}`,
  current: { method: 'post', path: `/api/v1${current}` },
})

export const LEGACY_ROUTES: readonly LegacyRoute[] = [
  post('/contracts/:id/refusal', '/contracts/:id/refuse'),
  post('/contracts/:id/termination', '/contracts/:id/terminate'),
  post('/projects/:id/next-alternate', '/projects/:id/take-next-alternate'),
  post('/contracts/:id/approval-outcome', '/contracts/:id/record-approval'),
  post('/contracts/:id/evaluation', '/contracts/:id/evaluate'),
  post('/contracts/:id/owner-evaluation', '/contracts/:id/evaluate-owner'),
  post('/projects/:id/shortlist/pick', '/projects/:id/pick'),
  post('/bids/:id/rejection', '/bids/:id/reject'),
  post('/bids/:id/acceptance', '/bids/:id/accept'),
  post('/payments/:id/test-confirmation', '/payments/:id/confirm'),
  post('/objections/:id/decide', '/regulator/objections/:id/decide'),
  post('/regulator/appeals/:id/decide', '/regulator/credit-appeals/:id/decide'),
  post('/agency/withdrawal', '/agency/withdraw'),
  {
    method: 'delete',
    path: '/api/v1/regulator/bans/:id',
    current: { method: 'post', path: '/api/v1/regulator/bans/:id/lift' },
  },
]
