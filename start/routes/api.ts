/*
 * The JSON API under /api/v1 (API.md): bearer tokens with scopes, the API's
 * rate limit, and Stripe's signed webhook outside it.
 */
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { uploads } from '#start/routes/uploads'

router
  .group(() => {
    router.post('/auth/register', [controllers.api.Registrations, 'store']).as('auth.register')
    router.post('/auth/tokens', [controllers.api.Tokens, 'store']).as('auth.tokens')
    router.get('/openapi.json', [controllers.api.OpenApi, 'show']).as('openapi')

    // Public: the catalog and the agency directory
    router.get('/service-items', [controllers.api.ServiceItems, 'index']).as('service_items.index')
    router
      .get('/service-items/:code', [controllers.api.ServiceItems, 'show'])
      .as('service_items.show')
    router.get('/agencies', [controllers.api.Agencies, 'index']).as('agencies.index')
    router
      .get('/agencies/:id', [controllers.api.Agencies, 'show'])
      .as('agencies.show')
      .where('id', router.matchers.number())
    router.get('/projects', [controllers.api.Projects, 'index']).as('projects.index')
    router.get('/contract-templates', [controllers.ContractTemplates, 'index'])
    router.get('/contract-templates/:key', [controllers.ContractTemplates, 'show'])
    router.get('/public/exposure', [controllers.Bans, 'exposure'])
    // 双随机、一公开: published plans and results, and the recomputation of a plan's draws
    router.get('/public/inspections', [controllers.Inspections, 'index'])
    router
      .get('/public/inspections/:id/verify', [controllers.Inspections, 'verify'])
      .as('inspections.verify')
      .where('id', router.matchers.number())
    router
      .get('/projects/:id', [controllers.api.Projects, 'show'])
      .as('projects.show')
      .where('id', router.matchers.number())
    router
      .get('/draws/:projectId/verify', [controllers.api.Draws, 'verify'])
      .as('draws.verify')
      .where('projectId', router.matchers.number())
    router.get('/calendar', [controllers.api.Calendar, 'index']).as('calendar.index')
    router.get('/rules', [controllers.api.Rules, 'index']).as('rules.index')
    router
      .get('/calendar/working-days', [controllers.api.Calendar, 'workingDays'])
      .as('calendar.working_days')
    router
      .get('/organizations/:id', [controllers.api.Organizations, 'show'])
      .as('organizations.show')
      .where('id', router.matchers.number())

    // Open data: OCDS 1.1 packages and CSV downloads (public, no token)
    router.get('/ocds/releases', [controllers.api.Ocds, 'releases']).as('ocds.releases')
    router.get('/ocds/records/:ocid', [controllers.api.Ocds, 'record']).as('ocds.record')
    router
      .get('/exports/projects.csv', [controllers.api.Exports, 'projects'])
      .as('exports.projects')
    router
      .get('/exports/agencies.csv', [controllers.api.Exports, 'agencies'])
      .as('exports.agencies')
    router.get('/exports/results.csv', [controllers.api.Exports, 'results']).as('exports.results')
    router
      .get('/exports/contracts.csv', [controllers.api.Exports, 'contracts'])
      .as('exports.contracts')

    // Complaints 投诉举报: outcomes, filing (public, or with a token), tracking by code
    router.get('/complaints', [controllers.api.Complaints, 'index']).as('complaints.index')
    router
      .post('/complaints', [controllers.api.Complaints, 'store'])
      .as('complaints.store')
      .use(middleware.tokenScope())
      .use(uploads.evidence)
    router
      .get('/complaints/track/:code', [controllers.api.Complaints, 'track'])
      .as('complaints.track')

    router
      .group(() => {
        router.get('/me', [controllers.api.Me, 'show']).as('me')
        router.get('/alerts', [controllers.api.Alerts, 'show']).as('alerts.show')
        router.put('/alerts', [controllers.api.Alerts, 'update']).as('alerts.update')
        router.delete('/alerts', [controllers.api.Alerts, 'destroy']).as('alerts.destroy')
        router.get('/tokens', [controllers.api.AccessTokens, 'index']).as('tokens.index')
        router.post('/tokens', [controllers.api.AccessTokens, 'store']).as('tokens.store')
        router
          .delete('/tokens/:id', [controllers.api.AccessTokens, 'destroy'])
          .as('tokens.destroy')
          .where('id', router.matchers.number())
        router
          .get('/payments/:id', [controllers.api.Payments, 'show'])
          .where('id', router.matchers.number())
        router.get('/projects/:id/contract', [controllers.api.Contracts, 'show'])
        router.put('/contracts/:id', [controllers.api.Contracts, 'update'])
        router.post('/contracts/:id/sign', [controllers.api.Contracts, 'sign'])
        router.post('/contracts/:id/refusal', [controllers.api.Contracts, 'refuse'])
        router.post('/contracts/:id/termination', [controllers.api.Contracts, 'terminate'])
        router.post('/projects/:id/next-alternate', [controllers.api.Contracts, 'nextAlternate'])
        // Service delivery and evaluation: the policies name who may do each step.
        router.get('/contracts/:id/service', [controllers.api.ContractServices, 'show'])
        router
          .post('/contracts/:id/deliverables', [controllers.api.ContractServices, 'deliver'])
          .use(uploads.deliverables)
        router.post('/contracts/:id/accept', [controllers.api.ContractServices, 'accept'])
        router.post('/contracts/:id/return', [controllers.api.ContractServices, 'return'])
        router.post('/contracts/:id/pause', [controllers.api.ContractServices, 'pause'])
        router.post('/contracts/:id/resume', [controllers.api.ContractServices, 'resume'])
        router.post('/contracts/:id/approval-outcome', [
          controllers.api.ContractServices,
          'approvalOutcome',
        ])
        router.post('/contracts/:id/evaluation', [controllers.api.ContractServices, 'evaluate'])
        router.post('/contracts/:id/owner-evaluation', [
          controllers.api.ContractServices,
          'evaluateOwner',
        ])
        router.post('/evaluations/:id/reply', [controllers.api.Evaluations, 'reply'])
        router.post('/credit-events/:id/reply', [controllers.api.CreditEvents, 'reply'])
        router.post('/credit-events/:id/appeal', [controllers.api.CreditEvents, 'appeal'])
        router.post('/credit-repairs', [controllers.api.CreditEvents, 'repair'])
        router.get('/notifications', [controllers.api.Notifications, 'index'])
        router.post('/notifications/read', [controllers.api.Notifications, 'markRead'])
        router
          .get('/qualifications/:id/file', [controllers.QualificationFiles, 'show'])
          .as('qualifications.file')

        router
          .group(() => {
            router.get('/organizations', [controllers.api.regulator.Organizations, 'index'])
            router.get('/qualifications', [controllers.api.regulator.QualificationChecks, 'index'])
            router.get('/audit/verify', [controllers.api.regulator.Audit, 'verify'])
            router.get('/analytics', [controllers.regulator.Analytics, 'api'])
            router.get('/fee-records', [controllers.api.regulator.FeeRecords, 'index'])
            router.get('/suspicious-payments', [
              controllers.api.regulator.SuspiciousPaymentEvents,
              'index',
            ])
            router.post('/contract-templates', [controllers.ContractTemplates, 'store'])
            router.get('/credit-rules', [controllers.api.regulator.Credit, 'rules'])
          })
          .prefix('/regulator')
          .as('regulator')
          .use(middleware.role({ roles: ['regulator', 'admin'] }))

        router
          .group(() => {
            router.post('/service-items', [controllers.api.ServiceItems, 'store'])
            router.put('/service-items/:code', [controllers.api.ServiceItems, 'update'])
            router.post('/regulator/credit-events', [controllers.api.regulator.Credit, 'store'])
            router.put('/regulator/credit-rules', [controllers.api.regulator.Credit, 'updateRules'])
            router.get('/regulator/credit-appeals', [
              controllers.api.regulator.CreditAppeals,
              'index',
            ])
            router.post('/regulator/appeals/:id/decide', [
              controllers.api.regulator.CreditAppeals,
              'decideAppeal',
            ])
            router.post('/regulator/credit-repairs/:id/decide', [
              controllers.api.regulator.CreditAppeals,
              'decideRepair',
            ])
            router.get('/regulator/follow-ups', [controllers.api.regulator.FollowUps, 'index'])
            router.post('/regulator/follow-ups/:id/steps', [
              controllers.api.regulator.FollowUps,
              'step',
            ])
            router.post('/regulator/bans', [controllers.Bans, 'store'])
            router.delete('/regulator/bans/:id', [controllers.Bans, 'lift'])
            router.post('/regulator/qualifications/:id/checks', [
              controllers.api.regulator.QualificationChecks,
              'store',
            ])
            // 双随机、一公开: plans drawn at once, results by the drawn inspectors, 回避申报
            router.post('/regulator/inspections', [controllers.api.regulator.Inspections, 'store'])
            router
              .post('/regulator/inspections/:id/results', [
                controllers.api.regulator.Inspections,
                'storeResult',
              ])
              .use(uploads.evidence)
            router.post('/regulator/inspection-recusals', [
              controllers.api.regulator.Inspections,
              'storeRecusal',
            ])
            // Regulator signals: collusion signals and report similarity
            router.get('/regulator/signals', [controllers.api.regulator.Signals, 'index'])
            router.get('/regulator/similarity', [controllers.api.regulator.Signals, 'similarity'])
            // Complaints 投诉举报: the regulator's desk
            router
              .get('/regulator/complaints', [controllers.api.regulator.Complaints, 'index'])
              .as('regulator.complaints.index')
            router
              .post('/regulator/complaints/:id/assign', [
                controllers.api.regulator.Complaints,
                'assign',
              ])
              .as('regulator.complaints.assign')
            router
              .post('/regulator/complaints/:id/answer', [
                controllers.api.regulator.Complaints,
                'answer',
              ])
              .as('regulator.complaints.answer')
          })
          .use(middleware.role({ roles: ['regulator'] }))

        router
          .group(() => {
            router.post('/projects', [controllers.api.Projects, 'store'])
            router.post('/projects/:id/publish', [controllers.api.Projects, 'publish'])
            router.post('/projects/:id/cancel', [controllers.api.Projects, 'cancel'])
            router
              .post('/projects/:id/attachments', [controllers.ProjectAttachments, 'store'])
              .use(uploads.oneScan)
            router.post('/projects/:id/shortlist/pick', [controllers.api.Selections, 'pick'])
            router.get('/projects/:id/plans', [controllers.api.Selections, 'plans'])
            router.post('/projects/:id/plan-scores', [controllers.api.Selections, 'scorePlans'])
            router.post('/bids/:id/rejection', [controllers.api.Selections, 'rejectQuote'])
            router.post('/bids/:id/acceptance', [controllers.api.Selections, 'keepQuote'])
            // The owner's key persons, compared with agencies' for conflicts of interest.
            router.post('/owner/persons', [controllers.api.agency.Practitioners, 'store'])
            router.delete('/owner/persons/:id', [controllers.api.agency.Practitioners, 'destroy'])
            router
              .post('/milestones/:id/payments', [controllers.api.Payments, 'store'])
              .where('id', router.matchers.number())
            router
              .post('/payments/:id/test-confirmation', [
                controllers.api.PaymentConfirmations,
                'store',
              ])
              .where('id', router.matchers.number())
          })
          .use(middleware.role({ roles: ['owner'] }))

        router
          .post('/objections/:id/decide', [controllers.api.Objections, 'decide'])
          .use(middleware.role({ roles: ['regulator'] }))

        router
          .group(() => {
            router.post('/projects/:id/bids', [controllers.api.Bids, 'store'])
            router.get('/projects/:id/bids/mine', [controllers.api.Bids, 'mine'])
            router.delete('/projects/:id/bids/mine', [controllers.api.Bids, 'destroy'])
            router.get('/bids/mine', [controllers.api.Bids, 'index'])
            router.post('/projects/:id/direct/accept', [controllers.api.Selections, 'acceptDirect'])
            router.post('/projects/:id/direct/decline', [
              controllers.api.Selections,
              'declineDirect',
            ])
            router.post('/bids/:id/justification', [controllers.api.Selections, 'justify'])
            router.get('/consortium-requests', [controllers.api.ConsortiumRequests, 'index'])
            router
              .post('/consortium-requests/:id/confirm', [
                controllers.api.ConsortiumRequests,
                'confirm',
              ])
              .where('id', router.matchers.number())
            router
              .post('/consortium-requests/:id/decline', [
                controllers.api.ConsortiumRequests,
                'decline',
              ])
              .where('id', router.matchers.number())
            router.post('/projects/:id/objections', [controllers.api.Objections, 'store'])
          })
          .use(middleware.role({ roles: ['agency'] }))

        router
          .group(() => {
            router.put('/calendar/:day', [controllers.api.Calendar, 'update'])
            router.post('/rules', [controllers.api.Rules, 'store'])
            router.delete('/calendar/:day', [controllers.api.Calendar, 'destroy'])
          })
          .prefix('/admin')
          .as('admin')
          .use(middleware.role({ roles: ['admin'] }))

        router
          .group(() => {
            router.get('/profile', [controllers.api.agency.Profile, 'show'])
            router.put('/profile', [controllers.api.agency.Profile, 'update'])
            router.post('/withdrawal', [controllers.api.agency.Profile, 'withdraw'])
            router.post('/return', [controllers.api.agency.Profile, 'comeBack'])
            router
              .post('/qualifications', [controllers.api.agency.Qualifications, 'store'])
              .use(uploads.oneScan)
            router.delete('/qualifications/:id', [controllers.api.agency.Qualifications, 'destroy'])
            router.post('/practitioners', [controllers.api.agency.Practitioners, 'store'])
            router.delete('/practitioners/:id', [controllers.api.agency.Practitioners, 'destroy'])
          })
          .prefix('/agency')
          .as('agency')
          .use(middleware.role({ roles: ['agency'] }))
      })
      .use([middleware.auth({ guards: ['api'] }), middleware.tokenScope()])
  })
  .prefix('/api/v1')
  .as('api.v1')
  .use(middleware.apiRateLimit())

/**
 * Stripe's signed events: no login and no CSRF token (the signature is checked
 * instead), and outside the API's rate limit: Stripe delivers in bursts from a
 * few addresses and would only retry later.
 */
router
  .post('/api/v1/webhooks/stripe', [controllers.api.StripeWebhooks, 'store'])
  .as('api.v1.webhooks.stripe')
