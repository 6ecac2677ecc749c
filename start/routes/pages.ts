/*
 * Signed-in pages: registration and login, then each role's area (owner,
 * agency, regulator, admin) behind its role check. State changes are POSTs
 * guarded by CSRF.
 */
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { uploads } from '#start/routes/uploads'
import { ROLES } from '#domain/roles'

router
  .group(() => {
    router.get('/register', [controllers.Registrations, 'create']).as('register')
    router.post('/register', [controllers.Registrations, 'store']).as('register.store')
    router.get('/login', [controllers.Sessions, 'create']).as('login')
    router.post('/login', [controllers.Sessions, 'store']).as('login.store')
    // 忘记密码: the same answer for every e-mail; the link arrives by mail
    router.get('/password/forgot', [controllers.PasswordResets, 'create']).as('password.forgot')
    router
      .post('/password/forgot', [controllers.PasswordResets, 'store'])
      .as('password.forgot.store')
  })
  .use(middleware.guest())

// The link from a reset e-mail: signed and expiring, valid whoever is signed in
router
  .get('/password/reset/:id', [controllers.PasswordResets, 'edit'])
  .where('id', router.matchers.number())
  .as('password.reset.edit')
router
  .post('/password/reset/:id', [controllers.PasswordResets, 'update'])
  .where('id', router.matchers.number())
  .as('password.reset.update')

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
      .post('/account/tokens/:id/revoke', [controllers.account.AccessTokens, 'destroy'])
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
          .post('/accounts/:id/suspend', [controllers.AccountSuspensions, 'store'])
          .as('accounts.suspend')
        router
          .post('/accounts/:id/reinstate', [controllers.AccountSuspensions, 'reinstate'])
          .as('accounts.reinstate')
        router
          .post('/accounts/:id/send-password-reset', [
            controllers.AccountSuspensions,
            'sendPasswordReset',
          ])
          .as('accounts.sendPasswordReset')
      })
      .use(middleware.role({ roles: ['regulator', 'admin'] }))
    // Reliable electronic signatures: one's own signing keys, and who may sign for the organisation
    router
      .group(() => {
        router
          .get('/account/signing-keys', [controllers.account.SigningKeys, 'index'])
          .as('account.signing_keys.index')
        router
          .post('/account/signing-keys', [controllers.account.SigningKeys, 'store'])
          .as('account.signing_keys.store')
        router
          .post('/account/signing-keys/:serial/revoke', [controllers.account.SigningKeys, 'revoke'])
          .as('account.signing_keys.revoke')
          .where('serial', /^[0-9a-fA-F]{1,40}$/)
        router
          .get('/account/signatories', [controllers.account.Signatories, 'index'])
          .as('account.signatories.index')
        router
          .post('/account/signatories', [controllers.account.Signatories, 'store'])
          .as('account.signatories.store')
          .use(uploads.oneScan)
        router
          .post('/account/signatories/:id/revoke', [controllers.account.Signatories, 'revoke'])
          .as('account.signatories.revoke')
        router
          .post('/account/colleagues', [controllers.account.Signatories, 'addColleague'])
          .as('account.colleagues.store')
      })
      .use(middleware.role({ roles: ['owner', 'agency'] }))
    router
      .get('/signatory-documents/:id', [controllers.SignatoryDocuments, 'show'])
      .as('signatory_documents.show')
    // E-mail alerts of new announcements (订阅提醒)
    router.get('/account/alerts', [controllers.account.Alerts, 'show']).as('account.alerts.show')
    router
      .post('/account/alerts', [controllers.account.Alerts, 'update'])
      .as('account.alerts.update')
    router
      .post('/account/alerts/remove', [controllers.account.Alerts, 'destroy'])
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
      .get('/objection-files/:id', [controllers.ObjectionFiles, 'show'])
      .as('objection_files.show')
      .where('id', router.matchers.number())

    router
      .group(() => {
        router.get('/profile', [controllers.agency.Profile, 'edit']).as('profile.edit')
        router.post('/profile', [controllers.agency.Profile, 'update']).as('profile.update')
        router.post('/withdraw', [controllers.agency.Profile, 'withdraw']).as('withdrawal')
        router.post('/return', [controllers.agency.Profile, 'comeBack']).as('return')
        router
          .post('/qualifications', [controllers.agency.Qualifications, 'store'])
          .as('qualifications.store')
          .use(uploads.oneScan)
        router
          .post('/qualifications/:id/remove', [controllers.agency.Qualifications, 'destroy'])
          .as('qualifications.removal')
        router
          .post('/practitioners', [controllers.agency.Practitioners, 'store'])
          .as('practitioners.store')
        router
          .post('/practitioners/:id/remove', [controllers.agency.Practitioners, 'destroy'])
          .as('practitioners.removal')
        // 红顶中介: nature, sponsor or supervising body, shareholders of 5 % or more
        router.get('/declaration', [controllers.agency.Declaration, 'edit']).as('declaration.edit')
        router
          .post('/declaration', [controllers.agency.Declaration, 'update'])
          .as('declaration.update')
        router.get('/projects', [controllers.agency.Bids, 'index']).as('projects.index')
        router.post('/projects/:id/bids', [controllers.agency.Bids, 'store']).as('bids.store')
        // The bid form sent back to itself to list the consortium members' persons.
        router
          .post('/projects/:id/bids/members', [controllers.agency.Bids, 'members'])
          .as('bids.members')
        router
          .post('/projects/:id/withdraw', [controllers.agency.Bids, 'withdraw'])
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
          .get('/consortium-requests/:id', [controllers.agency.ConsortiumRequests, 'show'])
          .as('consortium_requests.show')
          .where('id', router.matchers.number())
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
          .use(uploads.evidence)
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
          .get('/terminations', [controllers.regulator.Terminations, 'index'])
          .as('terminations.index')
        router
          .post('/contracts/:id/termination/decide', [controllers.ContractTerminations, 'decide'])
          .as('terminations.decide')
          .where('id', router.matchers.number())
        router
          .post('/objections/:id/decide', [controllers.regulator.Objections, 'decide'])
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
        // 红顶中介 and 在职公职人员兼职: the register and the list of serving officials
        router.get('/register', [controllers.regulator.Integrity, 'register']).as('register.index')
        router
          .post('/departments', [controllers.regulator.Integrity, 'storeDepartment'])
          .as('departments.store')
        router
          .post('/departments/:id', [controllers.regulator.Integrity, 'renameDepartment'])
          .as('departments.update')
          .where('id', router.matchers.number())
        router
          .post('/departments/:id/affiliates', [controllers.regulator.Integrity, 'storeAffiliate'])
          .as('affiliates.store')
          .where('id', router.matchers.number())
        router
          .post('/affiliates/:id/remove', [controllers.regulator.Integrity, 'removeAffiliate'])
          .as('affiliates.removal')
          .where('id', router.matchers.number())
        router
          .get('/officials', [controllers.regulator.Integrity, 'officials'])
          .as('officials.index')
        router
          .post('/officials', [controllers.regulator.Integrity, 'loadOfficials'])
          .as('officials.store')
          .use(uploads.officialsList)
        router.get('/audit', [controllers.regulator.AuditLog, 'index']).as('audit.index')
        // Who may sign for whom (签署人)
        router
          .get('/signatories', [controllers.regulator.Signatories, 'index'])
          .as('signatories.index')
        // 大数据监管: the market's figures
        router.get('/analytics', [controllers.regulator.Analytics, 'show']).as('analytics.show')
        router
          .get('/analytics.csv', [controllers.regulator.Analytics, 'export'])
          .as('analytics.export')
        router
          .get('/credit-appeals', [controllers.regulator.Credit, 'appeals'])
          .as('credit_appeals.index')
        router
          .post('/credit-appeals/:id/decide', [controllers.regulator.Credit, 'decideAppeal'])
          .as('credit_appeals.decide')
        // 联合惩戒: imported lists (CSV of USCCs), each import replacing its list
        router
          .get('/joint-punishments', [controllers.regulator.JointPunishments, 'index'])
          .as('joint_punishments.index')
        router
          .post('/joint-punishments/imports', [controllers.regulator.JointPunishments, 'import'])
          .as('joint_punishments.import')
          .use(uploads.oneList)
        router
          .post('/joint-punishments/:id/lift', [controllers.regulator.JointPunishments, 'lift'])
          .as('joint_punishments.lift')
          .where('id', router.matchers.number())
        router
          .get('/credit-repair-files/:id', [controllers.regulator.Credit, 'repairFile'])
          .as('credit_repair_files.show')
          .where('id', router.matchers.number())
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
        router.post('/bans/:id/lift', [controllers.Bans, 'lift']).as('bans.lift')
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
        // 抽查事项清单: what an inspection of each item checks, and on what legal basis
        router
          .get('/inspection-list', [controllers.regulator.Inspections, 'listIndex'])
          .as('inspection_list.index')
        router
          .post('/inspection-list', [controllers.regulator.Inspections, 'storeEntry'])
          .as('inspection_list.store')
        router
          .post('/inspection-list/:id', [controllers.regulator.Inspections, 'updateEntry'])
          .as('inspection_list.update')
          .where('id', router.matchers.number())
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
          .post('/complaints/:id/assign', [controllers.regulator.Complaints, 'assign'])
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
        router
          .get('/outside-selections/new', [controllers.owner.OutsideSelections, 'create'])
          .as('outsideSelections.create')
        router
          .post('/outside-selections', [controllers.owner.OutsideSelections, 'store'])
          .as('outsideSelections.store')
        router.get('/projects/new', [controllers.owner.Projects, 'create']).as('projects.create')
        router.post('/projects', [controllers.owner.Projects, 'store']).as('projects.store')
        router.get('/projects/:id/edit', [controllers.owner.Projects, 'edit']).as('projects.edit')
        router.post('/projects/:id', [controllers.owner.Projects, 'update']).as('projects.update')
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
          .post('/bids/:id/decide', [controllers.owner.Projects, 'decideQuote'])
          .as('bids.decide')
        router
          .post('/projects/:id/attachments', [controllers.ProjectAttachments, 'store'])
          .as('projects.attachments.store')
          .use(uploads.oneScan)
        router.get('/persons', [controllers.owner.Persons, 'index']).as('persons.index')
        router.post('/persons', [controllers.owner.Persons, 'store']).as('persons.store')
        router
          .post('/persons/:id/remove', [controllers.owner.Persons, 'destroy'])
          .as('persons.removal')
        router
          .post('/milestones/:id/payments', [controllers.owner.Payments, 'store'])
          .as('milestones.payments.store')
          .where('id', router.matchers.number())
        router
          .post('/milestones/:id/accept', [controllers.owner.Milestones, 'accept'])
          .as('milestones.accept')
          .where('id', router.matchers.number())
        router
          .post('/payments/:id/confirm', [controllers.owner.Payments, 'confirm'])
          .as('payments.confirm')
          .where('id', router.matchers.number())
        router
          .get('/self-preparations', [controllers.owner.SelfPreparations, 'index'])
          .as('self_preparations.index')
        router
          .post('/self-preparations', [controllers.owner.SelfPreparations, 'store'])
          .as('self_preparations.store')
        router
          .post('/self-preparations/:id/withdraw', [controllers.owner.SelfPreparations, 'withdraw'])
          .as('self_preparations.withdraw')
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
          .post('/calendar/:day/remove', [controllers.admin.Calendar, 'destroy'])
          .as('calendar.removal')
      })
      .prefix('/admin')
      .as('admin')
      .use(middleware.role({ roles: ['admin'] }))
  })
  .use(middleware.auth())
