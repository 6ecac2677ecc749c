import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type Contract from '#models/contract'

/** A contract is seen by its two parties and by staff; only the owner edits it; each party signs its side. */
export default class ContractPolicy extends BasePolicy {
  view(user: User, contract: Contract) {
    return (
      user.organizationId === contract.ownerOrganizationId ||
      user.organizationId === contract.agencyOrganizationId ||
      user.role === 'regulator' ||
      user.role === 'admin'
    )
  }

  edit(user: User, contract: Contract) {
    return user.role === 'owner' && user.organizationId === contract.ownerOrganizationId
  }

  sign(user: User, contract: Contract) {
    return (
      (user.role === 'owner' && user.organizationId === contract.ownerOrganizationId) ||
      (user.role === 'agency' && user.organizationId === contract.agencyOrganizationId)
    )
  }

  refuse(user: User, contract: Contract) {
    return user.role === 'agency' && user.organizationId === contract.agencyOrganizationId
  }
}
