import { ProjectSchema } from '#database/schema'
import { afterDelete, afterSave, beforeSave, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import db from '@adonisjs/lucid/services/db'
import { queueProjectForAnalytics } from '#services/analytics_queue'
import { queueProjectsForSignals } from '#services/signal_queue'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import ProjectAttachment from '#models/project_attachment'
import type { ProjectState } from '#domain/project_lifecycle'
import type { SelectionMethod } from '#domain/selection'
import type { Exemption, FundingSource } from '#domain/funding_scope'
import ServiceItem from '#models/service_item'
import Organization from '#models/organization'
import { invalidateLists, projectTag } from '#services/public_cache'

export { SELECTION_METHODS, type SelectionMethod } from '#domain/selection'

/** What an opened selection waits for (and, for direct selection, a published one). */
export const SELECTION_STAGES = [
  'confirmation', // direct: the named agency accepts or declines
  'justification', // abnormally low quotes: the agencies justify them
  'owner_decision', // the owner keeps or rejects each justified quote
  'plan_scores', // scored: the owner scores the service plans
  'pick', // credit_preferred: the owner picks from the shortlist
] as const
export type SelectionStage = (typeof SELECTION_STAGES)[number]

/** What the market figures read of a project (a new project has no contract yet). */
const PROJECT_FIGURE_FIELDS = [
  'awardedAt',
  'publishedAt',
  'ceilingPriceFen',
  'method',
  'regionCode',
  'serviceItemId',
  'timeLimitWorkingDays',
]

/** What the collusion signals' facts read of a project (app/actions/signals/signal_facts.ts). */
const PROJECT_SIGNAL_FIELDS = [
  'status',
  'method',
  'round',
  'openedAt',
  'awardedAt',
  'publishedAt',
  'winnerOrganizationId',
  'directAgencyId',
  'ownerOrganizationId',
  'ceilingPriceFen',
  'serviceItemId',
  'serviceItemVersion',
]

/** A project an owner posts to select an intermediary agency. */
export default class Project extends ProjectSchema {
  declare status: ProjectState
  declare method: SelectionMethod
  declare stage: SelectionStage | null
  declare fundingSource: FundingSource
  declare exemption: Exemption | null

  /**
   * What a save changes for the queues, read once before it: the market
   * figures (services/analytics_queue.ts) and the collusion signals
   * (services/signal_queue.ts) each queue the project after the save.
   */
  @beforeSave()
  static markChanges(project: Project) {
    const changed = (fields: string[]) => fields.some((field) => field in project.$dirty)
    project.$extras.figuresChanged = project.$isPersisted && changed(PROJECT_FIGURE_FIELDS)
    project.$extras.signalsChanged = project.$isPersisted
      ? changed(PROJECT_SIGNAL_FIELDS)
      : project.status !== 'draft'
  }

  @afterSave()
  static async queueChanges(project: Project) {
    const { figuresChanged, signalsChanged } = project.$extras
    project.$extras.figuresChanged = false
    project.$extras.signalsChanged = false
    const client = project.$trx ?? db.connection()
    if (figuresChanged) await queueProjectForAnalytics(project.id, client)
    if (signalsChanged) await queueProjectsForSignals([project.id], client)
  }

  /**
   * Every change of a published project (announcement, transitions, result,
   * cancellation) is seen by the public project list once it commits.
   */
  @afterSave()
  @afterDelete()
  static async refreshPublicList(project: Project) {
    // Drafts are nobody else's business (and a project never goes back to draft).
    if (project.status === 'draft') return
    await invalidateLists(['projects', projectTag(project.id)], project.$trx)
  }

  /** The secret draw seed never leaves the server before opening. */
  @column({ serializeAs: null })
  declare drawSeedEncrypted: string | null

  @belongsTo(() => ServiceItem)
  declare serviceItem: BelongsTo<typeof ServiceItem>

  @belongsTo(() => Organization, { foreignKey: 'ownerOrganizationId' })
  declare owner: BelongsTo<typeof Organization>

  @hasMany(() => ProjectAttachment)
  declare attachments: HasMany<typeof ProjectAttachment>
}
