import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type SelfPreparation from '#models/self_preparation'

/** Only the owner that recorded a self-preparation withdraws it. */
export default class SelfPreparationPolicy extends BasePolicy {
  withdraw(user: User, record: SelfPreparation) {
    return user.role === 'owner' && user.organizationId === record.ownerOrganizationId
  }
}
