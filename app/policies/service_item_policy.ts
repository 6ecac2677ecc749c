import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type ServiceItem from '#models/service_item'
import { mayChangeCatalogItem, mayEditCatalog } from '#domain/departments'
import { departmentActorOf } from '#queries/departments'

/**
 * The catalog is read by everyone and written by regulators (监管部门管理中介
 * 服务事项清单): an item by the regulators of its approval department and by
 * the platform's catalog office (谁需求、谁清理、谁调整).
 */
export default class ServiceItemPolicy extends BasePolicy {
  /** Opens the editor: a regulator of some department. */
  async create(user: User) {
    return mayEditCatalog(await departmentActorOf(user))
  }

  /** Publishes an item for this department. */
  async createFor(user: User, departmentId: number) {
    return mayChangeCatalogItem(await departmentActorOf(user), departmentId)
  }

  /** Changes this item (and, when the department changes, the new one must be the user's too). */
  async revise(user: User, item: ServiceItem, newDepartmentId?: number) {
    const actor = await departmentActorOf(user)
    if (!mayChangeCatalogItem(actor, item.departmentId)) return false
    return newDepartmentId === undefined || mayChangeCatalogItem(actor, newDepartmentId)
  }
}
