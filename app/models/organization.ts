import { OrganizationSchema } from '#database/schema'
import {
  afterDelete,
  afterSave,
  beforeSave,
  hasMany,
  hasOne,
  manyToMany,
} from '@adonisjs/lucid/orm'
import type { HasMany, HasOne, ManyToMany } from '@adonisjs/lucid/types/relations'
import type { OrganizationKind } from '#domain/roles'
import User from '#models/user'
import AgencyProfile from '#models/agency_profile'
import ServiceItem from '#models/service_item'
import Qualification from '#models/qualification'
import Practitioner from '#models/practitioner'
import { invalidateLists } from '#services/public_cache'
import { reindexOrganizationName } from '#services/search_index'
import db from '@adonisjs/lucid/services/db'

/**
 * An owner, agency, regulator or the platform operator, identified by its
 * 统一社会信用代码 (uscc).
 */
export default class Organization extends OrganizationSchema {
  declare kind: OrganizationKind

  @hasMany(() => User)
  declare users: HasMany<typeof User>

  /** The home page counts organisations; the directory shows agencies' names and regions. */
  @afterSave()
  @afterDelete()
  static async refreshPublicLists(organization: Organization) {
    await invalidateLists(['figures', 'directory'], organization.$trx)
  }

  /** Whether this save writes a new name: the keyword index follows (see services/search_index.ts). */
  @beforeSave()
  static markNameChange(organization: Organization) {
    organization.$extras.nameChanged = !organization.$isPersisted || 'name' in organization.$dirty
  }

  @afterSave()
  static async reindexName(organization: Organization) {
    if (!organization.$extras.nameChanged) return
    organization.$extras.nameChanged = false
    if (organization.$trx) {
      await reindexOrganizationName(organization.id, organization.name, organization.$trx)
    } else {
      await db.transaction((trx) =>
        reindexOrganizationName(organization.id, organization.name, trx)
      )
    }
  }

  @hasOne(() => AgencyProfile)
  declare agencyProfile: HasOne<typeof AgencyProfile>

  /** The service items an agency offers. */
  @manyToMany(() => ServiceItem, {
    pivotTable: 'agency_service_items',
    pivotForeignKey: 'organization_id',
    pivotRelatedForeignKey: 'service_item_id',
  })
  declare serviceItems: ManyToMany<typeof ServiceItem>

  @hasMany(() => Qualification)
  declare qualifications: HasMany<typeof Qualification>

  @hasMany(() => Practitioner)
  declare practitioners: HasMany<typeof Practitioner>
}
