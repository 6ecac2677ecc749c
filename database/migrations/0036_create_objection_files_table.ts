import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Evidence attached to an objection (质疑材料): scans or documents the
 * objecting agency files with its reasons, read by the owner, the objector
 * and the regulators who decide it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('objection_files', (table) => {
      table.increments('id').notNullable()
      table.integer('objection_id').unsigned().notNullable().references('id').inTable('objections')
      table.string('file_key', 200).notNullable()
      table.string('file_name', 255).notNullable()
      table.string('file_mime', 100).notNullable()
      table.integer('file_size').unsigned().notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['objection_id'])
    })
  }

  async down() {
    this.schema.dropTable('objection_files')
  }
}
