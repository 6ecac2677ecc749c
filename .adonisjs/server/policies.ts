export const policies = {
  ProjectPolicy: () => import('#policies/project_policy'),
  QualificationPolicy: () => import('#policies/qualification_policy'),
  ServiceItemPolicy: () => import('#policies/service_item_policy'),
}

