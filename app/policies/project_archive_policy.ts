import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type { ArchiveParties } from '#queries/project_archives'

/** A project's sealed archive (电子档案) is downloaded by its parties, regulators and admins. */
export default class ProjectArchivePolicy extends BasePolicy {
  download(user: User, parties: ArchiveParties) {
    return (
      user.role === 'regulator' ||
      user.role === 'admin' ||
      user.organizationId === parties.ownerOrganizationId ||
      (user.role === 'agency' && parties.agencyOrganizationIds.includes(user.organizationId))
    )
  }
}
