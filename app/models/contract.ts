import { ContractSchema } from '#database/schema'
import { belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import ContractTemplate from '#models/contract_template'
import ContractSignature from '#models/contract_signature'
import Milestone from '#models/milestone'
import Project from '#models/project'

import type { ContractState } from '#domain/contract_lifecycle'

/** The contract states, under the names the models and pages use. */
export { CONTRACT_STATES as CONTRACT_STATUSES } from '#domain/contract_lifecycle'
export type ContractStatus = ContractState

/** The contract made from a template when a project is awarded. */
export default class Contract extends ContractSchema {
  declare status: ContractStatus

  @belongsTo(() => ContractTemplate, { foreignKey: 'templateId' })
  declare template: BelongsTo<typeof ContractTemplate>

  @belongsTo(() => Project)
  declare project: BelongsTo<typeof Project>

  @hasMany(() => Milestone)
  declare milestones: HasMany<typeof Milestone>

  @hasMany(() => ContractSignature)
  declare signatures: HasMany<typeof ContractSignature>
}
