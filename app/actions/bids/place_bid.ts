import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import encryption from '@adonisjs/core/services/encryption'
import type { I18n } from '@adonisjs/i18n'
import type User from '#models/user'
import Bid from '#models/bid'
import Organization from '#models/organization'
import Project from '#models/project'
import StateConflictException from '#exceptions/state_conflict_exception'
import IneligibleException from '#exceptions/ineligible_exception'
import { ineligibilityReason } from '#domain/eligibility'
import { bidReceipt, generateNonce } from '#domain/verifiable_draw'
import { eligibilityFactsFor } from '#queries/eligibility_facts'
import { recordAuditEvent } from '#services/audit_log'
import { clock } from '#services/clock'
import { refuse } from '#actions/projects/project_rules'

/**
 * An agency signs up or bids (SPEC "Sealed bids"). Refused after the deadline
 * (409), outside [floor, ceiling] (422), or when the agency is not eligible
 * (403 naming the condition). The quote and a fresh nonce are stored
 * encrypted; the agency gets the receipt SHA-256("code|uscc|quote|nonce").
 * A new bid replaces the agency's previous one: the last one counts.
 */
export async function placeBid(
  projectId: number,
  quoteFen: number,
  agencyUser: User,
  context: { ip: string; userAgent: string | null; i18n: I18n }
) {
  const agency = await Organization.findOrFail(agencyUser.organizationId)
  const snapshot = await Project.findOrFail(projectId)
  ensureOpenForBids(snapshot)
  if (quoteFen > snapshot.ceilingPriceFen) {
    refuse(
      [
        {
          field: 'quoteFen',
          rule: 'quoteOverCeiling',
          data: { ceiling: snapshot.ceilingPriceFen },
        },
      ],
      context.i18n
    )
  }
  if (snapshot.floorPriceFen !== null && quoteFen < snapshot.floorPriceFen) {
    refuse(
      [{ field: 'quoteFen', rule: 'quoteUnderFloor', data: { floor: snapshot.floorPriceFen } }],
      context.i18n
    )
  }
  const reason = ineligibilityReason(await eligibilityFactsFor(snapshot, agency.id))
  if (reason) throw new IneligibleException(reason)

  return db.transaction(async (trx) => {
    const project = await lockOpenProject(projectId, trx)
    const previous = await Bid.query({ client: trx })
      .where('project_id', project.id)
      .where('organization_id', agency.id)
      .where('status', 'active')
    for (const bid of previous) {
      bid.status = 'replaced'
      await bid.save()
    }
    const nonce = generateNonce()
    const receipt = bidReceipt(project.code, agency.uscc, quoteFen, nonce)
    const bid = await Bid.create(
      {
        projectId: project.id,
        organizationId: agency.id,
        submittedByUserId: agencyUser.id,
        quoteEncrypted: encryption.encrypt(String(quoteFen)),
        nonceEncrypted: encryption.encrypt(nonce),
        receipt,
        status: 'active',
        ip: context.ip.slice(0, 64),
        userAgent: context.userAgent?.slice(0, 300) ?? null,
      },
      { client: trx }
    )
    // The audit log records that a bid exists, never its quote.
    await recordAuditEvent(trx, {
      actor: agencyUser,
      action: 'bid.placed',
      subjectType: 'project',
      subjectId: project.id,
      payload: { bidId: bid.id, agencyId: agency.id, receipt },
    })
    return { bid, receipt }
  })
}

/** The agency withdraws its bid before the deadline. */
export async function withdrawBid(projectId: number, agencyUser: User) {
  return db.transaction(async (trx) => {
    const project = await lockOpenProject(projectId, trx)
    const bid = await Bid.query({ client: trx })
      .where('project_id', project.id)
      .where('organization_id', agencyUser.organizationId)
      .where('status', 'active')
      .firstOrFail()
    bid.status = 'withdrawn'
    await bid.save()
    await recordAuditEvent(trx, {
      actor: agencyUser,
      action: 'bid.withdrawn',
      subjectType: 'project',
      subjectId: project.id,
      payload: { bidId: bid.id, receipt: bid.receipt },
    })
  })
}

/**
 * Locks the project row — ordering concurrent bids of a project — and checks,
 * under the lock, that it still takes bids.
 */
async function lockOpenProject(projectId: number, trx: TransactionClientContract) {
  const project = await Project.query({ client: trx })
    .where('id', projectId)
    .forUpdate()
    .firstOrFail()
  ensureOpenForBids(project)
  return project
}

/** Bids are taken while the project is published and its deadline has not passed. */
function ensureOpenForBids(project: Project) {
  if (project.status !== 'published') {
    throw new StateConflictException({ identifier: 'messages.bids.notOpen' })
  }
  if (clock.now().getTime() >= project.responseDeadline.toMillis()) {
    throw new StateConflictException({ identifier: 'messages.bids.deadlinePassed' })
  }
}
