import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type Department from '#models/department'
import { mayChangeCatalogItem } from '#domain/departments'
import { departmentActorOf } from '#queries/departments'

/**
 * Approval departments and their public register: the catalog office
 * registers and renames departments; a department's register (the
 * organisations it sponsors, supervises or owns) is kept by its own
 * regulators and by the catalog office, like its catalog items.
 */
export default class DepartmentPolicy extends BasePolicy {
  async create(user: User) {
    const actor = await departmentActorOf(user)
    return actor.role === 'regulator' && actor.catalogOffice
  }

  async rename(user: User) {
    return this.create(user)
  }

  async keepRegister(user: User, department: Department) {
    return mayChangeCatalogItem(await departmentActorOf(user), department.id)
  }
}
