import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The sealed electronic archive (电子档案) of each closed project round: the
 * ZIP's storage key, its SHA-256 and the manifest's, the seal key that signed
 * it. One per project and round (a failed round is archived; a republished
 * project's next round gets its own when it closes): the unique key makes a
 * second sealing impossible.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('project_archives', (table) => {
      table.increments('id').notNullable()
      table.integer('project_id').unsigned().notNullable().references('id').inTable('projects')
      table.integer('round').unsigned().notNullable()
      // The project's state when sealed: closed, terminated or failed.
      table.string('project_status', 16).notNullable()
      table.string('file_key', 255).notNullable()
      table.string('sha256', 64).notNullable()
      table.string('manifest_sha256', 64).notNullable()
      table.bigInteger('size_bytes').unsigned().notNullable()
      table.integer('file_count').unsigned().notNullable()
      table.string('key_id', 32).notNullable()
      table.timestamp('sealed_at').notNullable()
      table.unique(['project_id', 'round'])
    })
  }

  async down() {
    this.schema.dropTable('project_archives')
  }
}
