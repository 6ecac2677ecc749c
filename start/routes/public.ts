/*
 * Public pages: the catalog, the directory, projects and their draws,
 * exposure, rules, inspections, complaints, templates, the API docs and the
 * health checks. Nobody needs to sign in to read the market.
 */
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { uploads } from '#start/routes/uploads'

router.get('/', [controllers.Home, 'show']).as('home')
router.post('/locale', [controllers.Locales, 'update']).as('locale')
router.post('/care-mode', [controllers.CareModes, 'update']).as('care_mode')
router.get('/search', [controllers.Search, 'show']).as('search')
router.get('/guide/:name', [controllers.Guides, 'show']).as('guide')

// Public: the catalog (中介服务事项库), the directory (中介机构库), owners' pages
router.get('/service-items', [controllers.Catalog, 'index']).as('service_items.index')
router.get('/service-items/:code', [controllers.Catalog, 'show']).as('service_items.show')
// 红顶中介: the public register of approval departments and what each sponsors, supervises or owns
router.get('/departments', [controllers.Departments, 'index']).as('departments.index')
router.get('/agencies', [controllers.Agencies, 'index']).as('agencies.index')
router
  .get('/agencies/:id', [controllers.Agencies, 'show'])
  .as('agencies.show')
  .where('id', router.matchers.number())
// 执业记录: practitioners' public practice records, found by name and agency
router.get('/practitioners', [controllers.Practitioners, 'index']).as('practitioners.index')
router
  .get('/practitioners/:id', [controllers.Practitioners, 'show'])
  .as('practitioners.show')
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
// 自主选择: selections made outside the market where it is voluntary, public like results
router
  .get('/outside-selections', [controllers.OutsideSelections, 'index'])
  .as('outsideSelections.index')
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

// Anyone checks the signatures of a signed contract PDF (nothing is kept)
router
  .get('/contracts/verify', [controllers.ContractVerifications, 'create'])
  .as('contracts.verify')
router
  .post('/contracts/verify', [controllers.ContractVerifications, 'store'])
  .as('contracts.verify.store')
  .use(uploads.contractPdf)

router
  .group(() => {
    router.get('/contracts', [controllers.Contracts, 'index']).as('contracts.index')
    // 电子档案: the sealed archive of a closed project (parties, regulators, admins)
    router
      .get('/projects/:id/archive', [controllers.ProjectArchives, 'download'])
      .as('projects.archive')
      .where('id', router.matchers.number())
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
    // Reliable signatures from the page: the browser's key signs what the market prepared
    router
      .post('/contracts/:id/signing-request', [controllers.Contracts, 'signingRequest'])
      .as('contracts.signing_request')
      .where('id', router.matchers.number())
    router
      .post('/contracts/:id/signatures', [controllers.Contracts, 'signatures'])
      .as('contracts.signatures')
      .where('id', router.matchers.number())
    router
      .get('/contracts/:id/document.pdf', [controllers.Contracts, 'document'])
      .as('contracts.document')
      .where('id', router.matchers.number())
    router.post('/contracts/:id/refuse', [controllers.Contracts, 'refuse']).as('contracts.refuse')
    // 合同解除: the owner terminates; the agency contests or agrees within the window.
    router
      .post('/contracts/:id/terminate', [controllers.ContractTerminations, 'store'])
      .as('contracts.terminate')
    router
      .post('/contracts/:id/termination/contest', [controllers.ContractTerminations, 'contest'])
      .as('contracts.termination.contest')
    router
      .post('/contracts/:id/termination/agree', [controllers.ContractTerminations, 'agree'])
      .as('contracts.termination.agree')
    router
      .post('/projects/:id/take-next-alternate', [controllers.Contracts, 'nextAlternate'])
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
      .post('/contracts/:id/record-approval', [controllers.ContractServices, 'approvalOutcome'])
      .as('contracts.approval_outcome')
    router
      .post('/contracts/:id/evaluate', [controllers.ContractServices, 'evaluate'])
      .as('contracts.evaluate')
    router
      .post('/contracts/:id/evaluate-owner', [controllers.ContractServices, 'evaluateOwner'])
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
      .get('/credit-events/:id/repair', [controllers.CreditEvents, 'repairForm'])
      .as('credit_events.repair_form')
      .where('id', router.matchers.number())
    router
      .post('/credit-events/:id/repair', [controllers.CreditEvents, 'repair'])
      .as('credit_events.repair')
      .where('id', router.matchers.number())
      .use(uploads.evidence)
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
