import { BaseSchema } from '@adonisjs/lucid/schema'

/** Documents published with an announcement (采购文件、图纸…), added while the project is a draft. */
export default class extends BaseSchema {
  protected tableName = 'project_attachments'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id').notNullable()
      table.integer('project_id').unsigned().notNullable().references('id').inTable('projects')
      table.string('file_key', 200).notNullable()
      table.string('file_name', 255).notNullable()
      table.string('file_mime', 50).notNullable()
      table.integer('file_size').unsigned().notNullable()
      table
        .integer('uploaded_by_user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
      table.timestamp('created_at').notNullable()
      table.index(['project_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
