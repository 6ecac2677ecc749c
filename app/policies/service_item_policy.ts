import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/**
 * The catalog is read by everyone and written by regulators only (监管部门
 * 管理中介服务事项清单).
 */
export default class ServiceItemPolicy extends BasePolicy {
  create(user: User) {
    return user.role === 'regulator'
  }

  revise(user: User) {
    return user.role === 'regulator'
  }
}
