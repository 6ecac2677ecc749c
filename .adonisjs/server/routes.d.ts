import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'home': { paramsTuple?: []; params?: {} }
    'locale': { paramsTuple?: []; params?: {} }
    'care_mode': { paramsTuple?: []; params?: {} }
    'search': { paramsTuple?: []; params?: {} }
    'guide': { paramsTuple: [ParamValue]; params: {'name': ParamValue} }
    'service_items.index': { paramsTuple?: []; params?: {} }
    'service_items.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'departments.index': { paramsTuple?: []; params?: {} }
    'agencies.index': { paramsTuple?: []; params?: {} }
    'agencies.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'practitioners.index': { paramsTuple?: []; params?: {} }
    'practitioners.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organizations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.index': { paramsTuple?: []; params?: {} }
    'feeds.announcements': { paramsTuple?: []; params?: {} }
    'projects.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.attachments.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'projects.verify': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'exposure': { paramsTuple?: []; params?: {} }
    'rules.index': { paramsTuple?: []; params?: {} }
    'outsideSelections.index': { paramsTuple?: []; params?: {} }
    'inspections.index': { paramsTuple?: []; params?: {} }
    'inspections.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'complaints.index': { paramsTuple?: []; params?: {} }
    'complaints.create': { paramsTuple?: []; params?: {} }
    'complaints.store': { paramsTuple?: []; params?: {} }
    'complaints.filed': { paramsTuple?: []; params?: {} }
    'complaints.track': { paramsTuple?: []; params?: {} }
    'contract_templates.index': { paramsTuple?: []; params?: {} }
    'contract_templates.show': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'contracts.verify': { paramsTuple?: []; params?: {} }
    'contracts.verify.store': { paramsTuple?: []; params?: {} }
    'contracts.index': { paramsTuple?: []; params?: {} }
    'projects.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.print': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.sign': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.signing_request': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.signatures': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.document': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.refuse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.terminate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.termination.contest': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.termination.agree': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.next_alternate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.deliver': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.return': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.pause': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.resume': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.approval_outcome': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.evaluate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.evaluate_owner': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'evaluations.reply': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_events.reply': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_events.appeal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_events.repair_form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_events.repair': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'deliverable_files.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'inspection_files.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api_docs': { paramsTuple?: []; params?: {} }
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'register': { paramsTuple?: []; params?: {} }
    'register.store': { paramsTuple?: []; params?: {} }
    'login': { paramsTuple?: []; params?: {} }
    'login.store': { paramsTuple?: []; params?: {} }
    'password.forgot': { paramsTuple?: []; params?: {} }
    'password.forgot.store': { paramsTuple?: []; params?: {} }
    'password.reset.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'password.reset.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'logout': { paramsTuple?: []; params?: {} }
    'dashboard': { paramsTuple?: []; params?: {} }
    'account.tokens.index': { paramsTuple?: []; params?: {} }
    'account.tokens.store': { paramsTuple?: []; params?: {} }
    'account.tokens.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account.password.edit': { paramsTuple?: []; params?: {} }
    'account.password.update': { paramsTuple?: []; params?: {} }
    'accounts.index': { paramsTuple?: []; params?: {} }
    'accounts.suspend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.reinstate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.sendPasswordReset': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account.signing_keys.index': { paramsTuple?: []; params?: {} }
    'account.signing_keys.store': { paramsTuple?: []; params?: {} }
    'account.signing_keys.revoke': { paramsTuple: [ParamValue]; params: {'serial': ParamValue} }
    'account.signatories.index': { paramsTuple?: []; params?: {} }
    'account.signatories.store': { paramsTuple?: []; params?: {} }
    'account.signatories.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account.colleagues.store': { paramsTuple?: []; params?: {} }
    'signatory_documents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account.alerts.show': { paramsTuple?: []; params?: {} }
    'account.alerts.update': { paramsTuple?: []; params?: {} }
    'account.alerts.destroy': { paramsTuple?: []; params?: {} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'notifications.read': { paramsTuple?: []; params?: {} }
    'dashboard.owner': { paramsTuple?: []; params?: {} }
    'dashboard.agency': { paramsTuple?: []; params?: {} }
    'dashboard.regulator': { paramsTuple?: []; params?: {} }
    'dashboard.admin': { paramsTuple?: []; params?: {} }
    'qualifications.file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'objection_files.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.profile.edit': { paramsTuple?: []; params?: {} }
    'agency.profile.update': { paramsTuple?: []; params?: {} }
    'agency.withdrawal': { paramsTuple?: []; params?: {} }
    'agency.return': { paramsTuple?: []; params?: {} }
    'agency.qualifications.store': { paramsTuple?: []; params?: {} }
    'agency.qualifications.removal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.practitioners.store': { paramsTuple?: []; params?: {} }
    'agency.practitioners.removal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.declaration.edit': { paramsTuple?: []; params?: {} }
    'agency.declaration.update': { paramsTuple?: []; params?: {} }
    'agency.projects.index': { paramsTuple?: []; params?: {} }
    'agency.bids.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.bids.members': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.bids.withdraw': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.direct.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.direct.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.bids.justify': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.consortium_requests.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.consortium_requests.confirm': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.consortium_requests.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.objections.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.service_items.index': { paramsTuple?: []; params?: {} }
    'regulator.service_items.create': { paramsTuple?: []; params?: {} }
    'regulator.service_items.store': { paramsTuple?: []; params?: {} }
    'regulator.service_items.edit': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'regulator.service_items.update': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'regulator.qualifications.index': { paramsTuple?: []; params?: {} }
    'regulator.qualifications.checks': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.objections.index': { paramsTuple?: []; params?: {} }
    'regulator.terminations.index': { paramsTuple?: []; params?: {} }
    'regulator.terminations.decide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.objections.decide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.fee_records.index': { paramsTuple?: []; params?: {} }
    'regulator.fee_records.export': { paramsTuple?: []; params?: {} }
    'regulator.suspicious_payments.index': { paramsTuple?: []; params?: {} }
    'regulator.register.index': { paramsTuple?: []; params?: {} }
    'regulator.departments.store': { paramsTuple?: []; params?: {} }
    'regulator.departments.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.affiliates.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.affiliates.removal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.officials.index': { paramsTuple?: []; params?: {} }
    'regulator.officials.store': { paramsTuple?: []; params?: {} }
    'regulator.audit.index': { paramsTuple?: []; params?: {} }
    'regulator.signatories.index': { paramsTuple?: []; params?: {} }
    'regulator.analytics.show': { paramsTuple?: []; params?: {} }
    'regulator.analytics.export': { paramsTuple?: []; params?: {} }
    'regulator.credit_appeals.index': { paramsTuple?: []; params?: {} }
    'regulator.credit_appeals.decide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.joint_punishments.index': { paramsTuple?: []; params?: {} }
    'regulator.joint_punishments.import': { paramsTuple?: []; params?: {} }
    'regulator.joint_punishments.lift': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.credit_repair_files.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.follow_ups.index': { paramsTuple?: []; params?: {} }
    'regulator.follow_ups.step': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.credit_rules.show': { paramsTuple?: []; params?: {} }
    'regulator.credit_rules.update': { paramsTuple?: []; params?: {} }
    'regulator.bans.create': { paramsTuple?: []; params?: {} }
    'regulator.bans.store': { paramsTuple?: []; params?: {} }
    'regulator.bans.lift': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.contract_templates.create': { paramsTuple?: []; params?: {} }
    'regulator.contract_templates.store': { paramsTuple?: []; params?: {} }
    'regulator.inspections.index': { paramsTuple?: []; params?: {} }
    'regulator.inspections.store': { paramsTuple?: []; params?: {} }
    'regulator.inspections.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.inspections.results.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.inspection_recusals.store': { paramsTuple?: []; params?: {} }
    'regulator.inspection_list.index': { paramsTuple?: []; params?: {} }
    'regulator.inspection_list.store': { paramsTuple?: []; params?: {} }
    'regulator.inspection_list.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.signals.index': { paramsTuple?: []; params?: {} }
    'regulator.similarity.index': { paramsTuple?: []; params?: {} }
    'regulator.similarity.show': { paramsTuple: [ParamValue,ParamValue]; params: {'a': ParamValue,'b': ParamValue} }
    'regulator.complaints.index': { paramsTuple?: []; params?: {} }
    'regulator.complaints.assign': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.complaints.answer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.complaint_files.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.projects.index': { paramsTuple?: []; params?: {} }
    'owner.outsideSelections.create': { paramsTuple?: []; params?: {} }
    'owner.outsideSelections.store': { paramsTuple?: []; params?: {} }
    'owner.projects.create': { paramsTuple?: []; params?: {} }
    'owner.projects.store': { paramsTuple?: []; params?: {} }
    'owner.projects.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.projects.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.projects.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.projects.cancel': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.projects.pick': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.projects.plan_scores': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.bids.decide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.projects.attachments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.persons.index': { paramsTuple?: []; params?: {} }
    'owner.persons.store': { paramsTuple?: []; params?: {} }
    'owner.persons.removal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.milestones.payments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.milestones.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.payments.confirm': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.self_preparations.index': { paramsTuple?: []; params?: {} }
    'owner.self_preparations.store': { paramsTuple?: []; params?: {} }
    'owner.self_preparations.withdraw': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.calendar.index': { paramsTuple?: []; params?: {} }
    'admin.calendar.store': { paramsTuple?: []; params?: {} }
    'admin.rules.edit': { paramsTuple?: []; params?: {} }
    'admin.rules.store': { paramsTuple?: []; params?: {} }
    'admin.calendar.removal': { paramsTuple: [ParamValue]; params: {'day': ParamValue} }
    'api.v1.auth.register': { paramsTuple?: []; params?: {} }
    'api.v1.auth.tokens': { paramsTuple?: []; params?: {} }
    'api.v1.openapi': { paramsTuple?: []; params?: {} }
    'api.v1.service_items.index': { paramsTuple?: []; params?: {} }
    'api.v1.service_items.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'api.v1.departments.index': { paramsTuple?: []; params?: {} }
    'api.v1.agencies.index': { paramsTuple?: []; params?: {} }
    'api.v1.agencies.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.practitioners.index': { paramsTuple?: []; params?: {} }
    'api.v1.practitioners.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.index': { paramsTuple?: []; params?: {} }
    'api.v1.outside_selections.index': { paramsTuple?: []; params?: {} }
    'api.v1.contract_templates.index': { paramsTuple?: []; params?: {} }
    'api.v1.contract_templates.show': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'api.v1.exposure': { paramsTuple?: []; params?: {} }
    'api.v1.inspections.index': { paramsTuple?: []; params?: {} }
    'api.v1.inspections.verify': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.inspection_list.index': { paramsTuple?: []; params?: {} }
    'api.v1.projects.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.draws.verify': { paramsTuple: [ParamValue]; params: {'projectId': ParamValue} }
    'api.v1.calendar.index': { paramsTuple?: []; params?: {} }
    'api.v1.rules.index': { paramsTuple?: []; params?: {} }
    'api.v1.calendar.working_days': { paramsTuple?: []; params?: {} }
    'api.v1.organizations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.verify': { paramsTuple?: []; params?: {} }
    'api.v1.pki.tsa': { paramsTuple?: []; params?: {} }
    'api.v1.pki.archive_seal': { paramsTuple?: []; params?: {} }
    'api.v1.ocds.releases': { paramsTuple?: []; params?: {} }
    'api.v1.ocds.record': { paramsTuple: [ParamValue]; params: {'ocid': ParamValue} }
    'api.v1.exports.projects': { paramsTuple?: []; params?: {} }
    'api.v1.exports.agencies': { paramsTuple?: []; params?: {} }
    'api.v1.exports.results': { paramsTuple?: []; params?: {} }
    'api.v1.exports.contracts': { paramsTuple?: []; params?: {} }
    'api.v1.pki.ca': { paramsTuple?: []; params?: {} }
    'api.v1.pki.crl': { paramsTuple?: []; params?: {} }
    'api.v1.complaints.index': { paramsTuple?: []; params?: {} }
    'api.v1.complaints.store': { paramsTuple?: []; params?: {} }
    'api.v1.complaints.track': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'api.v1.me': { paramsTuple?: []; params?: {} }
    'api.v1.alerts.show': { paramsTuple?: []; params?: {} }
    'api.v1.alerts.update': { paramsTuple?: []; params?: {} }
    'api.v1.alerts.destroy': { paramsTuple?: []; params?: {} }
    'api.v1.tokens.index': { paramsTuple?: []; params?: {} }
    'api.v1.tokens.store': { paramsTuple?: []; params?: {} }
    'api.v1.tokens.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.payments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.contract': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.sign': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.signing_request': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.signatures': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.document': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.refuse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.refuse.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.terminate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.terminate.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.termination.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.termination.contest': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.termination.agree': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.next_alternate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.next_alternate.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.service': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.deliver': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.return': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.pause': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.resume': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.approval_outcome': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.approval_outcome.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.evaluate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.evaluate.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.evaluate_owner': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.evaluate_owner.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.evaluations.reply': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.credit_events.reply': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.credit_events.appeal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.credit_repairs.store': { paramsTuple?: []; params?: {} }
    'api.v1.notifications.index': { paramsTuple?: []; params?: {} }
    'api.v1.notifications.read': { paramsTuple?: []; params?: {} }
    'api.v1.qualifications.file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.objection_files.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.signatory_documents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.signing_keys.index': { paramsTuple?: []; params?: {} }
    'api.v1.signing_keys.store': { paramsTuple?: []; params?: {} }
    'api.v1.signing_keys.destroy': { paramsTuple: [ParamValue]; params: {'serial': ParamValue} }
    'api.v1.signatories.index': { paramsTuple?: []; params?: {} }
    'api.v1.signatories.store': { paramsTuple?: []; params?: {} }
    'api.v1.signatories.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.organization.users.store': { paramsTuple?: []; params?: {} }
    'api.v1.service_items.store': { paramsTuple?: []; params?: {} }
    'api.v1.service_items.update': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'api.v1.regulator.organizations.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.qualifications.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.audit.verify': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.analytics.show': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.fee_records.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.suspicious_payments.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.contract_templates.store': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.credit_rules.show': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.signatories.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.credit_events.store': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.credit_rules.update': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.credit_appeals.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.credit_appeals.decide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.credit_appeals.decide.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.credit_repairs.decide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.follow_ups.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.follow_ups.step': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.joint_punishments.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.joint_punishments.import': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.joint_punishments.lift': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.bans.store': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.bans.lift': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.bans.lift.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.qualifications.checks': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.objections.decide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.terminations.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.terminations.decide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.inspections.store': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.inspections.results.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.inspection_recusals.store': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.inspection_list.store': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.inspection_list.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.signals.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.similarity.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.departments.store': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.departments.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.affiliates.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.affiliates.removal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.conflict_suspensions.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.officials.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.officials.store': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.complaints.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.complaints.assign': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.complaints.answer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.objections.decide.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.store': { paramsTuple?: []; params?: {} }
    'api.v1.projects.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.cancel': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.attachments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.pick': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.pick.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.plans': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.plan_scores': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.bids.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.bids.reject.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.bids.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.bids.accept.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.owner.persons.store': { paramsTuple?: []; params?: {} }
    'api.v1.owner.persons.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.milestones.payments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.milestones.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.payments.confirm': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.payments.confirm.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.outside_selections.store': { paramsTuple?: []; params?: {} }
    'api.v1.owner.self_preparations.index': { paramsTuple?: []; params?: {} }
    'api.v1.owner.self_preparations.store': { paramsTuple?: []; params?: {} }
    'api.v1.owner.self_preparations.withdraw': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.bids.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.bids.mine': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.bids.withdraw': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.bids.index': { paramsTuple?: []; params?: {} }
    'api.v1.direct.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.direct.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.bids.justify': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.consortium_requests.index': { paramsTuple?: []; params?: {} }
    'api.v1.consortium_requests.confirm': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.consortium_requests.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.objections.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.admin.calendar.update': { paramsTuple: [ParamValue]; params: {'day': ParamValue} }
    'api.v1.admin.rules.store': { paramsTuple?: []; params?: {} }
    'api.v1.admin.calendar.destroy': { paramsTuple: [ParamValue]; params: {'day': ParamValue} }
    'api.v1.agency.profile.show': { paramsTuple?: []; params?: {} }
    'api.v1.agency.profile.update': { paramsTuple?: []; params?: {} }
    'api.v1.agency.withdraw': { paramsTuple?: []; params?: {} }
    'api.v1.agency.withdraw.legacy': { paramsTuple?: []; params?: {} }
    'api.v1.agency.return': { paramsTuple?: []; params?: {} }
    'api.v1.agency.qualifications.store': { paramsTuple?: []; params?: {} }
    'api.v1.agency.qualifications.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.agency.declaration.show': { paramsTuple?: []; params?: {} }
    'api.v1.agency.declaration.update': { paramsTuple?: []; params?: {} }
    'api.v1.agency.practitioners.store': { paramsTuple?: []; params?: {} }
    'api.v1.agency.practitioners.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.agency.credit_events.index': { paramsTuple?: []; params?: {} }
    'api.v1.webhooks.stripe': { paramsTuple?: []; params?: {} }
  }
  GET: {
    'home': { paramsTuple?: []; params?: {} }
    'search': { paramsTuple?: []; params?: {} }
    'guide': { paramsTuple: [ParamValue]; params: {'name': ParamValue} }
    'service_items.index': { paramsTuple?: []; params?: {} }
    'service_items.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'departments.index': { paramsTuple?: []; params?: {} }
    'agencies.index': { paramsTuple?: []; params?: {} }
    'agencies.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'practitioners.index': { paramsTuple?: []; params?: {} }
    'practitioners.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organizations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.index': { paramsTuple?: []; params?: {} }
    'feeds.announcements': { paramsTuple?: []; params?: {} }
    'projects.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.attachments.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'projects.verify': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'exposure': { paramsTuple?: []; params?: {} }
    'rules.index': { paramsTuple?: []; params?: {} }
    'outsideSelections.index': { paramsTuple?: []; params?: {} }
    'inspections.index': { paramsTuple?: []; params?: {} }
    'inspections.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'complaints.index': { paramsTuple?: []; params?: {} }
    'complaints.create': { paramsTuple?: []; params?: {} }
    'complaints.filed': { paramsTuple?: []; params?: {} }
    'complaints.track': { paramsTuple?: []; params?: {} }
    'contract_templates.index': { paramsTuple?: []; params?: {} }
    'contract_templates.show': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'contracts.verify': { paramsTuple?: []; params?: {} }
    'contracts.index': { paramsTuple?: []; params?: {} }
    'projects.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.print': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.document': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_events.repair_form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'deliverable_files.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'inspection_files.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api_docs': { paramsTuple?: []; params?: {} }
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'register': { paramsTuple?: []; params?: {} }
    'login': { paramsTuple?: []; params?: {} }
    'password.forgot': { paramsTuple?: []; params?: {} }
    'password.reset.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'dashboard': { paramsTuple?: []; params?: {} }
    'account.tokens.index': { paramsTuple?: []; params?: {} }
    'account.password.edit': { paramsTuple?: []; params?: {} }
    'accounts.index': { paramsTuple?: []; params?: {} }
    'account.signing_keys.index': { paramsTuple?: []; params?: {} }
    'account.signatories.index': { paramsTuple?: []; params?: {} }
    'signatory_documents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account.alerts.show': { paramsTuple?: []; params?: {} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'dashboard.owner': { paramsTuple?: []; params?: {} }
    'dashboard.agency': { paramsTuple?: []; params?: {} }
    'dashboard.regulator': { paramsTuple?: []; params?: {} }
    'dashboard.admin': { paramsTuple?: []; params?: {} }
    'qualifications.file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'objection_files.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.profile.edit': { paramsTuple?: []; params?: {} }
    'agency.declaration.edit': { paramsTuple?: []; params?: {} }
    'agency.projects.index': { paramsTuple?: []; params?: {} }
    'agency.consortium_requests.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.service_items.index': { paramsTuple?: []; params?: {} }
    'regulator.service_items.create': { paramsTuple?: []; params?: {} }
    'regulator.service_items.edit': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'regulator.qualifications.index': { paramsTuple?: []; params?: {} }
    'regulator.objections.index': { paramsTuple?: []; params?: {} }
    'regulator.terminations.index': { paramsTuple?: []; params?: {} }
    'regulator.fee_records.index': { paramsTuple?: []; params?: {} }
    'regulator.fee_records.export': { paramsTuple?: []; params?: {} }
    'regulator.suspicious_payments.index': { paramsTuple?: []; params?: {} }
    'regulator.register.index': { paramsTuple?: []; params?: {} }
    'regulator.officials.index': { paramsTuple?: []; params?: {} }
    'regulator.audit.index': { paramsTuple?: []; params?: {} }
    'regulator.signatories.index': { paramsTuple?: []; params?: {} }
    'regulator.analytics.show': { paramsTuple?: []; params?: {} }
    'regulator.analytics.export': { paramsTuple?: []; params?: {} }
    'regulator.credit_appeals.index': { paramsTuple?: []; params?: {} }
    'regulator.joint_punishments.index': { paramsTuple?: []; params?: {} }
    'regulator.credit_repair_files.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.follow_ups.index': { paramsTuple?: []; params?: {} }
    'regulator.credit_rules.show': { paramsTuple?: []; params?: {} }
    'regulator.bans.create': { paramsTuple?: []; params?: {} }
    'regulator.contract_templates.create': { paramsTuple?: []; params?: {} }
    'regulator.inspections.index': { paramsTuple?: []; params?: {} }
    'regulator.inspections.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.inspection_list.index': { paramsTuple?: []; params?: {} }
    'regulator.signals.index': { paramsTuple?: []; params?: {} }
    'regulator.similarity.index': { paramsTuple?: []; params?: {} }
    'regulator.similarity.show': { paramsTuple: [ParamValue,ParamValue]; params: {'a': ParamValue,'b': ParamValue} }
    'regulator.complaints.index': { paramsTuple?: []; params?: {} }
    'regulator.complaint_files.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.projects.index': { paramsTuple?: []; params?: {} }
    'owner.outsideSelections.create': { paramsTuple?: []; params?: {} }
    'owner.projects.create': { paramsTuple?: []; params?: {} }
    'owner.projects.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.persons.index': { paramsTuple?: []; params?: {} }
    'owner.self_preparations.index': { paramsTuple?: []; params?: {} }
    'admin.calendar.index': { paramsTuple?: []; params?: {} }
    'admin.rules.edit': { paramsTuple?: []; params?: {} }
    'api.v1.openapi': { paramsTuple?: []; params?: {} }
    'api.v1.service_items.index': { paramsTuple?: []; params?: {} }
    'api.v1.service_items.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'api.v1.departments.index': { paramsTuple?: []; params?: {} }
    'api.v1.agencies.index': { paramsTuple?: []; params?: {} }
    'api.v1.agencies.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.practitioners.index': { paramsTuple?: []; params?: {} }
    'api.v1.practitioners.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.index': { paramsTuple?: []; params?: {} }
    'api.v1.outside_selections.index': { paramsTuple?: []; params?: {} }
    'api.v1.contract_templates.index': { paramsTuple?: []; params?: {} }
    'api.v1.contract_templates.show': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'api.v1.exposure': { paramsTuple?: []; params?: {} }
    'api.v1.inspections.index': { paramsTuple?: []; params?: {} }
    'api.v1.inspections.verify': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.inspection_list.index': { paramsTuple?: []; params?: {} }
    'api.v1.projects.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.draws.verify': { paramsTuple: [ParamValue]; params: {'projectId': ParamValue} }
    'api.v1.calendar.index': { paramsTuple?: []; params?: {} }
    'api.v1.rules.index': { paramsTuple?: []; params?: {} }
    'api.v1.calendar.working_days': { paramsTuple?: []; params?: {} }
    'api.v1.organizations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.pki.archive_seal': { paramsTuple?: []; params?: {} }
    'api.v1.ocds.releases': { paramsTuple?: []; params?: {} }
    'api.v1.ocds.record': { paramsTuple: [ParamValue]; params: {'ocid': ParamValue} }
    'api.v1.exports.projects': { paramsTuple?: []; params?: {} }
    'api.v1.exports.agencies': { paramsTuple?: []; params?: {} }
    'api.v1.exports.results': { paramsTuple?: []; params?: {} }
    'api.v1.exports.contracts': { paramsTuple?: []; params?: {} }
    'api.v1.pki.ca': { paramsTuple?: []; params?: {} }
    'api.v1.pki.crl': { paramsTuple?: []; params?: {} }
    'api.v1.complaints.index': { paramsTuple?: []; params?: {} }
    'api.v1.complaints.track': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'api.v1.me': { paramsTuple?: []; params?: {} }
    'api.v1.alerts.show': { paramsTuple?: []; params?: {} }
    'api.v1.tokens.index': { paramsTuple?: []; params?: {} }
    'api.v1.payments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.contract': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.signing_request': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.document': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.termination.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.service': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.notifications.index': { paramsTuple?: []; params?: {} }
    'api.v1.qualifications.file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.objection_files.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.signatory_documents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.signing_keys.index': { paramsTuple?: []; params?: {} }
    'api.v1.signatories.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.organizations.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.qualifications.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.audit.verify': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.analytics.show': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.fee_records.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.suspicious_payments.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.credit_rules.show': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.signatories.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.credit_appeals.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.follow_ups.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.joint_punishments.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.terminations.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.signals.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.similarity.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.conflict_suspensions.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.officials.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.complaints.index': { paramsTuple?: []; params?: {} }
    'api.v1.projects.plans': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.owner.self_preparations.index': { paramsTuple?: []; params?: {} }
    'api.v1.bids.mine': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.bids.index': { paramsTuple?: []; params?: {} }
    'api.v1.consortium_requests.index': { paramsTuple?: []; params?: {} }
    'api.v1.agency.profile.show': { paramsTuple?: []; params?: {} }
    'api.v1.agency.declaration.show': { paramsTuple?: []; params?: {} }
    'api.v1.agency.credit_events.index': { paramsTuple?: []; params?: {} }
  }
  HEAD: {
    'home': { paramsTuple?: []; params?: {} }
    'search': { paramsTuple?: []; params?: {} }
    'guide': { paramsTuple: [ParamValue]; params: {'name': ParamValue} }
    'service_items.index': { paramsTuple?: []; params?: {} }
    'service_items.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'departments.index': { paramsTuple?: []; params?: {} }
    'agencies.index': { paramsTuple?: []; params?: {} }
    'agencies.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'practitioners.index': { paramsTuple?: []; params?: {} }
    'practitioners.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organizations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.index': { paramsTuple?: []; params?: {} }
    'feeds.announcements': { paramsTuple?: []; params?: {} }
    'projects.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.attachments.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'projects.verify': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'exposure': { paramsTuple?: []; params?: {} }
    'rules.index': { paramsTuple?: []; params?: {} }
    'outsideSelections.index': { paramsTuple?: []; params?: {} }
    'inspections.index': { paramsTuple?: []; params?: {} }
    'inspections.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'complaints.index': { paramsTuple?: []; params?: {} }
    'complaints.create': { paramsTuple?: []; params?: {} }
    'complaints.filed': { paramsTuple?: []; params?: {} }
    'complaints.track': { paramsTuple?: []; params?: {} }
    'contract_templates.index': { paramsTuple?: []; params?: {} }
    'contract_templates.show': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'contracts.verify': { paramsTuple?: []; params?: {} }
    'contracts.index': { paramsTuple?: []; params?: {} }
    'projects.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.print': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.document': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_events.repair_form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'deliverable_files.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'inspection_files.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api_docs': { paramsTuple?: []; params?: {} }
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'register': { paramsTuple?: []; params?: {} }
    'login': { paramsTuple?: []; params?: {} }
    'password.forgot': { paramsTuple?: []; params?: {} }
    'password.reset.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'dashboard': { paramsTuple?: []; params?: {} }
    'account.tokens.index': { paramsTuple?: []; params?: {} }
    'account.password.edit': { paramsTuple?: []; params?: {} }
    'accounts.index': { paramsTuple?: []; params?: {} }
    'account.signing_keys.index': { paramsTuple?: []; params?: {} }
    'account.signatories.index': { paramsTuple?: []; params?: {} }
    'signatory_documents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account.alerts.show': { paramsTuple?: []; params?: {} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'dashboard.owner': { paramsTuple?: []; params?: {} }
    'dashboard.agency': { paramsTuple?: []; params?: {} }
    'dashboard.regulator': { paramsTuple?: []; params?: {} }
    'dashboard.admin': { paramsTuple?: []; params?: {} }
    'qualifications.file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'objection_files.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.profile.edit': { paramsTuple?: []; params?: {} }
    'agency.declaration.edit': { paramsTuple?: []; params?: {} }
    'agency.projects.index': { paramsTuple?: []; params?: {} }
    'agency.consortium_requests.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.service_items.index': { paramsTuple?: []; params?: {} }
    'regulator.service_items.create': { paramsTuple?: []; params?: {} }
    'regulator.service_items.edit': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'regulator.qualifications.index': { paramsTuple?: []; params?: {} }
    'regulator.objections.index': { paramsTuple?: []; params?: {} }
    'regulator.terminations.index': { paramsTuple?: []; params?: {} }
    'regulator.fee_records.index': { paramsTuple?: []; params?: {} }
    'regulator.fee_records.export': { paramsTuple?: []; params?: {} }
    'regulator.suspicious_payments.index': { paramsTuple?: []; params?: {} }
    'regulator.register.index': { paramsTuple?: []; params?: {} }
    'regulator.officials.index': { paramsTuple?: []; params?: {} }
    'regulator.audit.index': { paramsTuple?: []; params?: {} }
    'regulator.signatories.index': { paramsTuple?: []; params?: {} }
    'regulator.analytics.show': { paramsTuple?: []; params?: {} }
    'regulator.analytics.export': { paramsTuple?: []; params?: {} }
    'regulator.credit_appeals.index': { paramsTuple?: []; params?: {} }
    'regulator.joint_punishments.index': { paramsTuple?: []; params?: {} }
    'regulator.credit_repair_files.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.follow_ups.index': { paramsTuple?: []; params?: {} }
    'regulator.credit_rules.show': { paramsTuple?: []; params?: {} }
    'regulator.bans.create': { paramsTuple?: []; params?: {} }
    'regulator.contract_templates.create': { paramsTuple?: []; params?: {} }
    'regulator.inspections.index': { paramsTuple?: []; params?: {} }
    'regulator.inspections.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.inspection_list.index': { paramsTuple?: []; params?: {} }
    'regulator.signals.index': { paramsTuple?: []; params?: {} }
    'regulator.similarity.index': { paramsTuple?: []; params?: {} }
    'regulator.similarity.show': { paramsTuple: [ParamValue,ParamValue]; params: {'a': ParamValue,'b': ParamValue} }
    'regulator.complaints.index': { paramsTuple?: []; params?: {} }
    'regulator.complaint_files.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.projects.index': { paramsTuple?: []; params?: {} }
    'owner.outsideSelections.create': { paramsTuple?: []; params?: {} }
    'owner.projects.create': { paramsTuple?: []; params?: {} }
    'owner.projects.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.persons.index': { paramsTuple?: []; params?: {} }
    'owner.self_preparations.index': { paramsTuple?: []; params?: {} }
    'admin.calendar.index': { paramsTuple?: []; params?: {} }
    'admin.rules.edit': { paramsTuple?: []; params?: {} }
    'api.v1.openapi': { paramsTuple?: []; params?: {} }
    'api.v1.service_items.index': { paramsTuple?: []; params?: {} }
    'api.v1.service_items.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'api.v1.departments.index': { paramsTuple?: []; params?: {} }
    'api.v1.agencies.index': { paramsTuple?: []; params?: {} }
    'api.v1.agencies.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.practitioners.index': { paramsTuple?: []; params?: {} }
    'api.v1.practitioners.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.index': { paramsTuple?: []; params?: {} }
    'api.v1.outside_selections.index': { paramsTuple?: []; params?: {} }
    'api.v1.contract_templates.index': { paramsTuple?: []; params?: {} }
    'api.v1.contract_templates.show': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'api.v1.exposure': { paramsTuple?: []; params?: {} }
    'api.v1.inspections.index': { paramsTuple?: []; params?: {} }
    'api.v1.inspections.verify': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.inspection_list.index': { paramsTuple?: []; params?: {} }
    'api.v1.projects.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.draws.verify': { paramsTuple: [ParamValue]; params: {'projectId': ParamValue} }
    'api.v1.calendar.index': { paramsTuple?: []; params?: {} }
    'api.v1.rules.index': { paramsTuple?: []; params?: {} }
    'api.v1.calendar.working_days': { paramsTuple?: []; params?: {} }
    'api.v1.organizations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.pki.archive_seal': { paramsTuple?: []; params?: {} }
    'api.v1.ocds.releases': { paramsTuple?: []; params?: {} }
    'api.v1.ocds.record': { paramsTuple: [ParamValue]; params: {'ocid': ParamValue} }
    'api.v1.exports.projects': { paramsTuple?: []; params?: {} }
    'api.v1.exports.agencies': { paramsTuple?: []; params?: {} }
    'api.v1.exports.results': { paramsTuple?: []; params?: {} }
    'api.v1.exports.contracts': { paramsTuple?: []; params?: {} }
    'api.v1.pki.ca': { paramsTuple?: []; params?: {} }
    'api.v1.pki.crl': { paramsTuple?: []; params?: {} }
    'api.v1.complaints.index': { paramsTuple?: []; params?: {} }
    'api.v1.complaints.track': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'api.v1.me': { paramsTuple?: []; params?: {} }
    'api.v1.alerts.show': { paramsTuple?: []; params?: {} }
    'api.v1.tokens.index': { paramsTuple?: []; params?: {} }
    'api.v1.payments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.contract': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.signing_request': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.document': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.termination.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.service': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.notifications.index': { paramsTuple?: []; params?: {} }
    'api.v1.qualifications.file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.objection_files.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.signatory_documents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.signing_keys.index': { paramsTuple?: []; params?: {} }
    'api.v1.signatories.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.organizations.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.qualifications.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.audit.verify': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.analytics.show': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.fee_records.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.suspicious_payments.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.credit_rules.show': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.signatories.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.credit_appeals.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.follow_ups.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.joint_punishments.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.terminations.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.signals.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.similarity.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.conflict_suspensions.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.officials.index': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.complaints.index': { paramsTuple?: []; params?: {} }
    'api.v1.projects.plans': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.owner.self_preparations.index': { paramsTuple?: []; params?: {} }
    'api.v1.bids.mine': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.bids.index': { paramsTuple?: []; params?: {} }
    'api.v1.consortium_requests.index': { paramsTuple?: []; params?: {} }
    'api.v1.agency.profile.show': { paramsTuple?: []; params?: {} }
    'api.v1.agency.declaration.show': { paramsTuple?: []; params?: {} }
    'api.v1.agency.credit_events.index': { paramsTuple?: []; params?: {} }
  }
  POST: {
    'locale': { paramsTuple?: []; params?: {} }
    'care_mode': { paramsTuple?: []; params?: {} }
    'complaints.store': { paramsTuple?: []; params?: {} }
    'contracts.verify.store': { paramsTuple?: []; params?: {} }
    'contracts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.sign': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.signing_request': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.signatures': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.refuse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.terminate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.termination.contest': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.termination.agree': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.next_alternate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.deliver': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.return': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.pause': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.resume': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.approval_outcome': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.evaluate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.evaluate_owner': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'evaluations.reply': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_events.reply': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_events.appeal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_events.repair': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'register.store': { paramsTuple?: []; params?: {} }
    'login.store': { paramsTuple?: []; params?: {} }
    'password.forgot.store': { paramsTuple?: []; params?: {} }
    'password.reset.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'logout': { paramsTuple?: []; params?: {} }
    'account.tokens.store': { paramsTuple?: []; params?: {} }
    'account.tokens.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account.password.update': { paramsTuple?: []; params?: {} }
    'accounts.suspend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.reinstate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.sendPasswordReset': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account.signing_keys.store': { paramsTuple?: []; params?: {} }
    'account.signing_keys.revoke': { paramsTuple: [ParamValue]; params: {'serial': ParamValue} }
    'account.signatories.store': { paramsTuple?: []; params?: {} }
    'account.signatories.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account.colleagues.store': { paramsTuple?: []; params?: {} }
    'account.alerts.update': { paramsTuple?: []; params?: {} }
    'account.alerts.destroy': { paramsTuple?: []; params?: {} }
    'notifications.read': { paramsTuple?: []; params?: {} }
    'agency.profile.update': { paramsTuple?: []; params?: {} }
    'agency.withdrawal': { paramsTuple?: []; params?: {} }
    'agency.return': { paramsTuple?: []; params?: {} }
    'agency.qualifications.store': { paramsTuple?: []; params?: {} }
    'agency.qualifications.removal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.practitioners.store': { paramsTuple?: []; params?: {} }
    'agency.practitioners.removal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.declaration.update': { paramsTuple?: []; params?: {} }
    'agency.bids.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.bids.members': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.bids.withdraw': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.direct.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.direct.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.bids.justify': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.consortium_requests.confirm': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.consortium_requests.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'agency.objections.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.service_items.store': { paramsTuple?: []; params?: {} }
    'regulator.service_items.update': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'regulator.qualifications.checks': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.terminations.decide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.objections.decide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.departments.store': { paramsTuple?: []; params?: {} }
    'regulator.departments.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.affiliates.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.affiliates.removal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.officials.store': { paramsTuple?: []; params?: {} }
    'regulator.credit_appeals.decide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.joint_punishments.import': { paramsTuple?: []; params?: {} }
    'regulator.joint_punishments.lift': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.follow_ups.step': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.credit_rules.update': { paramsTuple?: []; params?: {} }
    'regulator.bans.store': { paramsTuple?: []; params?: {} }
    'regulator.bans.lift': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.contract_templates.store': { paramsTuple?: []; params?: {} }
    'regulator.inspections.store': { paramsTuple?: []; params?: {} }
    'regulator.inspections.results.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.inspection_recusals.store': { paramsTuple?: []; params?: {} }
    'regulator.inspection_list.store': { paramsTuple?: []; params?: {} }
    'regulator.inspection_list.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.complaints.assign': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'regulator.complaints.answer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.outsideSelections.store': { paramsTuple?: []; params?: {} }
    'owner.projects.store': { paramsTuple?: []; params?: {} }
    'owner.projects.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.projects.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.projects.cancel': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.projects.pick': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.projects.plan_scores': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.bids.decide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.projects.attachments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.persons.store': { paramsTuple?: []; params?: {} }
    'owner.persons.removal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.milestones.payments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.milestones.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.payments.confirm': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.self_preparations.store': { paramsTuple?: []; params?: {} }
    'owner.self_preparations.withdraw': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.calendar.store': { paramsTuple?: []; params?: {} }
    'admin.rules.store': { paramsTuple?: []; params?: {} }
    'admin.calendar.removal': { paramsTuple: [ParamValue]; params: {'day': ParamValue} }
    'api.v1.auth.register': { paramsTuple?: []; params?: {} }
    'api.v1.auth.tokens': { paramsTuple?: []; params?: {} }
    'api.v1.contracts.verify': { paramsTuple?: []; params?: {} }
    'api.v1.pki.tsa': { paramsTuple?: []; params?: {} }
    'api.v1.complaints.store': { paramsTuple?: []; params?: {} }
    'api.v1.tokens.store': { paramsTuple?: []; params?: {} }
    'api.v1.contracts.sign': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.signatures': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.refuse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.refuse.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.terminate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.terminate.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.termination.contest': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.termination.agree': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.next_alternate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.next_alternate.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.deliver': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.return': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.pause': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.resume': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.approval_outcome': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.approval_outcome.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.evaluate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.evaluate.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.evaluate_owner': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.contracts.evaluate_owner.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.evaluations.reply': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.credit_events.reply': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.credit_events.appeal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.credit_repairs.store': { paramsTuple?: []; params?: {} }
    'api.v1.notifications.read': { paramsTuple?: []; params?: {} }
    'api.v1.signing_keys.store': { paramsTuple?: []; params?: {} }
    'api.v1.signatories.store': { paramsTuple?: []; params?: {} }
    'api.v1.signatories.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.organization.users.store': { paramsTuple?: []; params?: {} }
    'api.v1.service_items.store': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.contract_templates.store': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.credit_events.store': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.credit_appeals.decide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.credit_appeals.decide.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.credit_repairs.decide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.follow_ups.step': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.joint_punishments.import': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.joint_punishments.lift': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.bans.store': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.bans.lift': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.qualifications.checks': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.objections.decide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.terminations.decide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.inspections.store': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.inspections.results.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.inspection_recusals.store': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.inspection_list.store': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.departments.store': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.affiliates.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.affiliates.removal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.officials.store': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.complaints.assign': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.complaints.answer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.objections.decide.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.store': { paramsTuple?: []; params?: {} }
    'api.v1.projects.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.cancel': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.attachments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.pick': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.pick.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.plan_scores': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.bids.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.bids.reject.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.bids.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.bids.accept.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.owner.persons.store': { paramsTuple?: []; params?: {} }
    'api.v1.milestones.payments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.milestones.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.payments.confirm': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.payments.confirm.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.outside_selections.store': { paramsTuple?: []; params?: {} }
    'api.v1.owner.self_preparations.store': { paramsTuple?: []; params?: {} }
    'api.v1.owner.self_preparations.withdraw': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.bids.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.direct.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.direct.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.bids.justify': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.consortium_requests.confirm': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.consortium_requests.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.objections.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.admin.rules.store': { paramsTuple?: []; params?: {} }
    'api.v1.agency.withdraw': { paramsTuple?: []; params?: {} }
    'api.v1.agency.withdraw.legacy': { paramsTuple?: []; params?: {} }
    'api.v1.agency.return': { paramsTuple?: []; params?: {} }
    'api.v1.agency.qualifications.store': { paramsTuple?: []; params?: {} }
    'api.v1.agency.practitioners.store': { paramsTuple?: []; params?: {} }
    'api.v1.webhooks.stripe': { paramsTuple?: []; params?: {} }
  }
  PUT: {
    'api.v1.alerts.update': { paramsTuple?: []; params?: {} }
    'api.v1.contracts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.service_items.update': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'api.v1.regulator.credit_rules.update': { paramsTuple?: []; params?: {} }
    'api.v1.regulator.inspection_list.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.regulator.departments.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.projects.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.admin.calendar.update': { paramsTuple: [ParamValue]; params: {'day': ParamValue} }
    'api.v1.agency.profile.update': { paramsTuple?: []; params?: {} }
    'api.v1.agency.declaration.update': { paramsTuple?: []; params?: {} }
  }
  DELETE: {
    'api.v1.alerts.destroy': { paramsTuple?: []; params?: {} }
    'api.v1.tokens.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.signing_keys.destroy': { paramsTuple: [ParamValue]; params: {'serial': ParamValue} }
    'api.v1.regulator.bans.lift.legacy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.owner.persons.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.bids.withdraw': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.admin.calendar.destroy': { paramsTuple: [ParamValue]; params: {'day': ParamValue} }
    'api.v1.agency.qualifications.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.agency.practitioners.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  OPTIONS: {
  }
  PATCH: {
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}