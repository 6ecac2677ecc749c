/*
 * The route map of the API fuzz (tests/functional/api_fuzz.spec.ts): every
 * API write route (POST/PUT/PATCH/DELETE under /api/v1), keyed `METHOD
 * pattern`, with the actor who may call it. The record behind each route
 * parameter is the one the authorisation matrix names for that route
 * (tests/authorization_matrix.ts), unless `params` says otherwise; `body`
 * gives fields that point at real records, merged into the valid-looking
 * payload before the fuzz spoils it.
 *
 * A new API write route fails the fuzz until it has an entry here.
 */
import type { Actor, World, WorldKey } from '#tests/authorization_world'

/** The seven actors of the world, plus a regulator of the department approving ZJ-001. */
export type FuzzActor = Actor | 'approver'

export type FuzzTarget = {
  actor: FuzzActor
  params?: Record<string, WorldKey>
  body?: (world: World) => Record<string, unknown>
}

export const TARGETS: Record<string, FuzzTarget> = {
  // — Public —
  'POST /api/v1/auth/register': { actor: 'public' },
  'POST /api/v1/auth/tokens': { actor: 'public' },
  'POST /api/v1/complaints': {
    actor: 'public',
    body: (world) => ({ agencyId: world.agencyOrganization }),
  },
  'POST /api/v1/webhooks/stripe': { actor: 'public' },
  'POST /api/v1/contracts/verify': { actor: 'public' },
  'POST /api/v1/pki/tsa': { actor: 'public' },

  // — Any signed-in user —
  'PUT /api/v1/alerts': { actor: 'ownerA' },
  'DELETE /api/v1/alerts': { actor: 'ownerA' },
  'POST /api/v1/tokens': { actor: 'ownerA' },
  'DELETE /api/v1/tokens/:id': { actor: 'ownerA' },
  'POST /api/v1/notifications/read': { actor: 'ownerA' },

  // — Signing keys and signatories —
  'POST /api/v1/signing-keys': { actor: 'ownerA' },
  'DELETE /api/v1/signing-keys/:serial': { actor: 'ownerA' },
  'POST /api/v1/organization/users': { actor: 'ownerA' },
  'POST /api/v1/organization/signatories': {
    actor: 'agencyA',
    body: (world) => ({ userId: world.agencySignatoryUser }),
  },
  'POST /api/v1/organization/signatories/:id/revoke': { actor: 'agencyA' },

  // — Contracts, service delivery, credit answers —
  'PUT /api/v1/contracts/:id': { actor: 'ownerA' },
  'POST /api/v1/contracts/:id/sign': { actor: 'ownerA' },
  'POST /api/v1/contracts/:id/signatures': { actor: 'ownerA' },
  'POST /api/v1/contracts/:id/refuse': { actor: 'agencyA' },
  'POST /api/v1/contracts/:id/refusal': { actor: 'agencyA' }, // legacy alias
  'POST /api/v1/contracts/:id/terminate': { actor: 'ownerA' },
  'POST /api/v1/contracts/:id/termination': { actor: 'ownerA' }, // legacy alias
  'POST /api/v1/contracts/:id/termination/contest': { actor: 'agencyA' },
  'POST /api/v1/contracts/:id/termination/agree': { actor: 'agencyA' },
  'POST /api/v1/milestones/:id/accept': { actor: 'ownerA' },
  'POST /api/v1/projects/:id/take-next-alternate': { actor: 'ownerA' },
  'POST /api/v1/projects/:id/next-alternate': { actor: 'ownerA' }, // legacy alias
  'POST /api/v1/contracts/:id/deliverables': { actor: 'agencyA' },
  'POST /api/v1/contracts/:id/accept': { actor: 'ownerA' },
  'POST /api/v1/contracts/:id/return': { actor: 'ownerA' },
  'POST /api/v1/contracts/:id/pause': { actor: 'ownerA' },
  'POST /api/v1/contracts/:id/resume': { actor: 'ownerA' },
  'POST /api/v1/contracts/:id/record-approval': { actor: 'approver' },
  'POST /api/v1/contracts/:id/approval-outcome': { actor: 'approver' }, // legacy alias
  'POST /api/v1/contracts/:id/evaluate': { actor: 'ownerA' },
  'POST /api/v1/contracts/:id/evaluation': { actor: 'ownerA' }, // legacy alias
  'POST /api/v1/contracts/:id/evaluate-owner': { actor: 'agencyA' },
  'POST /api/v1/contracts/:id/owner-evaluation': { actor: 'agencyA' }, // legacy alias
  'POST /api/v1/evaluations/:id/reply': { actor: 'agencyA' },
  'POST /api/v1/credit-events/:id/reply': { actor: 'agencyA' },
  'POST /api/v1/credit-events/:id/appeal': { actor: 'agencyA' },
  'POST /api/v1/credit-repairs': {
    actor: 'agencyA',
    body: (world) => ({ creditEventId: world.creditEvent }),
  },

  // — Regulators —
  'POST /api/v1/regulator/contract-templates': { actor: 'regulator' },
  'POST /api/v1/service-items': { actor: 'regulator' },
  'PUT /api/v1/service-items/:code': { actor: 'regulator' },
  'POST /api/v1/regulator/credit-events': {
    actor: 'regulator',
    body: (world) => ({ agencyId: world.agencyOrganization }),
  },
  'PUT /api/v1/regulator/credit-rules': { actor: 'regulator' },
  'POST /api/v1/regulator/credit-appeals/:id/decide': { actor: 'regulator' },
  'POST /api/v1/regulator/appeals/:id/decide': { actor: 'regulator' }, // legacy alias
  'POST /api/v1/regulator/credit-repairs/:id/decide': { actor: 'regulator' },
  'POST /api/v1/regulator/joint-punishments/imports': { actor: 'regulator' },
  'POST /api/v1/regulator/joint-punishments/:id/lift': { actor: 'regulator' },
  'POST /api/v1/regulator/follow-ups/:id/steps': { actor: 'regulator' },
  'POST /api/v1/regulator/bans': {
    actor: 'regulator',
    body: (world) => ({ agencyId: world.agencyOrganization }),
  },
  'POST /api/v1/regulator/bans/:id/lift': { actor: 'regulator' },
  'DELETE /api/v1/regulator/bans/:id': { actor: 'regulator' }, // legacy alias
  'POST /api/v1/regulator/qualifications/:id/checks': { actor: 'regulator' },
  'POST /api/v1/regulator/inspections': { actor: 'regulator' },
  'POST /api/v1/regulator/inspections/:id/results': {
    actor: 'regulator',
    body: (world) => ({ agencyId: world.agencyOrganization }),
  },
  'POST /api/v1/regulator/inspection-recusals': {
    actor: 'regulator',
    body: (world) => ({ agencyId: world.agencyOrganization }),
  },
  'POST /api/v1/regulator/departments': { actor: 'regulator' },
  'PUT /api/v1/regulator/departments/:id': { actor: 'regulator' },
  'POST /api/v1/regulator/departments/:id/affiliates': { actor: 'regulator' },
  'POST /api/v1/regulator/affiliates/:id/remove': { actor: 'regulator' },
  'POST /api/v1/regulator/officials': { actor: 'regulator' },
  'POST /api/v1/regulator/inspection-list': { actor: 'regulator' },
  'PUT /api/v1/regulator/inspection-list/:id': { actor: 'regulator' },
  'POST /api/v1/regulator/complaints/:id/assign': { actor: 'regulator' },
  'POST /api/v1/regulator/complaints/:id/answer': { actor: 'regulator' },
  'POST /api/v1/regulator/objections/:id/decide': { actor: 'regulator' },
  'POST /api/v1/regulator/contracts/:id/termination/decide': { actor: 'regulator' },
  'POST /api/v1/objections/:id/decide': { actor: 'regulator' }, // legacy alias

  // — Owners —
  'POST /api/v1/projects': { actor: 'ownerA' },
  'POST /api/v1/outside-selections': { actor: 'ownerA' },
  'PUT /api/v1/projects/:id': { actor: 'ownerA' },
  'POST /api/v1/projects/:id/publish': { actor: 'ownerA' },
  'POST /api/v1/projects/:id/cancel': { actor: 'ownerA' },
  'POST /api/v1/projects/:id/attachments': { actor: 'ownerA' },
  'POST /api/v1/projects/:id/pick': { actor: 'ownerA' },
  'POST /api/v1/projects/:id/shortlist/pick': { actor: 'ownerA' }, // legacy alias
  'POST /api/v1/projects/:id/plan-scores': { actor: 'ownerA' },
  'POST /api/v1/bids/:id/reject': { actor: 'ownerA' },
  'POST /api/v1/bids/:id/rejection': { actor: 'ownerA' }, // legacy alias
  'POST /api/v1/bids/:id/accept': { actor: 'ownerA' },
  'POST /api/v1/bids/:id/acceptance': { actor: 'ownerA' }, // legacy alias
  'POST /api/v1/owner/persons': { actor: 'ownerA' },
  'DELETE /api/v1/owner/persons/:id': { actor: 'ownerA' },
  'POST /api/v1/owner/self-preparations': {
    actor: 'ownerA',
    body: () => ({ serviceItemCode: 'ZJ-002' }),
  },
  'POST /api/v1/owner/self-preparations/:id/withdraw': { actor: 'ownerA' },
  'POST /api/v1/milestones/:id/payments': { actor: 'ownerA' },
  'POST /api/v1/payments/:id/confirm': { actor: 'ownerA' },
  'POST /api/v1/payments/:id/test-confirmation': { actor: 'ownerA' }, // legacy alias

  // — Agencies —
  'POST /api/v1/projects/:id/bids': { actor: 'agencyA' },
  'DELETE /api/v1/projects/:id/bids/mine': { actor: 'agencyA' },
  'POST /api/v1/projects/:id/direct/accept': { actor: 'agencyA' },
  'POST /api/v1/projects/:id/direct/decline': { actor: 'agencyA' },
  'POST /api/v1/bids/:id/justification': { actor: 'agencyA' },
  'POST /api/v1/consortium-requests/:id/confirm': { actor: 'agencyA' },
  'POST /api/v1/consortium-requests/:id/decline': { actor: 'agencyA' },
  'POST /api/v1/projects/:id/objections': { actor: 'agencyA' },
  'PUT /api/v1/agency/profile': { actor: 'agencyA' },
  'POST /api/v1/agency/withdraw': { actor: 'agencyA' },
  'POST /api/v1/agency/withdrawal': { actor: 'agencyA' }, // legacy alias
  'POST /api/v1/agency/return': { actor: 'agencyA' },
  'POST /api/v1/agency/qualifications': { actor: 'agencyA' },
  'DELETE /api/v1/agency/qualifications/:id': { actor: 'agencyA' },
  'PUT /api/v1/agency/declaration': { actor: 'agencyA' },
  'POST /api/v1/agency/practitioners': { actor: 'agencyA' },
  'DELETE /api/v1/agency/practitioners/:id': { actor: 'agencyA' },

  // — Admins —
  'PUT /api/v1/admin/calendar/:day': { actor: 'admin' },
  'DELETE /api/v1/admin/calendar/:day': { actor: 'admin' },
  'POST /api/v1/admin/rules': { actor: 'admin' },
}
