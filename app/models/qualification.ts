import { QualificationSchema } from '#database/schema'
import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import QualificationCheck from '#models/qualification_check'

export const QUALIFICATION_STATUSES = ['unverified', 'verified', 'false'] as const
export type QualificationStatus = (typeof QUALIFICATION_STATUSES)[number]

/** A qualification certificate an agency declares, with its scan and spot-check status. */
export default class Qualification extends QualificationSchema {
  declare status: QualificationStatus

  @hasMany(() => QualificationCheck)
  declare checks: HasMany<typeof QualificationCheck>
}
