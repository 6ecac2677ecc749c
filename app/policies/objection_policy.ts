import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type Objection from '#models/objection'
import type Project from '#models/project'

/**
 * Agencies file objections (participation is checked by the domain);
 * regulators decide them. The evidence is read by those who deal with the
 * objection: the project's owner, the objecting agency and regulators.
 */
export default class ObjectionPolicy extends BasePolicy {
  file(user: User) {
    return user.role === 'agency'
  }

  decide(user: User) {
    return user.role === 'regulator'
  }

  readEvidence(user: User, objection: Objection, project: Project) {
    return (
      user.role === 'regulator' ||
      user.organizationId === objection.organizationId ||
      user.organizationId === project.ownerOrganizationId
    )
  }
}
