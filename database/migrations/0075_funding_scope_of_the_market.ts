import { BaseSchema } from '@adonisjs/lucid/schema'
import { DEFAULT_RULES } from '#domain/rules'
import { fundingSourceOfText } from '#domain/funding_scope'

/**
 * The scope of the market follows the money:
 *
 * - a project's funding source becomes one of a closed list (fiscal, state
 *   owned, social, mixed); the free text written so far is read as the source
 *   it most likely meant, and as fiscal — under which the market stays
 *   compulsory — where it says nothing recognisable;
 * - a project may be commissioned by an approval department (审批部门委托) and
 *   may carry an emergency exemption with its published reason;
 * - rule sets have a scope (a region, a funding source; null: every one), and
 *   a national set for social investment is added, leaving the market to the
 *   owner (any method, any amount), effective from the first set's date;
 * - an owner may record a selection made outside the market (自主选择),
 *   public like a result.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('rule_sets', (table) => {
      table.string('region_code', 6).nullable()
      table.string('funding_source', 16).nullable()
    })
    this.schema.alterTable('projects', (table) => {
      table
        .integer('commissioning_department_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('departments')
      table.string('exemption', 32).nullable()
      table.text('exemption_reason').nullable()
      table.index(['exemption'], 'projects_exemption_index')
    })
    this.schema.createTable('outside_selections', (table) => {
      table.increments('id').notNullable()
      table
        .integer('owner_organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table
        .integer('service_item_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('service_items')
      table.string('title', 200).notNullable()
      table.string('region_code', 6).notNullable()
      table.string('funding_source', 16).notNullable()
      table.integer('ruleset_version').unsigned().notNullable()
      table.string('agency_name', 200).notNullable()
      table.string('agency_uscc', 18).notNullable()
      table.bigInteger('price_fen').unsigned().notNullable()
      table.date('selected_on').notNullable()
      table.text('reason').notNullable()
      table.integer('created_by_user_id').unsigned().notNullable().references('id').inTable('users')
      table.timestamp('created_at').notNullable()
      table.index(['owner_organization_id'])
      table.index(['created_at'])
    })

    this.defer(async (db) => {
      const texts: { funding_source: string }[] = await db
        .from('projects')
        .distinct('funding_source')
      for (const { funding_source: text } of texts) {
        const source = fundingSourceOfText(text)
        if (source === text) continue
        await db.from('projects').where('funding_source', text).update({ funding_source: source })
      }

      const first = await db.from('rule_sets').orderBy('version', 'asc').firstOrFail()
      const latest = await db.from('rule_sets').orderBy('version', 'desc').firstOrFail()
      const parameters = {
        ...DEFAULT_RULES,
        ...JSON.parse(latest.parameters),
        marketScope: 'voluntary',
      }
      await db.table('rule_sets').insert({
        version: Number(latest.version) + 1,
        parameters: JSON.stringify(parameters),
        change_reason:
          '社会投资项目：中介服务由项目业主自主选择，可采用任何选取方式、不限金额，也可在超市外选取并登记结果',
        effective_from: first.effective_from,
        funding_source: 'social',
        created_at: new Date(),
      })
    })
  }

  async down() {
    await this.db.from('rule_sets').where('funding_source', 'social').delete()
    this.schema.dropTable('outside_selections')
    this.schema.alterTable('projects', (table) => {
      table.dropIndex(['exemption'], 'projects_exemption_index')
      table.dropForeign(['commissioning_department_id'])
      table.dropColumn('commissioning_department_id')
      table.dropColumn('exemption')
      table.dropColumn('exemption_reason')
    })
    this.schema.alterTable('rule_sets', (table) => {
      table.dropColumn('region_code')
      table.dropColumn('funding_source')
    })
  }
}
