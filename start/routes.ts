/*
 * Routes: public pages, accounts, role dashboards, health, and the JSON API
 * under /api/v1 (API.md). State changes are POSTs guarded by CSRF on pages and
 * by bearer tokens on the API.
 */
import router from '@adonisjs/core/services/router'
import { Exception } from '@adonisjs/core/exceptions'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { ROLES } from '#domain/roles'

/**
 * Record ids are whole numbers everywhere: `/contracts/abc` matches no route
 * and answers 404 (a text id reached the handlers and the database as 500).
 * Routes that cast their id to a number say so themselves.
 */
for (const param of ['id', 'attachmentId', 'projectId', 'a', 'b']) {
  router.where(param, /^\d{1,18}$/)
}

/**
 * The routes that take files, with what each may receive (the whole body and
 * the number of files); every other route refuses multipart bodies (415).
 * The `uploads` middleware comes last on each, after login and role checks.
 */
const uploads = {
  /** Reports: PDF, DOCX or TXT, 50 MB each, at most 5, 120 MB together. */
  deliverables: middleware.uploads({ limit: '120mb', maxFiles: 5 }),
  /** One scan or document (PDF, JPEG, PNG) of 10 MB at most. */
  oneScan: middleware.uploads({ limit: '11mb', maxFiles: 1 }),
  /** Evidence: up to 5 scans of 10 MB at most. */
  evidence: middleware.uploads({ limit: '51mb', maxFiles: 5 }),
}

router.get('/', [controllers.Home, 'show']).as('home')
router.post('/locale', [controllers.Locales, 'update']).as('locale')

// Public: the catalog (中介服务事项库), the directory (中介机构库), owners' pages
router.get('/service-items', [controllers.Catalog, 'index']).as('service_items.index')
router.get('/service-items/:code', [controllers.Catalog, 'show']).as('service_items.show')
router.get('/agencies', [controllers.Agencies, 'index']).as('agencies.index')
router
  .get('/agencies/:id', [controllers.Agencies, 'show'])
  .as('agencies.show')
  .where('id', router.matchers.number())
router
  .get('/organizations/:id', [controllers.Organizations, 'show'])
  .as('organizations.show')
  .where('id', router.matchers.number())

router.get('/projects', [controllers.Projects, 'index']).as('projects.index')
router
  .get('/feeds/announcements.atom', [controllers.Feeds, 'announcements'])
  .as('feeds.announcements')
router
  .get('/projects/:id', [controllers.Projects, 'show'])
  .as('projects.show')
  .where('id', router.matchers.number())
router
  .get('/projects/:id/attachments/:attachmentId', [controllers.ProjectAttachments, 'show'])
  .as('projects.attachments.show')
  .where('id', router.matchers.number())
  .where('attachmentId', router.matchers.number())
router
  .get('/projects/:id/verify', [controllers.Projects, 'verify'])
  .as('projects.verify')
  .where('id', router.matchers.number())

router.get('/exposure', [controllers.Bans, 'exposure']).as('exposure')
// The market's rule parameters and their public change log
router.get('/rules', [controllers.Rules, 'index']).as('rules.index')
// 双随机、一公开: inspection plans, their draws and results (public)
router.get('/inspections', [controllers.Inspections, 'index']).as('inspections.index')
router
  .get('/inspections/:id', [controllers.Inspections, 'show'])
  .as('inspections.show')
  .where('id', router.matchers.number())

// Complaints 投诉举报: anyone files (also anonymously) and follows with the tracking code
router.get('/complaints', [controllers.Complaints, 'index']).as('complaints.index')
router.get('/complaints/new', [controllers.Complaints, 'create']).as('complaints.create')
router
  .post('/complaints', [controllers.Complaints, 'store'])
  .as('complaints.store')
  .use(uploads.evidence)
router.get('/complaints/filed', [controllers.Complaints, 'filed']).as('complaints.filed')
router.get('/complaints/track', [controllers.Complaints, 'track']).as('complaints.track')

router
  .get('/contract-templates', [controllers.ContractTemplates, 'index'])
  .as('contract_templates.index')
