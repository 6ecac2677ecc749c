import { FollowUpCaseSchema } from '#database/schema'
import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import type { FollowUpStatus } from '#domain/service_delivery'
import FollowUpStep from '#models/follow_up_step'

/** A bad rating's follow-up by regulators: 整改 → 督办 → 回访. */
export default class FollowUpCase extends FollowUpCaseSchema {
  declare status: FollowUpStatus

  @hasMany(() => FollowUpStep, { foreignKey: 'caseId' })
  declare steps: HasMany<typeof FollowUpStep>
}
