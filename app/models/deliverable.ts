import { DeliverableSchema } from '#database/schema'
import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import DeliverableFile from '#models/deliverable_file'

export const DELIVERABLE_STATUSES = ['submitted', 'accepted', 'returned'] as const
export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number]

/** One submission of the agency's work (成果), with its files; returned ones stay on record. */
export default class Deliverable extends DeliverableSchema {
  declare status: DeliverableStatus

  @hasMany(() => DeliverableFile)
  declare files: HasMany<typeof DeliverableFile>
}