router
  .get('/contract-templates/:key', [controllers.ContractTemplates, 'show'])
  .as('contract_templates.show')

router
  .group(() => {
    router.get('/contracts', [controllers.Contracts, 'index']).as('contracts.index')
    router
      .get('/contracts/:id', [controllers.Contracts, 'show'])
      .as('contracts.show')
      .where('id', router.matchers.number())
    router
      .get('/contracts/:id/print', [controllers.Contracts, 'print'])
      .as('contracts.print')
      .where('id', router.matchers.number())
    router.post('/contracts/:id/terms', [controllers.Contracts, 'update']).as('contracts.update')
    router.post('/contracts/:id/sign', [controllers.Contracts, 'sign']).as('contracts.sign')
    router.post('/contracts/:id/refusal', [controllers.Contracts, 'refuse']).as('contracts.refuse')
    router
      .post('/contracts/:id/termination', [controllers.Contracts, 'terminate'])
      .as('contracts.terminate')
    router
      .post('/projects/:id/next-alternate', [controllers.Contracts, 'nextAlternate'])
      .as('projects.next_alternate')
    // Service delivery on the contract page (API twins under /api/v1/contracts/:id/…)
    router
      .post('/contracts/:id/deliverables', [controllers.ContractServices, 'deliver'])
      .as('contracts.deliver')
      .use(uploads.deliverables)
    router
      .post('/contracts/:id/accept', [controllers.ContractServices, 'accept'])
      .as('contracts.accept')
    router
      .post('/contracts/:id/return', [controllers.ContractServices, 'return'])
      .as('contracts.return')
    router
      .post('/contracts/:id/pause', [controllers.ContractServices, 'pause'])
      .as('contracts.pause')
    router
      .post('/contracts/:id/resume', [controllers.ContractServices, 'resume'])
      .as('contracts.resume')
    router
      .post('/contracts/:id/approval-outcome', [controllers.ContractServices, 'approvalOutcome'])
      .as('contracts.approval_outcome')
    router
      .post('/contracts/:id/evaluation', [controllers.ContractServices, 'evaluate'])
      .as('contracts.evaluate')
    router
      .post('/contracts/:id/owner-evaluation', [controllers.ContractServices, 'evaluateOwner'])
      .as('contracts.evaluate_owner')
    router
      .post('/evaluations/:id/reply', [controllers.ContractServices, 'reply'])
      .as('evaluations.reply')
    router
      .post('/credit-events/:id/reply', [controllers.CreditEvents, 'reply'])
      .as('credit_events.reply')
    router
      .post('/credit-events/:id/appeal', [controllers.CreditEvents, 'appeal'])
      .as('credit_events.appeal')
    router
      .post('/credit-events/:id/repair', [controllers.CreditEvents, 'repair'])
      .as('credit_events.repair')
    router
      .get('/deliverable-files/:id', [controllers.ContractServices, 'file'])
      .as('deliverable_files.show')
      .where('id', router.matchers.number())
    // 双随机、一公开: inspection evidence files (staff and the inspected agency)
    router
      .get('/inspection-files/:id', [controllers.Inspections, 'file'])
      .as('inspection_files.show')
      .where('id', router.matchers.number())
  })
  .use(middleware.auth())

router.get('/api-docs', [controllers.ApiDocs, 'show']).as('api_docs')
router.get('/health/live', [controllers.HealthChecks, 'live']).as('health.live')
router.get('/health/ready', [controllers.HealthChecks, 'ready']).as('health.ready')

router
  .group(() => {
    router.get('/register', [controllers.Registrations, 'create']).as('register')
    router.post('/register', [controllers.Registrations, 'store']).as('register.store')
    router.get('/login', [controllers.Sessions, 'create']).as('login')
    router.post('/login', [controllers.Sessions, 'store']).as('login.store')
  })
  .use(middleware.guest())

