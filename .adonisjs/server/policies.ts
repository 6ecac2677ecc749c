export const policies = {
  QualificationPolicy: () => import('#policies/qualification_policy'),
  ServiceItemPolicy: () => import('#policies/service_item_policy'),
}

