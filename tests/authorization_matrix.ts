/*
 * The authorisation matrix: every route of the router, keyed `METHOD
 * pattern`, with who may pass it. tests/functional/authorization.spec.ts
 * fails when the router has a route that is missing here (a route added
 * without deciding who may use it) or when an entry here has no route.
 *
 * Record routes name the record of the world (tests/authorization_world.ts)
 * each parameter points at. Everything private in that world belongs to
 * owner A and agency A: owner B and agency B are the "another owner" and
 * "another agency" who must get 403 or 404 and never the record.
 */
import type { Actor, World, WorldKey } from '#tests/authorization_world'

export type Rule =
  /** Everyone, signed in or not. */
  | 'public'
  /** Visitors only (log in, register): a signed-in user is sent on to /dashboard. */
  | 'guest'
  /** Nobody: the catch-all answers 404 to everyone. */
  | 'nowhere'
  /** Any signed-in user, about their own account only. */
  | 'signed-in'
  /** Visitors, owners and agencies; not the staff who handle complaints. */
  | 'complainant'
  /** Owners and agencies: the users who sign contracts (signing keys, signatories). */
  | 'signer'
  /** Users of one role, or of the two staff roles. */
  | 'owner'
  | 'agency'
  | 'regulator'
  | 'admin'
  | 'staff'
  /** Owner A: the owner organisation of the record (or the user, for an access token). */
  | 'owner-of'
  /** Agency A: the agency of the record (bidder, contractor, rated or inspected agency). */
  | 'agency-of'
  /** Both parties of the contract. */
  | 'party'
  /** Both parties, regulators and admins. */
  | 'party-or-staff'
  /** Agency A, regulators and admins (private files of an agency). */
  | 'agency-of-or-staff'
  /** The inspector the plan drew: the regulator, the only one of its department. */
  | 'inspector'
  /** A regulator of the department that approves the item (市生态环境局): none of the seven. */
  | 'approver'
  /** Those who deal with an objection: the project's owner and regulators (the objector is none of the seven). */
  | 'objection-party'

const EVERYONE: readonly Actor[] = [
  'public',
  'ownerA',
  'ownerB',
  'agencyA',
  'agencyB',
  'regulator',
  'admin',
]

/** Who passes each rule, among the seven actors of the world. */
export const ALLOWED: Record<Rule, readonly Actor[]> = {
  'public': EVERYONE,
  'guest': ['public'],
  'nowhere': [],
  'signed-in': EVERYONE.filter((actor) => actor !== 'public'),
  'complainant': ['public', 'ownerA', 'ownerB', 'agencyA', 'agencyB'],
  'signer': ['ownerA', 'ownerB', 'agencyA', 'agencyB'],
  'owner': ['ownerA', 'ownerB'],
  'agency': ['agencyA', 'agencyB'],
  'regulator': ['regulator'],
  'admin': ['admin'],
  'staff': ['regulator', 'admin'],
  'owner-of': ['ownerA'],
  'agency-of': ['agencyA'],
  'party': ['ownerA', 'agencyA'],
  'party-or-staff': ['ownerA', 'agencyA', 'regulator', 'admin'],
  'agency-of-or-staff': ['agencyA', 'regulator', 'admin'],
  'inspector': ['regulator'],
  'approver': [],
  'objection-party': ['ownerA', 'regulator'],
}

export type MatrixEntry = {
  rule: Rule
  /** The world's record behind each route parameter. */
  params?: Record<string, WorldKey>
  /** A body that reaches the authorisation check (default: empty). */
  body?: (world: World) => Record<string, unknown>
  /** A concrete address for routes without a pattern of their own (the catch-all). */
  path?: string
  /**
   * The form looks the record up among the user's own and, not finding it,
   * goes back with an error flashed (as for a token already revoked): that
   * answer counts as a refusal too.
   */
  refusedWithFlash?: boolean
}

const open = (rule: Rule, params?: Record<string, WorldKey>): MatrixEntry => ({ rule, params })

