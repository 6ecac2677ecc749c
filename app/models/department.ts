import { DepartmentSchema } from '#database/schema'
import { column } from '@adonisjs/lucid/orm'

/**
 * An approval department (审批部门): catalog items and regulators name it by
 * id. One may be the platform's catalog office, which keeps the catalog.
 */
export default class Department extends DepartmentSchema {
  // Booleans come back as 0/1 from both databases.
  @column({ consume: (value) => Boolean(value) })
  declare catalogOffice: boolean
}
