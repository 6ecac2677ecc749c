import { OrganizationSchema } from '#database/schema'
import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import type { OrganizationKind } from '#domain/roles'
import User from '#models/user'

/**
 * An owner, agency, regulator or the platform operator, identified by its
 * 统一社会信用代码 (uscc).
 */
export default class Organization extends OrganizationSchema {
  declare kind: OrganizationKind

  @hasMany(() => User)
  declare users: HasMany<typeof User>
}
