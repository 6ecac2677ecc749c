import { BasePolicy, allowGuest } from '@adonisjs/bouncer'
import type User from '#models/user'
import type Project from '#models/project'

/** Owners post and manage their organisation's projects; nobody else does. */
export default class ProjectPolicy extends BasePolicy {
  /** A published project is public; a draft is its owner's only (to others it does not exist). */
  @allowGuest()
  view(user: User | null, project: Project) {
    return project.status !== 'draft' || user?.organizationId === project.ownerOrganizationId
  }

  create(user: User) {
    return user.role === 'owner'
  }

  manage(user: User, project: Project) {
    return user.role === 'owner' && user.organizationId === project.ownerOrganizationId
  }

  /** Any agency may respond to an open selection; a direct one is answered by its named agency. */
  respond(user: User, project: Project) {
    return user.role === 'agency' && project.method !== 'direct'
  }

  /** A direct selection (直接选取) is answered by the agency it names, and by no other. */
  answerDirect(user: User, project: Project) {
    return (
      user.role === 'agency' &&
      project.method === 'direct' &&
      project.directAgencyId === user.organizationId
    )
  }
}
