import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type Contract from '#models/contract'
import db from '@adonisjs/lucid/services/db'
import { mayRecordApproval } from '#domain/departments'
import { departmentActorOf } from '#queries/departments'

/**
 * A contract is seen by its two parties and by staff; only the owner edits
 * it; each party signs its side. In service the agency delivers and rates the
 * owner; the owner pauses, accepts or returns and rates the agency; the
 * approving department records the approval outcome. The owner terminates;
 * the agency answers the termination; a regulator decides a contest.
 */
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

  /** The agency of the contract answers the owner's termination: contests it or agrees. */
  answerTermination(user: User, contract: Contract) {
    return user.role === 'agency' && user.organizationId === contract.agencyOrganizationId
  }

  /** A regulator decides a contested termination (any contract: the market's regulator). */
  decideTermination(user: User) {
    return user.role === 'regulator'
  }

  /** The agency of the contract: delivers, rates the owner. */
  deliver(user: User, contract: Contract) {
    return user.role === 'agency' && user.organizationId === contract.agencyOrganizationId
  }

  /** The owner of the contract: pauses and resumes the clock, accepts or returns, rates the agency. */
  manageService(user: User, contract: Contract) {
    return this.edit(user, contract)
  }

  /**
   * A regulator of the department that approves the item (审批部门), by the
   * department's id: a department renamed keeps its right.
   */
  async recordApproval(user: User, contract: Contract) {
    if (user.role !== 'regulator') return false
    const item = await db
      .from('projects as p')
      .join('service_items as s', 's.id', 'p.service_item_id')
      .where('p.id', contract.projectId)
      .select('s.department_id')
      .first()
    if (!item) return false
    const departmentId = item.department_id === null ? null : Number(item.department_id)
    return mayRecordApproval(await departmentActorOf(user), departmentId)
  }
}
