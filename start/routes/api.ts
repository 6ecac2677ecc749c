/*
 * The JSON API under /api/v1 (API.md): bearer tokens with scopes, the API's
 * rate limit, and Stripe's signed webhook outside it. Every route is named
 * `api.v1.…`; the paths follow the convention written in start/routes.ts.
 *
 * Old paths renamed to that convention still answer, with the same handler,
 * as `….legacy` routes: deprecated in the OpenAPI document and listed, old →
 * new, in docs/integrators/api-routes.md.
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
    router.get('/departments', [controllers.Departments, 'api']).as('departments.index')
    router.get('/agencies', [controllers.api.Agencies, 'index']).as('agencies.index')
    router
      .get('/agencies/:id', [controllers.api.Agencies, 'show'])
      .as('agencies.show')
      .where('id', router.matchers.number())
    router.get('/practitioners', [controllers.api.Practitioners, 'index']).as('practitioners.index')
    router
      .get('/practitioners/:id', [controllers.api.Practitioners, 'show'])
      .as('practitioners.show')
      .where('id', router.matchers.number())
    router.get('/projects', [controllers.api.Projects, 'index']).as('projects.index')
    // 自主选择: selections made outside the market where it is voluntary, public like results
    router
      .get('/outside-selections', [controllers.api.OutsideSelections, 'index'])
      .as('outside_selections.index')
    router
      .get('/contract-templates', [controllers.api.ContractTemplates, 'index'])
      .as('contract_templates.index')
    router
      .get('/contract-templates/:key', [controllers.api.ContractTemplates, 'show'])
      .as('contract_templates.show')
    router.get('/public/exposure', [controllers.api.Bans, 'exposure']).as('exposure')
    // 双随机、一公开: published plans and results, and the recomputation of a plan's draws
    router
      .get('/public/inspections', [controllers.api.Inspections, 'index'])
      .as('inspections.index')
    router
      .get('/public/inspections/:id/verify', [controllers.api.Inspections, 'verify'])
      .as('inspections.verify')
      .where('id', router.matchers.number())
    router
      .get('/public/inspection-list', [controllers.api.Inspections, 'list'])
      .as('inspection_list.index')
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

    // Signed contract PDFs: anyone verifies one; the development time-stamping authority
    router
      .post('/contracts/verify', [controllers.api.ContractVerifications, 'store'])
      .as('contracts.verify')
      .use(uploads.contractPdf)
    router.post('/pki/tsa', [controllers.api.Timestamps, 'store']).as('pki.tsa')
    // The archive seal's public key (电子档案): anyone verifies a sealed archive with it
    router
      .get('/pki/archive-seal.pem', [controllers.ProjectArchives, 'sealKey'])
      .as('pki.archive_seal')

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
    // The market CA: its certificate and its revocation list (DER), for every verifier
    router.get('/pki/ca.pem', [controllers.api.Pki, 'caCertificate']).as('pki.ca')
    router.get('/pki/crl', [controllers.api.Pki, 'crl']).as('pki.crl')

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
          .as('payments.show')
          .where('id', router.matchers.number())
        router
          .get('/projects/:id/contract', [controllers.api.Contracts, 'show'])
          .as('projects.contract')
        router
          .get('/projects/:id/archive', [controllers.ProjectArchives, 'download'])
          .as('projects.archive')
          .where('id', router.matchers.number())
        router.put('/contracts/:id', [controllers.api.Contracts, 'update']).as('contracts.update')
        router.post('/contracts/:id/sign', [controllers.api.Contracts, 'sign']).as('contracts.sign')
        // Reliable signatures: the signer's key signs what the market prepared over the PDF
        router
          .get('/contracts/:id/signing-request', [controllers.api.Contracts, 'signingRequest'])
          .as('contracts.signing_request')
          .where('id', router.matchers.number())
        router
          .post('/contracts/:id/signatures', [controllers.api.Contracts, 'signatures'])
          .as('contracts.signatures')
          .where('id', router.matchers.number())
        router
          .get('/contracts/:id/document.pdf', [controllers.api.Contracts, 'document'])
          .as('contracts.document')
          .where('id', router.matchers.number())
        router
          .post('/contracts/:id/refuse', [controllers.api.Contracts, 'refuse'])
          .as('contracts.refuse')
        router
          .post('/contracts/:id/refusal', [controllers.api.Contracts, 'refuse'])
          .as('contracts.refuse.legacy')
        router
          .post('/contracts/:id/terminate', [controllers.api.Contracts, 'terminate'])
          .as('contracts.terminate')
        router
          .post('/contracts/:id/termination', [controllers.api.Contracts, 'terminate'])
          .as('contracts.terminate.legacy')
        router
          .get('/contracts/:id/termination', [controllers.api.ContractTerminations, 'show'])
          .as('contracts.termination.show')
        router
          .post('/contracts/:id/termination/contest', [
            controllers.api.ContractTerminations,
            'contest',
          ])
          .as('contracts.termination.contest')
        router
          .post('/contracts/:id/termination/agree', [controllers.api.ContractTerminations, 'agree'])
          .as('contracts.termination.agree')
        router
          .post('/projects/:id/take-next-alternate', [controllers.api.Contracts, 'nextAlternate'])
          .as('projects.next_alternate')
        router
          .post('/projects/:id/next-alternate', [controllers.api.Contracts, 'nextAlternate'])
          .as('projects.next_alternate.legacy')
        // Service delivery and evaluation: the policies name who may do each step.
        router
          .get('/contracts/:id/service', [controllers.api.ContractServices, 'show'])
          .as('contracts.service')
        router
          .post('/contracts/:id/deliverables', [controllers.api.ContractServices, 'deliver'])
          .as('contracts.deliver')
          .use(uploads.deliverables)
        router
          .post('/contracts/:id/accept', [controllers.api.ContractServices, 'accept'])
          .as('contracts.accept')
        router
          .post('/contracts/:id/return', [controllers.api.ContractServices, 'return'])
          .as('contracts.return')
        router
          .post('/contracts/:id/pause', [controllers.api.ContractServices, 'pause'])
          .as('contracts.pause')
        router
          .post('/contracts/:id/resume', [controllers.api.ContractServices, 'resume'])
          .as('contracts.resume')
        router
          .post('/contracts/:id/record-approval', [
            controllers.api.ContractServices,
            'approvalOutcome',
          ])
          .as('contracts.approval_outcome')
        router
          .post('/contracts/:id/approval-outcome', [
            controllers.api.ContractServices,
            'approvalOutcome',
          ])
          .as('contracts.approval_outcome.legacy')
        router
          .post('/contracts/:id/evaluate', [controllers.api.ContractServices, 'evaluate'])
          .as('contracts.evaluate')
        router
          .post('/contracts/:id/evaluation', [controllers.api.ContractServices, 'evaluate'])
          .as('contracts.evaluate.legacy')
        router
          .post('/contracts/:id/evaluate-owner', [
            controllers.api.ContractServices,
            'evaluateOwner',
          ])
          .as('contracts.evaluate_owner')
        router
          .post('/contracts/:id/owner-evaluation', [
            controllers.api.ContractServices,
            'evaluateOwner',
          ])
          .as('contracts.evaluate_owner.legacy')
        router
          .post('/evaluations/:id/reply', [controllers.api.Evaluations, 'reply'])
          .as('evaluations.reply')
        router
          .post('/credit-events/:id/reply', [controllers.api.CreditEvents, 'reply'])
          .as('credit_events.reply')
        router
          .post('/credit-events/:id/appeal', [controllers.api.CreditEvents, 'appeal'])
          .as('credit_events.appeal')
        router
          .post('/credit-repairs', [controllers.api.CreditEvents, 'repair'])
          .as('credit_repairs.store')
          .use(uploads.evidence)
        router
          .get('/notifications', [controllers.api.Notifications, 'index'])
          .as('notifications.index')
        router
          .post('/notifications/read', [controllers.api.Notifications, 'markRead'])
          .as('notifications.read')
        router
          .get('/qualifications/:id/file', [controllers.QualificationFiles, 'show'])
          .as('qualifications.file')
        router
          .get('/objection-files/:id', [controllers.ObjectionFiles, 'show'])
          .as('objection_files.show')
          .where('id', router.matchers.number())
        router
          .get('/signatory-documents/:id', [controllers.SignatoryDocuments, 'show'])
          .as('signatory_documents.show')

        // Reliable electronic signatures: signer-held keys and who may sign for the organisation
        router
          .group(() => {
            router
              .get('/signing-keys', [controllers.api.SigningKeys, 'index'])
              .as('signing_keys.index')
            router
              .post('/signing-keys', [controllers.api.SigningKeys, 'store'])
              .as('signing_keys.store')
            router
              .delete('/signing-keys/:serial', [controllers.api.SigningKeys, 'destroy'])
              .as('signing_keys.destroy')
              .where('serial', /^[0-9a-fA-F]{1,40}$/)
            router
              .get('/organization/signatories', [controllers.api.Signatories, 'index'])
              .as('signatories.index')
            router
              .post('/organization/signatories', [controllers.api.Signatories, 'store'])
              .as('signatories.store')
              .use(uploads.oneScan)
            router
              .post('/organization/signatories/:id/revoke', [controllers.api.Signatories, 'revoke'])
              .as('signatories.revoke')
            router
              .post('/organization/users', [controllers.api.Signatories, 'addColleague'])
              .as('organization.users.store')
          })
          .use(middleware.role({ roles: ['owner', 'agency'] }))

        // The catalog's items: written by regulators, read by everyone (above)
        router
          .group(() => {
            router
              .post('/service-items', [controllers.api.ServiceItems, 'store'])
              .as('service_items.store')
            router
              .put('/service-items/:code', [controllers.api.ServiceItems, 'update'])
              .as('service_items.update')
          })
          .use(middleware.role({ roles: ['regulator'] }))

        // The regulator's desk. Admins read the registers; the rest is the regulator's alone.
        router
          .group(() => {
            router
              .group(() => {
                router
                  .get('/organizations', [controllers.api.regulator.Organizations, 'index'])
                  .as('organizations.index')
                router
                  .get('/qualifications', [controllers.api.regulator.QualificationChecks, 'index'])
                  .as('qualifications.index')
                router
                  .get('/audit/verify', [controllers.api.regulator.Audit, 'verify'])
                  .as('audit.verify')
                router
                  .get('/analytics', [controllers.regulator.Analytics, 'api'])
                  .as('analytics.show')
                router
                  .get('/fee-records', [controllers.api.regulator.FeeRecords, 'index'])
                  .as('fee_records.index')
                router
                  .get('/suspicious-payments', [
                    controllers.api.regulator.SuspiciousPaymentEvents,
                    'index',
                  ])
                  .as('suspicious_payments.index')
                router
                  .post('/contract-templates', [controllers.api.ContractTemplates, 'store'])
                  .as('contract_templates.store')
                router
                  .get('/credit-rules', [controllers.api.regulator.Credit, 'rules'])
                  .as('credit_rules.show')
                router
                  .get('/signatories', [controllers.api.regulator.Signatories, 'index'])
                  .as('signatories.index')
              })
              .use(middleware.role({ roles: ['regulator', 'admin'] }))

            router
              .group(() => {
                router
                  .post('/credit-events', [controllers.api.regulator.Credit, 'store'])
                  .as('credit_events.store')
                router
                  .put('/credit-rules', [controllers.api.regulator.Credit, 'updateRules'])
                  .as('credit_rules.update')
                router
                  .get('/credit-appeals', [controllers.api.regulator.CreditAppeals, 'index'])
                  .as('credit_appeals.index')
                router
                  .post('/credit-appeals/:id/decide', [
                    controllers.api.regulator.CreditAppeals,
                    'decideAppeal',
                  ])
                  .as('credit_appeals.decide')
                router
                  .post('/appeals/:id/decide', [
                    controllers.api.regulator.CreditAppeals,
                    'decideAppeal',
                  ])
                  .as('credit_appeals.decide.legacy')
                router
                  .post('/credit-repairs/:id/decide', [
                    controllers.api.regulator.CreditAppeals,
                    'decideRepair',
                  ])
                  .as('credit_repairs.decide')
                router
                  .get('/follow-ups', [controllers.api.regulator.FollowUps, 'index'])
                  .as('follow_ups.index')
                router
                  .post('/follow-ups/:id/steps', [controllers.api.regulator.FollowUps, 'step'])
                  .as('follow_ups.step')
                router
                  .get('/joint-punishments', [controllers.api.regulator.JointPunishments, 'index'])
                  .as('joint_punishments.index')
                router
                  .post('/joint-punishments/imports', [
                    controllers.api.regulator.JointPunishments,
                    'import',
                  ])
                  .as('joint_punishments.import')
                  .use(uploads.oneList)
                router
                  .post('/joint-punishments/:id/lift', [
                    controllers.api.regulator.JointPunishments,
                    'lift',
                  ])
                  .as('joint_punishments.lift')
                  .where('id', router.matchers.number())
                router.post('/bans', [controllers.api.Bans, 'store']).as('bans.store')
                router.post('/bans/:id/lift', [controllers.api.Bans, 'lift']).as('bans.lift')
                router.delete('/bans/:id', [controllers.api.Bans, 'lift']).as('bans.lift.legacy')
                router
                  .post('/qualifications/:id/checks', [
                    controllers.api.regulator.QualificationChecks,
                    'store',
                  ])
                  .as('qualifications.checks')
                router
                  .post('/objections/:id/decide', [controllers.api.Objections, 'decide'])
                  .as('objections.decide')
                // 合同解除争议: contested terminations, decided by a regulator
                router
                  .get('/terminations', [controllers.api.ContractTerminations, 'index'])
                  .as('terminations.index')
                router
                  .post('/contracts/:id/termination/decide', [
                    controllers.api.ContractTerminations,
                    'decide',
                  ])
                  .as('terminations.decide')
                // 双随机、一公开: plans drawn at once, results by the drawn inspectors, 回避申报
                router
                  .post('/inspections', [controllers.api.regulator.Inspections, 'store'])
                  .as('inspections.store')
                router
                  .post('/inspections/:id/results', [
                    controllers.api.regulator.Inspections,
                    'storeResult',
                  ])
                  .as('inspections.results.store')
                  .use(uploads.evidence)
                router
                  .post('/inspection-recusals', [
                    controllers.api.regulator.Inspections,
                    'storeRecusal',
                  ])
                  .as('inspection_recusals.store')
                router
                  .post('/inspection-list', [controllers.api.regulator.Inspections, 'storeEntry'])
                  .as('inspection_list.store')
                router
                  .put('/inspection-list/:id', [
                    controllers.api.regulator.Inspections,
                    'updateEntry',
                  ])
                  .as('inspection_list.update')
                  .where('id', router.matchers.number())
                // Regulator signals: collusion signals and report similarity
                router
                  .get('/signals', [controllers.api.regulator.Signals, 'index'])
                  .as('signals.index')
                router
                  .get('/similarity', [controllers.api.regulator.Signals, 'similarity'])
                  .as('similarity.index')
                // 红顶中介 and 在职公职人员兼职: the register and the list of serving officials
                router
                  .post('/departments', [controllers.api.regulator.Integrity, 'storeDepartment'])
                  .as('departments.store')
                router
                  .put('/departments/:id', [
                    controllers.api.regulator.Integrity,
                    'renameDepartment',
                  ])
                  .as('departments.update')
                  .where('id', router.matchers.number())
                router
                  .post('/departments/:id/affiliates', [
                    controllers.api.regulator.Integrity,
                    'storeAffiliate',
                  ])
                  .as('affiliates.store')
                  .where('id', router.matchers.number())
                router
                  .post('/affiliates/:id/remove', [
                    controllers.api.regulator.Integrity,
                    'removeAffiliate',
                  ])
                  .as('affiliates.removal')
                  .where('id', router.matchers.number())
                router
                  .get('/conflict-suspensions', [
                    controllers.api.regulator.Integrity,
                    'suspensions',
                  ])
                  .as('conflict_suspensions.index')
                router
                  .get('/officials', [controllers.api.regulator.Integrity, 'officials'])
                  .as('officials.index')
                router
                  .post('/officials', [controllers.api.regulator.Integrity, 'loadOfficials'])
                  .as('officials.store')
                  .use(uploads.officialsList)
                // Complaints 投诉举报: the regulator's desk
                router
                  .get('/complaints', [controllers.api.regulator.Complaints, 'index'])
                  .as('complaints.index')
                router
                  .post('/complaints/:id/assign', [controllers.api.regulator.Complaints, 'assign'])
                  .as('complaints.assign')
                router
                  .post('/complaints/:id/answer', [controllers.api.regulator.Complaints, 'answer'])
                  .as('complaints.answer')
              })
              .use(middleware.role({ roles: ['regulator'] }))
          })
          .prefix('/regulator')
          .as('regulator')

        router
          .post('/objections/:id/decide', [controllers.api.Objections, 'decide'])
          .as('regulator.objections.decide.legacy')
          .use(middleware.role({ roles: ['regulator'] }))

        router
          .group(() => {
            router.post('/projects', [controllers.api.Projects, 'store']).as('projects.store')
            router.put('/projects/:id', [controllers.api.Projects, 'update']).as('projects.update')
            router
              .post('/projects/:id/publish', [controllers.api.Projects, 'publish'])
              .as('projects.publish')
            router
              .post('/projects/:id/cancel', [controllers.api.Projects, 'cancel'])
              .as('projects.cancel')
            router
              .post('/projects/:id/attachments', [controllers.api.ProjectAttachments, 'store'])
              .as('projects.attachments.store')
              .use(uploads.oneScan)
            router
              .post('/projects/:id/pick', [controllers.api.Selections, 'pick'])
              .as('projects.pick')
            router
              .post('/projects/:id/shortlist/pick', [controllers.api.Selections, 'pick'])
              .as('projects.pick.legacy')
            router
              .get('/projects/:id/plans', [controllers.api.Selections, 'plans'])
              .as('projects.plans')
            router
              .post('/projects/:id/plan-scores', [controllers.api.Selections, 'scorePlans'])
              .as('projects.plan_scores')
            router
              .post('/bids/:id/reject', [controllers.api.Selections, 'rejectQuote'])
              .as('bids.reject')
            router
              .post('/bids/:id/rejection', [controllers.api.Selections, 'rejectQuote'])
              .as('bids.reject.legacy')
            router
              .post('/bids/:id/accept', [controllers.api.Selections, 'keepQuote'])
              .as('bids.accept')
            router
              .post('/bids/:id/acceptance', [controllers.api.Selections, 'keepQuote'])
              .as('bids.accept.legacy')
            // The owner's key persons, compared with agencies' for conflicts of interest.
            router
              .post('/owner/persons', [controllers.api.agency.Practitioners, 'store'])
              .as('owner.persons.store')
            router
              .delete('/owner/persons/:id', [controllers.api.agency.Practitioners, 'destroy'])
              .as('owner.persons.destroy')
            router
              .post('/milestones/:id/payments', [controllers.api.Payments, 'store'])
              .as('milestones.payments.store')
              .where('id', router.matchers.number())
            router
              .post('/milestones/:id/accept', [controllers.api.Milestones, 'accept'])
              .as('milestones.accept')
              .where('id', router.matchers.number())
            router
              .post('/payments/:id/confirm', [controllers.api.PaymentConfirmations, 'store'])
              .as('payments.confirm')
              .where('id', router.matchers.number())
            router
              .post('/payments/:id/test-confirmation', [
                controllers.api.PaymentConfirmations,
                'store',
              ])
              .as('payments.confirm.legacy')
              .where('id', router.matchers.number())
            router
              .post('/outside-selections', [controllers.api.OutsideSelections, 'store'])
              .as('outside_selections.store')
            router
              .get('/owner/self-preparations', [controllers.api.SelfPreparations, 'index'])
              .as('owner.self_preparations.index')
            router
              .post('/owner/self-preparations', [controllers.api.SelfPreparations, 'store'])
              .as('owner.self_preparations.store')
            router
              .post('/owner/self-preparations/:id/withdraw', [
                controllers.api.SelfPreparations,
                'withdraw',
              ])
              .as('owner.self_preparations.withdraw')
              .where('id', router.matchers.number())
          })
          .use(middleware.role({ roles: ['owner'] }))

        router
          .group(() => {
            router.post('/projects/:id/bids', [controllers.api.Bids, 'store']).as('bids.store')
            router.get('/projects/:id/bids/mine', [controllers.api.Bids, 'mine']).as('bids.mine')
            router
              .delete('/projects/:id/bids/mine', [controllers.api.Bids, 'destroy'])
              .as('bids.withdraw')
            router.get('/bids/mine', [controllers.api.Bids, 'index']).as('bids.index')
            router
              .post('/projects/:id/direct/accept', [controllers.api.Selections, 'acceptDirect'])
              .as('direct.accept')
            router
              .post('/projects/:id/direct/decline', [controllers.api.Selections, 'declineDirect'])
              .as('direct.decline')
            router
              .post('/bids/:id/justification', [controllers.api.Selections, 'justify'])
              .as('bids.justify')
            router
              .get('/consortium-requests', [controllers.api.ConsortiumRequests, 'index'])
              .as('consortium_requests.index')
            router
              .post('/consortium-requests/:id/confirm', [
                controllers.api.ConsortiumRequests,
                'confirm',
              ])
              .as('consortium_requests.confirm')
              .where('id', router.matchers.number())
            router
              .post('/consortium-requests/:id/decline', [
                controllers.api.ConsortiumRequests,
                'decline',
              ])
              .as('consortium_requests.decline')
              .where('id', router.matchers.number())
            router
              .post('/projects/:id/objections', [controllers.api.Objections, 'store'])
              .as('objections.store')
              .use(uploads.evidence)
          })
          .use(middleware.role({ roles: ['agency'] }))

        router
          .group(() => {
            router.put('/calendar/:day', [controllers.api.Calendar, 'update']).as('calendar.update')
            router.post('/rules', [controllers.api.Rules, 'store']).as('rules.store')
            router
              .delete('/calendar/:day', [controllers.api.Calendar, 'destroy'])
              .as('calendar.destroy')
          })
          .prefix('/admin')
          .as('admin')
          .use(middleware.role({ roles: ['admin'] }))

        router
          .group(() => {
            router.get('/profile', [controllers.api.agency.Profile, 'show']).as('profile.show')
            router.put('/profile', [controllers.api.agency.Profile, 'update']).as('profile.update')
            router.post('/withdraw', [controllers.api.agency.Profile, 'withdraw']).as('withdraw')
            router
              .post('/withdrawal', [controllers.api.agency.Profile, 'withdraw'])
              .as('withdraw.legacy')
            router.post('/return', [controllers.api.agency.Profile, 'comeBack']).as('return')
            router
              .post('/qualifications', [controllers.api.agency.Qualifications, 'store'])
              .as('qualifications.store')
              .use(uploads.oneScan)
            router
              .delete('/qualifications/:id', [controllers.api.agency.Qualifications, 'destroy'])
              .as('qualifications.destroy')
            router
              .get('/declaration', [controllers.api.agency.Declaration, 'show'])
              .as('declaration.show')
            router
              .put('/declaration', [controllers.api.agency.Declaration, 'update'])
              .as('declaration.update')
            router
              .post('/practitioners', [controllers.api.agency.Practitioners, 'store'])
              .as('practitioners.store')
            router
              .delete('/practitioners/:id', [controllers.api.agency.Practitioners, 'destroy'])
              .as('practitioners.destroy')
            router
              .get('/credit-events', [controllers.api.CreditEvents, 'mine'])
              .as('credit_events.index')
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
