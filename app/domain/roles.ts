/*
 * Who acts on the market. Each user has exactly one role; each organisation
 * one kind. Owners and agencies register themselves; regulators and admins
 * are created by the operator (`node ace market:create-user`).
 */
export const ROLES = ['owner', 'agency', 'regulator', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const SELF_REGISTERED_ROLES = ['owner', 'agency'] as const
export type SelfRegisteredRole = (typeof SELF_REGISTERED_ROLES)[number]

export const STAFF_ROLES = ['regulator', 'admin'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export const ORGANIZATION_KINDS = ['owner', 'agency', 'regulator', 'platform'] as const
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number]

/** The kind of organisation a user of this role belongs to. */
export function organizationKindFor(role: Role): OrganizationKind {
  return role === 'admin' ? 'platform' : role
}
