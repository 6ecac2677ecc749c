import { ComplaintSchema } from '#database/schema'
import { belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type {
  ComplainantKind,
  ComplaintCategory,
  ComplaintOutcome,
  ComplaintState,
} from '#domain/complaints'
import ComplaintFile from '#models/complaint_file'
import Organization from '#models/organization'
import Project from '#models/project'
import User from '#models/user'

/**
 * 投诉举报: about an agency, an owner and/or a project; assigned to a
 * regulator who answers within the response limit (app/domain/complaints.ts).
 */
export default class Complaint extends ComplaintSchema {
  declare state: ComplaintState
  declare category: ComplaintCategory
  declare complainantKind: ComplainantKind
  declare outcome: ComplaintOutcome | null

  // Booleans come back as 0/1 from both databases.
  @column({ consume: (value) => Boolean(value) })
  declare outcomePublic: boolean

  @belongsTo(() => Organization, { foreignKey: 'agencyOrganizationId' })
  declare agency: BelongsTo<typeof Organization>

  @belongsTo(() => Organization, { foreignKey: 'ownerOrganizationId' })
  declare owner: BelongsTo<typeof Organization>

  @belongsTo(() => Project)
  declare project: BelongsTo<typeof Project>

  @belongsTo(() => Organization, { foreignKey: 'complainantOrganizationId' })
  declare complainantOrganization: BelongsTo<typeof Organization>

  @belongsTo(() => User, { foreignKey: 'assigneeUserId' })
  declare assignee: BelongsTo<typeof User>

  @hasMany(() => ComplaintFile)
  declare files: HasMany<typeof ComplaintFile>
}
