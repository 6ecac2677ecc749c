export const policies = {
  BanPolicy: () => import('#policies/ban_policy'),
  BidPolicy: () => import('#policies/bid_policy'),
  ContractPolicy: () => import('#policies/contract_policy'),
  ContractTemplatePolicy: () => import('#policies/contract_template_policy'),
  FeeRecordPolicy: () => import('#policies/fee_record_policy'),
  ObjectionPolicy: () => import('#policies/objection_policy'),
  PaymentPolicy: () => import('#policies/payment_policy'),
  ProjectPolicy: () => import('#policies/project_policy'),
  QualificationPolicy: () => import('#policies/qualification_policy'),
  ServiceItemPolicy: () => import('#policies/service_item_policy'),
}

