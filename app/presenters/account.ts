import type User from '#models/user'
import type Organization from '#models/organization'

/** The public shape of a user in API answers (never the password hash). */
export function presentUser(user: User) {
  return { id: user.id, email: user.email, role: user.role, fullName: user.fullName }
}

/** The shape of an organisation in API answers. */
export function presentOrganization(organization: Organization) {
  return {
    id: organization.id,
    name: organization.name,
    uscc: organization.uscc,
    kind: organization.kind,
    region: organization.regionCode,
  }
}
