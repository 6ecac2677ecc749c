import { ContractSchema } from '#database/schema'
import { afterDelete, afterSave, beforeSave, belongsTo, hasMany } from '@adonisjs/lucid/orm'
import db from '@adonisjs/lucid/services/db'
import { queueContractsForAnalytics } from '#services/analytics_queue'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import ContractTemplate from '#models/contract_template'
import ContractSignature from '#models/contract_signature'
import Milestone from '#models/milestone'
import Project from '#models/project'

import type { ContractState } from '#domain/contract_lifecycle'
import { invalidateLists, projectTag } from '#services/public_cache'

/** The contract states, under the names the models and pages use. */
export { CONTRACT_STATES as CONTRACT_STATUSES } from '#domain/contract_lifecycle'
export type ContractStatus = ContractState

/** What the market figures read of a contract. */
const CONTRACT_FIGURE_FIELDS = [
  'status',
  'priceFen',
  'timeLimitWorkingDays',
  'serviceStartedAt',
  'acceptedAt',
  'overdueAt',
  'projectId',
  'ownerOrganizationId',
  'agencyOrganizationId',
]

/** The contract made from a template when a project is awarded. */
export default class Contract extends ContractSchema {
  /** The project page shows the contract notice (公示). */
  @afterSave()
  @afterDelete()
  static async refreshPublicPage(row: Contract) {
    await invalidateLists([projectTag(row.projectId)], row.$trx)
  }

  declare status: ContractStatus

  /** A change the market figures see (services/analytics_queue.ts) queues the contract for them. */
  @beforeSave()
  static markFiguresChange(contract: Contract) {
    contract.$extras.figuresChanged =
      !contract.$isPersisted || CONTRACT_FIGURE_FIELDS.some((field) => field in contract.$dirty)
  }

  @afterSave()
  static async queueForFigures(contract: Contract) {
    if (!contract.$extras.figuresChanged) return
    contract.$extras.figuresChanged = false
    await queueContractsForAnalytics([contract.id], contract.$trx ?? db.connection())
  }

  @belongsTo(() => ContractTemplate, { foreignKey: 'templateId' })
  declare template: BelongsTo<typeof ContractTemplate>

  @belongsTo(() => Project)
  declare project: BelongsTo<typeof Project>

  @hasMany(() => Milestone)
  declare milestones: HasMany<typeof Milestone>

  @hasMany(() => ContractSignature)
  declare signatures: HasMany<typeof ContractSignature>
}