export const MATRIX: Record<string, MatrixEntry> = {
  // — Public pages —
  'GET /': open('public'),
  'POST /locale': open('public'),
  'POST /care-mode': open('public'),
  'GET /search': open('public'),
  'GET /guide/:name': { rule: 'public', path: '/guide/owners' },
  'GET /service-items': open('public'),
  'GET /service-items/:code': open('public', { code: 'serviceItemCode' }),
  'GET /departments': open('public'),
  'GET /agencies': open('public'),
  'GET /agencies/:id': open('public', { id: 'agencyOrganization' }),
  'GET /practitioners': open('public'),
  'GET /practitioners/:id': open('public', { id: 'practitioner' }),
  'GET /organizations/:id': open('public', { id: 'ownerOrganization' }),
  'GET /projects': open('public'),
  'GET /feeds/announcements.atom': open('public'),
  'GET /projects/:id': open('owner-of', { id: 'draftProject' }),
  'GET /projects/:id/attachments/:attachmentId': open('owner-of', {
    id: 'draftProject',
    attachmentId: 'draftAttachment',
  }),
  'GET /projects/:id/verify': open('public', { id: 'signedProject' }),
  'GET /exposure': open('public'),
  'GET /rules': open('public'),
  'GET /outside-selections': open('public'),
  'GET /inspections': open('public'),
  'GET /inspections/:id': open('public', { id: 'inspectionPlan' }),
  'GET /complaints': open('public'),
  'GET /complaints/new': open('complainant'),
  'POST /complaints': open('complainant'),
  'GET /complaints/filed': open('public'),
  'GET /complaints/track': open('public'),
  'GET /contract-templates': open('public'),
  'GET /contract-templates/:key': open('public', { key: 'templateKey' }),
  'GET /api-docs': open('public'),
  'GET /health/live': open('public'),
  'GET /health/ready': open('public'),

  // — Contracts and service delivery (pages) —
  'GET /contracts': open('signed-in'),
  'GET /contracts/verify': open('public'),
  'POST /contracts/verify': open('public'),
  'GET /contracts/:id': open('party-or-staff', { id: 'contract' }),
  'GET /contracts/:id/print': open('party-or-staff', { id: 'contract' }),
  'POST /contracts/:id/terms': open('owner-of', { id: 'contract' }),
  'POST /contracts/:id/sign': open('party', { id: 'contract' }),
  'POST /contracts/:id/signing-request': open('party', { id: 'contract' }),
  'POST /contracts/:id/signatures': open('party', { id: 'contract' }),
  'GET /contracts/:id/document.pdf': open('party-or-staff', { id: 'contract' }),
  'POST /contracts/:id/refuse': open('agency-of', { id: 'contract' }),
  'POST /contracts/:id/terminate': open('owner-of', { id: 'contract' }),
  'GET /projects/:id/archive': open('party-or-staff', { id: 'signedProject' }),
  'POST /contracts/:id/termination/contest': open('agency-of', { id: 'contract' }),
  'POST /contracts/:id/termination/agree': open('agency-of', { id: 'contract' }),
  'POST /projects/:id/take-next-alternate': open('owner-of', { id: 'signedProject' }),
  'POST /contracts/:id/deliverables': open('agency-of', { id: 'contract' }),
  'POST /contracts/:id/accept': open('owner-of', { id: 'contract' }),
  'POST /contracts/:id/return': open('owner-of', { id: 'contract' }),
  'POST /contracts/:id/pause': open('owner-of', { id: 'contract' }),
  'POST /contracts/:id/resume': open('owner-of', { id: 'contract' }),
  'POST /contracts/:id/record-approval': open('approver', { id: 'contract' }),
  'POST /contracts/:id/evaluate': open('owner-of', { id: 'contract' }),
  'POST /contracts/:id/evaluate-owner': open('agency-of', { id: 'contract' }),
  'POST /evaluations/:id/reply': open('agency-of', { id: 'evaluation' }),
  'POST /credit-events/:id/reply': open('agency-of', { id: 'creditEvent' }),
  'POST /credit-events/:id/appeal': open('agency-of', { id: 'creditEvent' }),
  'GET /credit-events/:id/repair': open('agency-of', { id: 'creditEvent' }),
  'POST /credit-events/:id/repair': open('agency-of', { id: 'creditEvent' }),
  'GET /deliverable-files/:id': open('party-or-staff', { id: 'deliverableFile' }),
  'GET /inspection-files/:id': open('agency-of-or-staff', { id: 'inspectionFile' }),

  // — Accounts —
  'GET /register': open('guest'),
  'POST /register': open('guest'),
  'GET /login': open('guest'),
  'POST /login': open('guest'),
  'GET /password/forgot': open('guest'),
  'POST /password/forgot': open('guest'),
  // Without the e-mail's signed link, everyone gets 410 (the link's page)
  'GET /password/reset/:id': open('public', { id: 'agencyBUser' }),
  'POST /password/reset/:id': open('public', { id: 'agencyBUser' }),
  'POST /logout': open('signed-in'),
  'GET /dashboard': open('signed-in'),
  'GET /account/tokens': open('signed-in'),
  'POST /account/tokens': open('signed-in'),
  'POST /account/tokens/:id/revoke': {
    rule: 'owner-of',
    params: { id: 'token' },
    refusedWithFlash: true,
  },
  // Signing keys and signatories: every owner and agency has their own (found in their scope)
  'GET /account/signing-keys': open('signer'),
  'POST /account/signing-keys': open('signer'),
  'POST /account/signing-keys/:serial/revoke': {
    rule: 'owner-of',
    params: { serial: 'signingCertificate' },
    refusedWithFlash: true,
  },
  'GET /account/signatories': open('signer'),
  'POST /account/signatories': open('signer'),
  'POST /account/colleagues': open('signer'),
  // Agency A revokes the signatory it designated; others do not find them.
  'POST /account/signatories/:id/revoke': {
    rule: 'agency-of',
    params: { id: 'agencySignatoryUser' },
    body: () => ({ reason: '授权期满' }),
    refusedWithFlash: true,
  },
  'GET /signatory-documents/:id': open('agency-of-or-staff', { id: 'signatoryDocument' }),
  'GET /regulator/signatories': open('regulator'),
  'GET /account/password': open('signed-in'),
  'POST /account/password': open('signed-in'),
  'GET /accounts': open('staff'),
  'POST /accounts/:id/suspend': open('staff', { id: 'agencyBUser' }),
  'POST /accounts/:id/reinstate': open('staff', { id: 'agencyBUser' }),
  'POST /accounts/:id/send-password-reset': open('admin', { id: 'agencyBUser' }),
  'GET /account/alerts': open('signed-in'),
  'POST /account/alerts': open('signed-in'),
  'POST /account/alerts/remove': open('signed-in'),
  'GET /notifications': open('signed-in'),
  'POST /notifications/read': open('signed-in'),
  'GET /dashboard/owner': open('owner'),
  'GET /dashboard/agency': open('agency'),
  'GET /dashboard/regulator': open('regulator'),
  'GET /dashboard/admin': open('admin'),
  'GET /qualifications/:id/file': open('agency-of-or-staff', { id: 'qualification' }),
  'GET /objection-files/:id': open('objection-party', { id: 'objectionFile' }),

  // — The agency's area —
  'GET /agency/profile': open('agency'),
  'POST /agency/profile': open('agency'),
  'POST /agency/withdraw': open('agency'),
  'POST /agency/return': open('agency'),
  'POST /agency/qualifications': open('agency'),
  'POST /agency/qualifications/:id/remove': open('agency-of', { id: 'qualificationWithoutScan' }),
  'GET /agency/declaration': open('agency'),
  'POST /agency/declaration': open('agency'),
  'POST /agency/practitioners': open('agency'),
  'POST /agency/practitioners/:id/remove': open('agency-of', { id: 'practitioner' }),
  'GET /agency/projects': open('agency'),
  'POST /agency/projects/:id/bids': open('agency', { id: 'openProject' }),
  'POST /agency/projects/:id/bids/members': open('agency', { id: 'openProject' }),
  'POST /agency/projects/:id/withdraw': open('agency-of', { id: 'openProject' }),
  'POST /agency/projects/:id/direct/accept': open('agency-of', { id: 'directProject' }),
  'POST /agency/projects/:id/direct/decline': open('agency-of', { id: 'directProject' }),
  'POST /agency/bids/:id/justification': open('agency-of', { id: 'bidA' }),
  'GET /agency/consortium-requests/:id': open('agency-of', { id: 'consortiumRequest' }),
  'POST /agency/consortium-requests/:id/confirm': open('agency-of', { id: 'consortiumRequest' }),
  'POST /agency/consortium-requests/:id/decline': open('agency-of', { id: 'consortiumRequest' }),
  'POST /agency/projects/:id/objections': open('agency', { id: 'signedProject' }),

  // — The regulator's console —
  'GET /regulator/service-items': open('regulator'),
  'GET /regulator/service-items/new': open('regulator'),
  'POST /regulator/service-items': open('regulator'),
  'GET /regulator/service-items/:code/edit': open('regulator', { code: 'serviceItemCode' }),
  'POST /regulator/service-items/:code': open('regulator', { code: 'serviceItemCode' }),
  'GET /regulator/qualifications': open('regulator'),
  'POST /regulator/qualifications/:id/checks': open('regulator', { id: 'qualification' }),
  'GET /regulator/objections': open('regulator'),
  'GET /regulator/terminations': open('regulator'),
  'POST /regulator/contracts/:id/termination/decide': open('regulator', { id: 'contract' }),
  'POST /regulator/objections/:id/decide': open('regulator', { id: 'objection' }),
  'GET /regulator/fee-records': open('regulator'),
  'GET /regulator/fee-records.csv': open('regulator'),
  'GET /regulator/suspicious-payments': open('regulator'),
  'GET /regulator/register': open('regulator'),
  'POST /regulator/departments': open('regulator'),
  'POST /regulator/departments/:id': open('regulator', { id: 'department' }),
  'POST /regulator/departments/:id/affiliates': open('regulator', { id: 'department' }),
  'POST /regulator/affiliates/:id/remove': open('regulator', { id: 'affiliate' }),
  'GET /regulator/officials': open('regulator'),
  'POST /regulator/officials': open('regulator'),
  'GET /regulator/audit': open('regulator'),
  'GET /regulator/analytics': open('regulator'),
  'GET /regulator/analytics.csv': open('regulator'),
  'GET /regulator/credit-appeals': open('regulator'),
  'POST /regulator/credit-appeals/:id/decide': open('regulator', { id: 'appeal' }),
  'GET /regulator/credit-repair-files/:id': open('regulator', { id: 'repairFile' }),
  'GET /regulator/joint-punishments': open('regulator'),
  'POST /regulator/joint-punishments/imports': open('regulator'),
  'POST /regulator/joint-punishments/:id/lift': open('regulator', { id: 'jointPunishmentEntry' }),
  'GET /regulator/follow-ups': open('regulator'),
  'POST /regulator/follow-ups/:id/steps': open('regulator', { id: 'followUp' }),
  'GET /regulator/credit-rules': open('regulator'),
  'POST /regulator/credit-rules': open('regulator'),
  'GET /regulator/bans/new': open('regulator'),
  'POST /regulator/bans': open('regulator'),
  'POST /regulator/bans/:id/lift': open('regulator', { id: 'ban' }),
  'GET /regulator/contract-templates/new': open('regulator'),
  'POST /regulator/contract-templates': open('regulator'),
  'GET /regulator/inspections': open('regulator'),
  'POST /regulator/inspections': open('regulator'),
  'GET /regulator/inspections/:id': open('regulator', { id: 'inspectionPlan' }),
  'POST /regulator/inspections/:id/results': open('inspector', { id: 'inspectionPlan' }),
  'POST /regulator/inspection-recusals': open('regulator'),
  'GET /regulator/inspection-list': open('regulator'),
  'POST /regulator/inspection-list': open('regulator'),
  'POST /regulator/inspection-list/:id': open('regulator', { id: 'inspectionListEntry' }),
  'GET /regulator/signals': open('regulator'),
  'GET /regulator/similarity': open('regulator'),
  'GET /regulator/similarity/:a/:b': open('regulator', {
    a: 'deliverableFile',
    b: 'otherDeliverableFile',
  }),
  'GET /regulator/complaints': open('regulator'),
  'POST /regulator/complaints/:id/assign': open('regulator', { id: 'complaint' }),
  'POST /regulator/complaints/:id/answer': open('regulator', { id: 'complaint' }),
  'GET /regulator/complaint-files/:id': open('regulator', { id: 'complaintFile' }),

  // — The owner's area —
  'GET /owner/projects': open('owner'),
  'GET /owner/projects/new': open('owner'),
  'GET /owner/projects/:id/edit': open('owner-of', { id: 'draftProject' }),
  'POST /owner/projects/:id': open('owner-of', { id: 'draftProject' }),
  'POST /owner/projects': open('owner'),
  'GET /owner/outside-selections/new': open('owner'),
  'POST /owner/outside-selections': open('owner'),
  'POST /owner/projects/:id/publish': open('owner-of', { id: 'draftProject' }),
  'POST /owner/projects/:id/cancel': open('owner-of', { id: 'openProject' }),
  'POST /owner/projects/:id/pick': open('owner-of', { id: 'signedProject' }),
  'POST /owner/projects/:id/plan-scores': open('owner-of', { id: 'signedProject' }),
  'POST /owner/bids/:id/decide': open('owner-of', { id: 'bidA' }),
  'POST /owner/projects/:id/attachments': open('owner-of', { id: 'draftProject' }),
  'GET /owner/persons': open('owner'),
  'POST /owner/persons': open('owner'),
  'POST /owner/persons/:id/remove': open('owner-of', { id: 'person' }),
  'GET /owner/self-preparations': open('owner'),
  'POST /owner/self-preparations': open('owner'),
  'POST /owner/self-preparations/:id/withdraw': open('owner-of', { id: 'selfPreparation' }),
  'POST /owner/milestones/:id/payments': open('owner-of', { id: 'milestone' }),
  'POST /owner/milestones/:id/accept': open('owner-of', { id: 'milestone' }),
  'POST /owner/payments/:id/confirm': open('owner-of', { id: 'payment' }),

  // — The admin's area —
  'GET /admin/calendar': open('admin'),
  'GET /admin/rules': open('admin'),
  'POST /admin/rules': open('admin'),
  'POST /admin/calendar': open('admin'),
  'POST /admin/calendar/:day/remove': open('admin', { day: 'calendarDay' }),

  // — API: public —
  'POST /api/v1/auth/register': open('public'),
  'POST /api/v1/auth/tokens': open('public'),
  'GET /api/v1/openapi.json': open('public'),
  'GET /api/v1/service-items': open('public'),
  'GET /api/v1/service-items/:code': open('public', { code: 'serviceItemCode' }),
  'GET /api/v1/departments': open('public'),
  'GET /api/v1/agencies': open('public'),
  'GET /api/v1/agencies/:id': open('public', { id: 'agencyOrganization' }),
  'GET /api/v1/practitioners': open('public'),
  'GET /api/v1/practitioners/:id': open('public', { id: 'practitioner' }),
  'GET /api/v1/projects': open('public'),
  'GET /api/v1/contract-templates': open('public'),
  'GET /api/v1/contract-templates/:key': open('public', { key: 'templateKey' }),
  'GET /api/v1/public/exposure': open('public'),
  'GET /api/v1/public/inspections': open('public'),
  'GET /api/v1/public/inspections/:id/verify': open('public', { id: 'inspectionPlan' }),
  'GET /api/v1/public/inspection-list': open('public'),
  'GET /api/v1/projects/:id': open('owner-of', { id: 'draftProject' }),
  'GET /api/v1/draws/:projectId/verify': open('public', { projectId: 'signedProject' }),
  'GET /api/v1/calendar': open('public'),
  'GET /api/v1/rules': open('public'),
  'GET /api/v1/outside-selections': open('public'),
  'GET /api/v1/calendar/working-days': open('public'),
  'GET /api/v1/organizations/:id': open('public', { id: 'ownerOrganization' }),
  'GET /api/v1/ocds/releases': open('public'),
  'GET /api/v1/ocds/records/:ocid': open('public', { ocid: 'ocid' }),
  'GET /api/v1/exports/projects.csv': open('public'),
  'GET /api/v1/exports/agencies.csv': open('public'),
  'GET /api/v1/exports/results.csv': open('public'),
  'GET /api/v1/exports/contracts.csv': open('public'),
  'GET /api/v1/complaints': open('public'),
  'POST /api/v1/complaints': open('complainant'),
  'GET /api/v1/complaints/track/:code': open('public', { code: 'trackingCode' }),
  'POST /api/v1/webhooks/stripe': open('public'),
  'POST /api/v1/contracts/verify': open('public'),
  'POST /api/v1/pki/tsa': open('public'),

  // — API: any signed-in user, about their own account —
  'GET /api/v1/me': open('signed-in'),
  'GET /api/v1/alerts': open('signed-in'),
  'PUT /api/v1/alerts': open('signed-in'),
  'DELETE /api/v1/alerts': open('signed-in'),
  'GET /api/v1/pki/ca.pem': open('public'),
  'GET /api/v1/pki/crl': open('public'),
  'GET /api/v1/signing-keys': open('signer'),
  'POST /api/v1/signing-keys': open('signer'),
  'DELETE /api/v1/signing-keys/:serial': open('owner-of', { serial: 'signingCertificate' }),
  'GET /api/v1/organization/signatories': open('signer'),
  'POST /api/v1/organization/signatories': open('signer'),
  'POST /api/v1/organization/users': open('signer'),
  'POST /api/v1/organization/signatories/:id/revoke': {
    rule: 'agency-of',
    params: { id: 'agencySignatoryUser' },
    body: () => ({ reason: '授权期满' }),
  },
  'GET /api/v1/signatory-documents/:id': open('agency-of-or-staff', { id: 'signatoryDocument' }),
  'GET /api/v1/regulator/signatories': open('staff'),
  'GET /api/v1/tokens': open('signed-in'),
  'POST /api/v1/tokens': open('signed-in'),
  'DELETE /api/v1/tokens/:id': open('owner-of', { id: 'token' }),
  'GET /api/v1/notifications': open('signed-in'),
  'POST /api/v1/notifications/read': open('signed-in'),

  // — API: contracts, payments, service delivery, credit answers —
  'GET /api/v1/payments/:id': open('party-or-staff', { id: 'payment' }),
  'GET /api/v1/projects/:id/contract': open('party-or-staff', { id: 'signedProject' }),
  'PUT /api/v1/contracts/:id': open('owner-of', { id: 'contract' }),
  'POST /api/v1/contracts/:id/sign': open('party', { id: 'contract' }),
  'GET /api/v1/contracts/:id/signing-request': open('party', { id: 'contract' }),
  'POST /api/v1/contracts/:id/signatures': open('party', { id: 'contract' }),
  'GET /api/v1/contracts/:id/document.pdf': open('party-or-staff', { id: 'contract' }),
  'POST /api/v1/contracts/:id/refuse': open('agency-of', { id: 'contract' }),
  'POST /api/v1/contracts/:id/refusal': open('agency-of', { id: 'contract' }), // legacy alias
  'POST /api/v1/contracts/:id/terminate': open('owner-of', { id: 'contract' }),
  'POST /api/v1/contracts/:id/termination': open('owner-of', { id: 'contract' }), // legacy alias
  'GET /api/v1/contracts/:id/termination': open('party-or-staff', { id: 'contract' }),
  'GET /api/v1/projects/:id/archive': open('party-or-staff', { id: 'signedProject' }),
  'GET /api/v1/pki/archive-seal.pem': open('public'),
  'POST /api/v1/contracts/:id/termination/contest': open('agency-of', { id: 'contract' }),
  'POST /api/v1/contracts/:id/termination/agree': open('agency-of', { id: 'contract' }),
  'GET /api/v1/regulator/terminations': open('regulator'),
  'POST /api/v1/regulator/contracts/:id/termination/decide': open('regulator', { id: 'contract' }),
  'POST /api/v1/projects/:id/take-next-alternate': open('owner-of', { id: 'signedProject' }),
  'POST /api/v1/projects/:id/next-alternate': open('owner-of', { id: 'signedProject' }), // legacy alias
  'GET /api/v1/contracts/:id/service': open('party-or-staff', { id: 'contract' }),
  'POST /api/v1/contracts/:id/deliverables': open('agency-of', { id: 'contract' }),
  'POST /api/v1/contracts/:id/accept': open('owner-of', { id: 'contract' }),
  'POST /api/v1/contracts/:id/return': open('owner-of', { id: 'contract' }),
  'POST /api/v1/contracts/:id/pause': open('owner-of', { id: 'contract' }),
  'POST /api/v1/contracts/:id/resume': open('owner-of', { id: 'contract' }),
  'POST /api/v1/contracts/:id/record-approval': open('approver', { id: 'contract' }),
  'POST /api/v1/contracts/:id/approval-outcome': open('approver', { id: 'contract' }), // legacy alias
  'POST /api/v1/contracts/:id/evaluate': open('owner-of', { id: 'contract' }),
  'POST /api/v1/contracts/:id/evaluation': open('owner-of', { id: 'contract' }), // legacy alias
  'POST /api/v1/contracts/:id/evaluate-owner': open('agency-of', { id: 'contract' }),
  'POST /api/v1/contracts/:id/owner-evaluation': open('agency-of', { id: 'contract' }), // legacy alias
  'POST /api/v1/evaluations/:id/reply': open('agency-of', { id: 'evaluation' }),
  'POST /api/v1/credit-events/:id/reply': open('agency-of', { id: 'creditEvent' }),
  'POST /api/v1/credit-events/:id/appeal': open('agency-of', { id: 'creditEvent' }),
  'POST /api/v1/credit-repairs': {
    rule: 'agency-of',
    // The event is named in the body: a valid body reaches the check.
    body: (world) => ({
      creditEventId: world.creditEvent,
      correction: '已完成整改，申请信用修复。',
    }),
  },
  'GET /api/v1/qualifications/:id/file': open('agency-of-or-staff', { id: 'qualification' }),
  'GET /api/v1/objection-files/:id': open('objection-party', { id: 'objectionFile' }),

  // — API: regulators (and admins, read-only) —
  'GET /api/v1/regulator/organizations': open('staff'),
  'GET /api/v1/regulator/qualifications': open('staff'),
  'GET /api/v1/regulator/audit/verify': open('staff'),
  'GET /api/v1/regulator/analytics': open('staff'),
  'GET /api/v1/regulator/fee-records': open('staff'),
  'GET /api/v1/regulator/suspicious-payments': open('staff'),
  'POST /api/v1/regulator/contract-templates': open('regulator'),
  'GET /api/v1/regulator/credit-rules': open('staff'),
  'POST /api/v1/service-items': open('regulator'),
  'PUT /api/v1/service-items/:code': open('regulator', { code: 'serviceItemCode' }),
  'POST /api/v1/regulator/credit-events': open('regulator'),
  'PUT /api/v1/regulator/credit-rules': open('regulator'),
  'GET /api/v1/regulator/credit-appeals': open('regulator'),
  'POST /api/v1/regulator/credit-appeals/:id/decide': open('regulator', { id: 'appeal' }),
  'POST /api/v1/regulator/appeals/:id/decide': open('regulator', { id: 'appeal' }), // legacy alias
  'POST /api/v1/regulator/credit-repairs/:id/decide': open('regulator', { id: 'repair' }),
  'GET /api/v1/regulator/joint-punishments': open('regulator'),
  'POST /api/v1/regulator/joint-punishments/imports': open('regulator'),
  'POST /api/v1/regulator/joint-punishments/:id/lift': open('regulator', {
    id: 'jointPunishmentEntry',
  }),
  'GET /api/v1/regulator/follow-ups': open('regulator'),
  'POST /api/v1/regulator/follow-ups/:id/steps': open('regulator', { id: 'followUp' }),
  'POST /api/v1/regulator/bans': open('regulator'),
  'POST /api/v1/regulator/bans/:id/lift': open('regulator', { id: 'ban' }),
  'DELETE /api/v1/regulator/bans/:id': open('regulator', { id: 'ban' }), // legacy alias
  'POST /api/v1/regulator/qualifications/:id/checks': open('regulator', { id: 'qualification' }),
  'POST /api/v1/regulator/inspections': open('regulator'),
  'POST /api/v1/regulator/inspections/:id/results': open('inspector', { id: 'inspectionPlan' }),
  'POST /api/v1/regulator/inspection-recusals': open('regulator'),
  'POST /api/v1/regulator/inspection-list': open('regulator'),
  'PUT /api/v1/regulator/inspection-list/:id': open('regulator', { id: 'inspectionListEntry' }),
  'GET /api/v1/regulator/signals': open('regulator'),
  'GET /api/v1/regulator/similarity': open('regulator'),
  'POST /api/v1/regulator/departments': open('regulator'),
  'PUT /api/v1/regulator/departments/:id': open('regulator', { id: 'department' }),
  'POST /api/v1/regulator/departments/:id/affiliates': open('regulator', { id: 'department' }),
  'POST /api/v1/regulator/affiliates/:id/remove': open('regulator', { id: 'affiliate' }),
  'GET /api/v1/regulator/conflict-suspensions': open('regulator'),
  'GET /api/v1/regulator/officials': open('regulator'),
  'POST /api/v1/regulator/officials': open('regulator'),
  'GET /api/v1/regulator/complaints': open('regulator'),
  'POST /api/v1/regulator/complaints/:id/assign': open('regulator', { id: 'complaint' }),
  'POST /api/v1/regulator/complaints/:id/answer': open('regulator', { id: 'complaint' }),
  'POST /api/v1/regulator/objections/:id/decide': open('regulator', { id: 'objection' }),
  'POST /api/v1/objections/:id/decide': open('regulator', { id: 'objection' }), // legacy alias

  // — API: owners —
  'POST /api/v1/projects': open('owner'),
  'POST /api/v1/outside-selections': open('owner'),
  'PUT /api/v1/projects/:id': open('owner-of', { id: 'draftProject' }),
  'POST /api/v1/projects/:id/publish': open('owner-of', { id: 'draftProject' }),
  'POST /api/v1/projects/:id/cancel': open('owner-of', { id: 'openProject' }),
  'POST /api/v1/projects/:id/attachments': open('owner-of', { id: 'draftProject' }),
  'POST /api/v1/projects/:id/pick': open('owner-of', { id: 'signedProject' }),
  'POST /api/v1/projects/:id/shortlist/pick': open('owner-of', { id: 'signedProject' }), // legacy alias
  'GET /api/v1/projects/:id/plans': open('owner-of', { id: 'signedProject' }),
  'POST /api/v1/projects/:id/plan-scores': open('owner-of', { id: 'signedProject' }),
  'POST /api/v1/bids/:id/reject': open('owner-of', { id: 'bidA' }),
  'POST /api/v1/bids/:id/rejection': open('owner-of', { id: 'bidA' }), // legacy alias
  'POST /api/v1/bids/:id/accept': open('owner-of', { id: 'bidA' }),
  'POST /api/v1/bids/:id/acceptance': open('owner-of', { id: 'bidA' }), // legacy alias
  'POST /api/v1/owner/persons': open('owner'),
  'DELETE /api/v1/owner/persons/:id': open('owner-of', { id: 'person' }),
  'GET /api/v1/owner/self-preparations': open('owner'),
  'POST /api/v1/owner/self-preparations': open('owner'),
  'POST /api/v1/owner/self-preparations/:id/withdraw': open('owner-of', {
    id: 'selfPreparation',
  }),
  'POST /api/v1/milestones/:id/payments': open('owner-of', { id: 'milestone' }),
  'POST /api/v1/milestones/:id/accept': open('owner-of', { id: 'milestone' }),
  'POST /api/v1/payments/:id/confirm': open('owner-of', { id: 'payment' }),
  'POST /api/v1/payments/:id/test-confirmation': open('owner-of', { id: 'payment' }), // legacy alias

  // — API: agencies —
  'POST /api/v1/projects/:id/bids': open('agency', { id: 'openProject' }),
  'GET /api/v1/projects/:id/bids/mine': open('agency-of', { id: 'openProject' }),
  'DELETE /api/v1/projects/:id/bids/mine': open('agency-of', { id: 'openProject' }),
  'GET /api/v1/bids/mine': open('agency'),
  'POST /api/v1/projects/:id/direct/accept': open('agency-of', { id: 'directProject' }),
  'POST /api/v1/projects/:id/direct/decline': open('agency-of', { id: 'directProject' }),
  'POST /api/v1/bids/:id/justification': open('agency-of', { id: 'bidA' }),
  'GET /api/v1/consortium-requests': open('agency'),
  'POST /api/v1/consortium-requests/:id/confirm': open('agency-of', { id: 'consortiumRequest' }),
  'POST /api/v1/consortium-requests/:id/decline': open('agency-of', { id: 'consortiumRequest' }),
  'POST /api/v1/projects/:id/objections': open('agency', { id: 'signedProject' }),
  'GET /api/v1/agency/profile': open('agency'),
  'PUT /api/v1/agency/profile': open('agency'),
  'POST /api/v1/agency/withdraw': open('agency'),
  'POST /api/v1/agency/withdrawal': open('agency'), // legacy alias
  'POST /api/v1/agency/return': open('agency'),
  'POST /api/v1/agency/qualifications': open('agency'),
  'GET /api/v1/agency/credit-events': open('agency'),
  'DELETE /api/v1/agency/qualifications/:id': open('agency-of', {
    id: 'qualificationWithoutScan',
  }),
  'GET /api/v1/agency/declaration': open('agency'),
  'PUT /api/v1/agency/declaration': open('agency'),
  'POST /api/v1/agency/practitioners': open('agency'),
  'DELETE /api/v1/agency/practitioners/:id': open('agency-of', { id: 'practitioner' }),

  // — API: admins —
  'PUT /api/v1/admin/calendar/:day': open('admin', { day: 'calendarDay' }),
  'POST /api/v1/admin/rules': open('admin'),
  'DELETE /api/v1/admin/calendar/:day': open('admin', { day: 'calendarDay' }),

  // — Anything else: 404 for everyone, after the whole middleware stack —
  'GET /*': { rule: 'nowhere', path: '/authz-no-such-page' },
  'POST /*': { rule: 'nowhere', path: '/authz-no-such-page' },
  'PUT /*': { rule: 'nowhere', path: '/authz-no-such-page' },
  'PATCH /*': { rule: 'nowhere', path: '/authz-no-such-page' },
  'DELETE /*': { rule: 'nowhere', path: '/authz-no-such-page' },
  'OPTIONS /*': { rule: 'nowhere', path: '/authz-no-such-page' },
}
