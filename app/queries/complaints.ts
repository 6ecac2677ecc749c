import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import Complaint from '#models/complaint'
import User from '#models/user'
import { trackingCodeHash } from '#domain/complaints'

export type DeskFilter = 'open' | 'filed' | 'assigned' | 'answered'
const PER_PAGE = 50

/** Everything the desk shows of a complaint, loaded up front. */
function forDesk(query: ModelQueryBuilderContract<typeof Complaint>) {
  return query
    .preload('agency')
    .preload('owner')
    .preload('project')
    .preload('complainantOrganization')
    .preload('assignee')
    .preload('files')
}

/**
 * The regulator's desk: open complaints by due date (the most urgent first),
 * or one state; subjects, complainant organisation, assignee and evidence are
 * preloaded, so a page costs the same few queries whatever its length.
 */
export function complaintsForDesk(filter: DeskFilter, page = 1) {
  return forDesk(Complaint.query())
    .if(filter === 'open', (query) => query.whereIn('state', ['filed', 'assigned']))
    .if(filter !== 'open', (query) => query.where('state', filter))
    .if(filter === 'answered', (query) => query.orderBy('answered_at', 'desc'))
    .orderBy('due_at')
    .orderBy('id')
    .paginate(page, PER_PAGE)
}

/** One complaint as the desk shows it. */
export function complaintForDesk(id: number) {
  return forDesk(Complaint.query().where('id', id)).firstOrFail()
}

/**
 * Published outcomes, newest first. Nothing about the complainant is loaded:
 * the public list cannot show what it never reads.
 */
export function publicComplaintOutcomes(page = 1) {
  return Complaint.query()
    .where('state', 'answered')
    .where('outcome_public', 1)
    .orderBy('answered_at', 'desc')
    .orderBy('id', 'desc')
    .preload('agency')
    .preload('owner')
    .preload('project')
    .paginate(page, PER_PAGE)
}

/** The complaint a tracking code belongs to (found by the code's hash), or null. */
export function complaintByTrackingCode(code: string) {
  return Complaint.query()
    .where('tracking_code_hash', trackingCodeHash(code))
    .preload('agency')
    .preload('owner')
    .preload('project')
    .first()
}

/** Who a complaint can be assigned to: every regulator user. */
export function regulatorUsers() {
  return User.query().where('role', 'regulator').orderBy('full_name').orderBy('id')
}
