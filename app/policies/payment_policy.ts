import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type Contract from '#models/contract'

/** The contract's owner pays its milestones; both parties and staff follow the payments. */
export default class PaymentPolicy extends BasePolicy {
  create(user: User, contract: Contract) {
    return user.role === 'owner' && user.organizationId === contract.ownerOrganizationId
  }

  view(user: User, contract: Contract) {
    return (
      user.organizationId === contract.ownerOrganizationId ||
      user.organizationId === contract.agencyOrganizationId ||
      user.role === 'regulator' ||
      user.role === 'admin'
    )
  }
}
