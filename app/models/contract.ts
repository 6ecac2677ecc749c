import { ContractSchema } from '#database/schema'
import { belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import ContractTemplate from '#models/contract_template'
import ContractSignature from '#models/contract_signature'
import Milestone from '#models/milestone'
import Project from '#models/project'

export const CONTRACT_STATUSES = [
  'drafting', // generated on award; the owner fills the declared fields
  'signing', // one side has signed the current text
  'signed', // both sides signed the same text
  'expired', // the signing window passed
  'refused', // the winner refused to sign
  'terminated', // ended after signing, with a reason
] as const
export type ContractStatus = (typeof CONTRACT_STATUSES)[number]

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
