import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/** Regulators publish model contracts; everyone reads them. */
export default class ContractTemplatePolicy extends BasePolicy {
  publish(user: User) {
    return user.role === 'regulator'
  }
}