router
  .group(() => {
    router.post('/logout', [controllers.Sessions, 'destroy']).as('logout')
    router.get('/dashboard', [controllers.Dashboards, 'show']).as('dashboard')
    router
      .get('/account/tokens', [controllers.account.AccessTokens, 'index'])
      .as('account.tokens.index')
    router
      .post('/account/tokens', [controllers.account.AccessTokens, 'store'])
      .as('account.tokens.store')
    router
      .post('/account/tokens/:id/revocation', [controllers.account.AccessTokens, 'destroy'])
      .as('account.tokens.revoke')
      .where('id', router.matchers.number())
    // One's own password: changing it ends one's other sessions
    router
      .get('/account/password', [controllers.account.Passwords, 'edit'])
      .as('account.password.edit')
    router
      .post('/account/password', [controllers.account.Passwords, 'update'])
      .as('account.password.update')
    // Regulators and admins suspend accounts (停用账号) and reinstate them
    router
      .group(() => {
        router.get('/accounts', [controllers.AccountSuspensions, 'index']).as('accounts.index')
        router
          .post('/accounts/:id/suspension', [controllers.AccountSuspensions, 'store'])
          .as('accounts.suspend')
        router
          .post('/accounts/:id/reinstatement', [controllers.AccountSuspensions, 'reinstate'])
          .as('accounts.reinstate')
      })
      .use(middleware.role({ roles: ['regulator', 'admin'] }))
    // E-mail alerts of new announcements (订阅提醒)
    router.get('/account/alerts', [controllers.account.Alerts, 'show']).as('account.alerts.show')
    router
      .post('/account/alerts', [controllers.account.Alerts, 'update'])
      .as('account.alerts.update')
    router
      .post('/account/alerts/removal', [controllers.account.Alerts, 'destroy'])
      .as('account.alerts.destroy')
    router.get('/notifications', [controllers.Notifications, 'index']).as('notifications.index')
    router
      .post('/notifications/read', [controllers.Notifications, 'markRead'])
      .as('notifications.read')
    for (const role of ROLES) {
      router
        .get(`/dashboard/${role}`, [controllers.Dashboards, 'role'])
        .as(`dashboard.${role}`)
        .use(middleware.role({ roles: [role] }))
    }
    router
      .get('/qualifications/:id/file', [controllers.QualificationFiles, 'show'])
      .as('qualifications.file')
      .where('id', router.matchers.number())

    router
      .group(() => {
        router.get('/profile', [controllers.agency.Profile, 'edit']).as('profile.edit')
        router.post('/profile', [controllers.agency.Profile, 'update']).as('profile.update')
        router.post('/withdrawal', [controllers.agency.Profile, 'withdraw']).as('withdrawal')
        router.post('/return', [controllers.agency.Profile, 'comeBack']).as('return')
        router
          .post('/qualifications', [controllers.agency.Qualifications, 'store'])
          .as('qualifications.store')
          .use(uploads.oneScan)
        router
          .post('/qualifications/:id/removal', [controllers.agency.Qualifications, 'destroy'])
          .as('qualifications.removal')
        router
          .post('/practitioners', [controllers.agency.Practitioners, 'store'])
          .as('practitioners.store')
        router
          .post('/practitioners/:id/removal', [controllers.agency.Practitioners, 'destroy'])
          .as('practitioners.removal')
        router.get('/projects', [controllers.agency.Bids, 'index']).as('projects.index')
        router.post('/projects/:id/bids', [controllers.agency.Bids, 'store']).as('bids.store')
        router
          .post('/projects/:id/withdrawal', [controllers.agency.Bids, 'withdraw'])
          .as('bids.withdraw')
        router
          .post('/projects/:id/direct/accept', [controllers.agency.Bids, 'acceptDirect'])
          .as('direct.accept')
        router
          .post('/projects/:id/direct/decline', [controllers.agency.Bids, 'declineDirect'])
          .as('direct.decline')
        router
          .post('/bids/:id/justification', [controllers.agency.Bids, 'justify'])
          .as('bids.justify')
        router
          .post('/consortium-requests/:id/confirm', [
            controllers.agency.ConsortiumRequests,
            'confirm',
          ])
          .as('consortium_requests.confirm')
          .where('id', router.matchers.number())
        router
          .post('/consortium-requests/:id/decline', [
            controllers.agency.ConsortiumRequests,
            'decline',
          ])
          .as('consortium_requests.decline')
          .where('id', router.matchers.number())
        router
          .post('/projects/:id/objections', [controllers.agency.Bids, 'object'])
          .as('objections.store')
      })
      .prefix('/agency')
      .as('agency')
      .use(middleware.role({ roles: ['agency'] }))

    router
      .group(() => {
        router
          .get('/service-items', [controllers.regulator.ServiceItems, 'index'])
          .as('service_items.index')
        router
          .get('/service-items/new', [controllers.regulator.ServiceItems, 'create'])
          .as('service_items.create')
        router
          .post('/service-items', [controllers.regulator.ServiceItems, 'store'])
          .as('service_items.store')
        router
          .get('/service-items/:code/edit', [controllers.regulator.ServiceItems, 'edit'])
          .as('service_items.edit')
        router
          .post('/service-items/:code', [controllers.regulator.ServiceItems, 'update'])
          .as('service_items.update')
        router
          .get('/qualifications', [controllers.regulator.QualificationChecks, 'index'])
          .as('qualifications.index')
        router
          .post('/qualifications/:id/checks', [controllers.regulator.QualificationChecks, 'store'])
          .as('qualifications.checks')
        router
          .get('/objections', [controllers.regulator.Objections, 'index'])
          .as('objections.index')
        router
          .post('/objections/:id/decision', [controllers.regulator.Objections, 'decide'])
          .as('objections.decide')
        router
          .get('/fee-records', [controllers.regulator.FeeRecords, 'index'])
          .as('fee_records.index')
        router
          .get('/fee-records.csv', [controllers.regulator.FeeRecords, 'export'])
          .as('fee_records.export')
        router
          .get('/suspicious-payments', [controllers.regulator.SuspiciousPaymentEvents, 'index'])
          .as('suspicious_payments.index')
        router.get('/audit', [controllers.regulator.AuditLog, 'index']).as('audit.index')
        // 大数据监管: the market's figures
        router.get('/analytics', [controllers.regulator.Analytics, 'show']).as('analytics.show')
        router
          .get('/analytics.csv', [controllers.regulator.Analytics, 'export'])
          .as('analytics.export')
        router
          .get('/credit-appeals', [controllers.regulator.Credit, 'appeals'])
          .as('credit_appeals.index')
        router
          .post('/credit-appeals/:id/decision', [controllers.regulator.Credit, 'decideAppeal'])
          .as('credit_appeals.decide')
        router
          .get('/follow-ups', [controllers.regulator.Credit, 'followUps'])
          .as('follow_ups.index')
        router
          .post('/follow-ups/:id/steps', [controllers.regulator.Credit, 'recordStep'])
          .as('follow_ups.step')
        router.get('/credit-rules', [controllers.regulator.Credit, 'rules']).as('credit_rules.show')
        router
          .post('/credit-rules', [controllers.regulator.Credit, 'updateRules'])
          .as('credit_rules.update')
        router.get('/bans/new', [controllers.Bans, 'create']).as('bans.create')
        router.post('/bans', [controllers.Bans, 'store']).as('bans.store')
        router.post('/bans/:id/lifting', [controllers.Bans, 'lift']).as('bans.lift')
        router
          .get('/contract-templates/new', [controllers.ContractTemplates, 'create'])
          .as('contract_templates.create')
        router
          .post('/contract-templates', [controllers.ContractTemplates, 'store'])
          .as('contract_templates.store')
        // 双随机、一公开: inspection plans, results and declared relations (回避申报)
        router
          .get('/inspections', [controllers.regulator.Inspections, 'index'])
          .as('inspections.index')
        router
          .post('/inspections', [controllers.regulator.Inspections, 'store'])
          .as('inspections.store')
        router
          .get('/inspections/:id', [controllers.regulator.Inspections, 'show'])
          .as('inspections.show')
          .where('id', router.matchers.number())
        router
          .post('/inspections/:id/results', [controllers.regulator.Inspections, 'storeResult'])
          .as('inspections.results.store')
          .where('id', router.matchers.number())
          .use(uploads.evidence)
        router
          .post('/inspection-recusals', [controllers.regulator.Inspections, 'storeRecusal'])
          .as('inspection_recusals.store')
        // Regulator signals: collusion signals and report similarity (中介文本对比分析)
        router.get('/signals', [controllers.regulator.Signals, 'index']).as('signals.index')
        router
          .get('/similarity', [controllers.regulator.Signals, 'similarity'])
          .as('similarity.index')
        router
          .get('/similarity/:a/:b', [controllers.regulator.Signals, 'pair'])
          .as('similarity.show')
          .where('a', router.matchers.number())
          .where('b', router.matchers.number())
        // Complaints 投诉举报: the desk (by state, due dates), assignment, answers, evidence
        router
          .get('/complaints', [controllers.regulator.Complaints, 'index'])
          .as('complaints.index')
        router
          .post('/complaints/:id/assignment', [controllers.regulator.Complaints, 'assign'])
          .as('complaints.assign')
          .where('id', router.matchers.number())
        router
          .post('/complaints/:id/answer', [controllers.regulator.Complaints, 'answer'])
          .as('complaints.answer')
          .where('id', router.matchers.number())
        router
          .get('/complaint-files/:id', [controllers.regulator.Complaints, 'file'])
          .as('complaint_files.show')
          .where('id', router.matchers.number())
      })
      .prefix('/regulator')
      .as('regulator')
      .use(middleware.role({ roles: ['regulator'] }))

    router
      .group(() => {
        router.get('/projects', [controllers.owner.Projects, 'index']).as('projects.index')
        router.get('/projects/new', [controllers.owner.Projects, 'create']).as('projects.create')
        router.post('/projects', [controllers.owner.Projects, 'store']).as('projects.store')
        router
          .post('/projects/:id/publish', [controllers.owner.Projects, 'publish'])
          .as('projects.publish')
        router
          .post('/projects/:id/cancel', [controllers.owner.Projects, 'cancel'])
          .as('projects.cancel')
        router.post('/projects/:id/pick', [controllers.owner.Projects, 'pick']).as('projects.pick')
        router
          .post('/projects/:id/plan-scores', [controllers.owner.Projects, 'scorePlans'])
          .as('projects.plan_scores')
        router
          .post('/bids/:id/decision', [controllers.owner.Projects, 'decideQuote'])
          .as('bids.decide')
        router
          .post('/projects/:id/attachments', [controllers.ProjectAttachments, 'store'])
          .as('projects.attachments.store')
          .use(uploads.oneScan)
        router.get('/persons', [controllers.owner.Persons, 'index']).as('persons.index')
        router.post('/persons', [controllers.owner.Persons, 'store']).as('persons.store')
        router
          .post('/persons/:id/removal', [controllers.owner.Persons, 'destroy'])
          .as('persons.removal')
        router
          .post('/milestones/:id/payments', [controllers.owner.Payments, 'store'])
          .as('milestones.payments.store')
          .where('id', router.matchers.number())
        router
          .post('/payments/:id/confirmation', [controllers.owner.Payments, 'confirm'])
          .as('payments.confirm')
          .where('id', router.matchers.number())
      })
      .prefix('/owner')
      .as('owner')
      .use(middleware.role({ roles: ['owner'] }))

    router
      .group(() => {
        router.get('/calendar', [controllers.admin.Calendar, 'index']).as('calendar.index')
        router.post('/calendar', [controllers.admin.Calendar, 'store']).as('calendar.store')
        router.get('/rules', [controllers.admin.Rules, 'edit']).as('rules.edit')
        router.post('/rules', [controllers.admin.Rules, 'store']).as('rules.store')
        router
          .post('/calendar/:day/removal', [controllers.admin.Calendar, 'destroy'])
          .as('calendar.removal')
      })
      .prefix('/admin')
      .as('admin')
      .use(middleware.role({ roles: ['admin'] }))
  })
  .use(middleware.auth())

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

/**
 * Anything else is a 404 — answered after the whole router middleware stack
 * ran, so the not-found page has the visitor's language, session and login.
 */
router.any('*', () => {
  throw new Exception('Not found', { status: 404, code: 'E_ROUTE_NOT_FOUND' })
})
