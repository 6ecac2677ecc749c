import { BidSchema } from '#database/schema'
import { afterDelete, afterSave, beforeSave, belongsTo, column } from '@adonisjs/lucid/orm'
import db from '@adonisjs/lucid/services/db'
import { queueProjectsForSignals } from '#services/signal_queue'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Project from '#models/project'
import { invalidateLists, projectTag } from '#services/public_cache'

export const BID_STATUSES = ['active', 'replaced', 'withdrawn'] as const
export type BidStatus = (typeof BID_STATUSES)[number]

/** What the collusion signals' facts read of a bid (app/actions/signals/signal_facts.ts). */
const BID_SIGNAL_FIELDS = [
  'projectId',
  'round',
  'status',
  'organizationId',
  'quoteFen',
  'ip',
  'deviceFingerprint',
  'createdAt',
]

/** Why a bid does not count, as published with the result. */
export type InvalidReason =
  | 'not_active'
  | 'item_not_offered'
  | 'qualification_missing'
  | 'qualification_level_too_low'
  | 'agency_banned'
  | 'manager_banned'
  | 'jointly_punished'
  | 'grade_too_low'
  | 'conflict_of_interest'
  | 'affiliated'
  | 'serving_official'
  | 'lead_missing'
  | 'practitioner_not_named'
  | 'practitioner_banned'
  | 'practitioner_conflicted'
  | 'practitioner_unqualified'
  | 'member_ineligible'
  | 'member_declined'
  | 'member_unconfirmed'
  | 'member_bids_alone'
  | 'no_justification'
  | 'rejected_abnormally_low'
  | 'objection_upheld'

/** A sealed bid: quote and nonce are ciphertexts until opening. */
export default class Bid extends BidSchema {
  /** The project page shows the response count, and the bids once opened. */
  @afterSave()
  @afterDelete()
  static async refreshPublicPage(row: Bid) {
    await invalidateLists([projectTag(row.projectId)], row.$trx)
  }

  /** What a save changes for the collusion signals: any new bid, or a change of what they read. */
  @beforeSave()
  static markChanges(bid: Bid) {
    bid.$extras.signalsChanged =
      !bid.$isPersisted || BID_SIGNAL_FIELDS.some((field) => field in bid.$dirty)
  }

  /** A bid placed, or changed where the signals see it, queues its project for them (services/signal_queue.ts). */
  @afterSave()
  static async queueForSignals(bid: Bid) {
    if (!bid.$extras.signalsChanged) return
    bid.$extras.signalsChanged = false
    await queueProjectsForSignals([bid.projectId], bid.$trx ?? db.connection())
  }

  declare status: BidStatus
  declare invalidReason: InvalidReason | null
  /** `lapsed`: a justified quote the owner did not decide on in time stands. */
  declare ownerDecision: 'kept' | 'rejected' | 'lapsed' | null

  @column({ serializeAs: null })
  declare quoteEncrypted: string

  @column({ serializeAs: null })
  declare nonceEncrypted: string

  // Booleans come back as 0/1 from both databases.
  @column({ consume: (value) => Boolean(value) })
  declare inDrawSeed: boolean

  @column({ consume: (value) => Boolean(value) })
  declare abnormallyLow: boolean

  @column({ consume: (value) => (value === null ? null : Boolean(value)) })
  declare valid: boolean | null

  @belongsTo(() => Project)
  declare project: BelongsTo<typeof Project>
}
