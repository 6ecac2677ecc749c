import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Approval departments (审批部门) become records: each catalog item and each
 * regulator names one by id, so that renaming a department changes nothing
 * it is entitled to. One department may be the platform's catalog office
 * (the office that keeps the catalog, e.g. 市政务服务管理局).
 *
 * Existing data: a department is made for every department name in the
 * catalog; a regulator whose organisation's name ends with one belongs to
 * it (the rule this replaces), every other regulator to the catalog office.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('departments', (table) => {
      table.increments('id').notNullable()
      table.string('name', 100).notNullable().unique()
      table.string('region_code', 6).notNullable()
      table.boolean('catalog_office').notNullable().defaultTo(false)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
    })
    this.schema.alterTable('service_items', (table) => {
      table.integer('department_id').unsigned().nullable().references('id').inTable('departments')
      table.index(['department_id'], 'service_items_department_index')
    })
    this.schema.alterTable('service_item_versions', (table) => {
      table.integer('department_id').unsigned().nullable()
    })
    this.schema.alterTable('users', (table) => {
      table.integer('department_id').unsigned().nullable().references('id').inTable('departments')
    })

    this.defer(async (db) => {
      const now = new Date()
      const regulatorOrg = await db
        .from('organizations')
        .where('kind', 'regulator')
        .orderBy('id')
        .select('region_code')
        .first()
      const region: string = regulatorOrg?.region_code ?? '511400'
      const names: { approval_department: string }[] = await db
        .from('service_items')
        .distinct('approval_department')
      for (const { approval_department: name } of names) {
        await db.table('departments').insert({
          name,
          region_code: region,
          catalog_office: false,
          created_at: now,
          updated_at: now,
        })
      }
      const departments: { id: number; name: string }[] = await db
        .from('departments')
        .select('id', 'name')
      for (const department of departments) {
        await db
          .from('service_items')
          .where('approval_department', department.name)
          .update({ department_id: department.id })
        await db
          .from('service_item_versions')
          .where('approval_department', department.name)
          .update({ department_id: department.id })
      }
      const regulators: { id: number; org_name: string }[] = await db
        .from('users as u')
        .join('organizations as o', 'o.id', 'u.organization_id')
        .where('u.role', 'regulator')
        .select('u.id', 'o.name as org_name')
      let office: number | null = null
      for (const regulator of regulators) {
        const match = departments.find((d) => String(regulator.org_name).endsWith(d.name))
        if (!match && office === null) {
          const [id] = await db.table('departments').insert({
            name: '市政务服务管理局',
            region_code: region,
            catalog_office: true,
            created_at: now,
            updated_at: now,
          })
          office = Number(id)
        }
        await db
          .from('users')
          .where('id', regulator.id)
          .update({ department_id: match ? match.id : office })
      }
    })
  }

  async down() {
    this.schema.alterTable('users', (table) => {
      table.dropForeign(['department_id'])
      table.dropColumn('department_id')
    })
    this.schema.alterTable('service_item_versions', (table) => {
      table.dropColumn('department_id')
    })
    this.schema.alterTable('service_items', (table) => {
      table.dropForeign(['department_id'])
      table.dropIndex(['department_id'], 'service_items_department_index')
      table.dropColumn('department_id')
    })
    this.schema.dropTable('departments')
  }
}
