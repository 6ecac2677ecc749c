export const policies = {
  BanPolicy: () => import('#policies/ban_policy'),
  BidPolicy: () => import('#policies/bid_policy'),
  ComplaintPolicy: () => import('#policies/complaint_policy'),
  ContractPolicy: () => import('#policies/contract_policy'),
  ContractTemplatePolicy: () => import('#policies/contract_template_policy'),
  CreditAppealPolicy: () => import('#policies/credit_appeal_policy'),
  CreditEventPolicy: () => import('#policies/credit_event_policy'),
  CreditRuleSetPolicy: () => import('#policies/credit_rule_set_policy'),
  EvaluationPolicy: () => import('#policies/evaluation_policy'),
  FeeRecordPolicy: () => import('#policies/fee_record_policy'),
  FollowUpCasePolicy: () => import('#policies/follow_up_case_policy'),
  ObjectionPolicy: () => import('#policies/objection_policy'),
  PaymentPolicy: () => import('#policies/payment_policy'),
  ProjectPolicy: () => import('#policies/project_policy'),
  QualificationPolicy: () => import('#policies/qualification_policy'),
  ServiceItemPolicy: () => import('#policies/service_item_policy'),
}

