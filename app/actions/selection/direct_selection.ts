import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import { sealQuote } from '#services/sealed_quotes'
import { DateTime } from 'luxon'
import type Project from '#models/project'
import Bid from '#models/bid'
import Organization from '#models/organization'
import type User from '#models/user'
import StateConflictException from '#exceptions/state_conflict_exception'
import { bidReceipt, drawSeedOf, generateNonce } from '#domain/verifiable_draw'
import { recordAuditEvent } from '#services/audit_log'
import { clock } from '#services/clock'
import { ensureEligible, ensureQuoteWithinBounds } from '#actions/projects/project_rules'
import { failProject, startPublicity } from '#actions/selection/open_selection'
import { lockProject, transition } from '#actions/projects/project_lifecycle'
import { namedTeamFor, recordTeam, type TeamInput } from '#actions/bids/named_team'

/*
 * 直接选取: the owner named one agency; it accepts (with its price, at most
 * the ceiling) or declines within the confirmation window. A decline or
 * silence fails this round, and the owner may name another agency.
 */

/** Locks a direct project that still waits for the named agency's answer. */
async function lockAwaitingConfirmation(
  project: Project,
  agencyUser: User,
  trx: Parameters<typeof lockProject>[1]
) {
  const locked = await lockProject(project.id, trx)
  if (
    !locked ||
    locked.method !== 'direct' ||
    locked.status !== 'published' ||
    locked.stage !== 'confirmation' ||
    locked.directAgencyId !== agencyUser.organizationId ||
    clock.now().getTime() >= locked.stageDueAt!.toMillis()
  ) {
    throw new StateConflictException({ identifier: 'messages.selection.notAwaitingConfirmation' })
  }
  return locked
}

/**
 * The named agency accepts at a price within the bounds (its answer, or its
 * bid on the project); the result goes to publicity. Returns the receipt.
 */
export async function acceptDirectSelection(
  project: Project,
  quoteFen: number | undefined,
  agencyUser: User,
  team: TeamInput = {}
) {
  const agency = await Organization.findOrFail(agencyUser.organizationId)
  const price = quoteFen ?? project.ceilingPriceFen
  ensureQuoteWithinBounds(project, price)
  await ensureEligible(project, agency.id)

  return db.transaction(async (trx) => {
    const locked = await lockAwaitingConfirmation(project, agencyUser, trx)
    // 项目负责人: the acceptance names its lead and team like any response.
    const persons = await namedTeamFor(locked, agency.id, team, trx)
    const nonce = generateNonce()
    const receipt = bidReceipt(locked.code, agency.uscc, price, nonce)
    const bid = await Bid.create(
      {
        projectId: locked.id,
        round: locked.round,
        organizationId: agency.id,
        submittedByUserId: agencyUser.id,
        quoteEncrypted: sealQuote(price),
        nonceEncrypted: encryption.encrypt(nonce),
        quoteFen: price,
        nonce,
        receipt,
        status: 'active',
        valid: true,
        inDrawSeed: true,
        rank: 1,
      },
      { client: trx }
    )
    await recordTeam(bid.id, persons, trx)
    const seed = encryption.decrypt<string>(locked.drawSeedEncrypted!)!
    transition(locked, 'open')
    locked.merge({
      openedAt: DateTime.fromJSDate(clock.now()),
      drawSeed: seed,
      drawSeedMixed: drawSeedOf(seed, [receipt]),
      draws: '[]',
      winnerOrganizationId: agency.id,
      stage: null,
      stageDueAt: null,
    })
    await locked.save()
    await recordAuditEvent(trx, {
      actor: agencyUser,
      action: 'selection.direct_accepted',
      subjectType: 'project',
      subjectId: locked.id,
      payload: {
        code: locked.code,
        agencyId: agency.id,
        quoteFen: price,
        receipt,
        lead: persons.find((person) => person.role === 'lead')?.name ?? null,
      },
    })
    await startPublicity(locked, trx, agencyUser)
    return { project: locked, receipt }
  })
}

/** The named agency declines; the round fails and the owner may name another agency. */
export async function declineDirectSelection(project: Project, reason: string, agencyUser: User) {
  return db.transaction(async (trx) => {
    const locked = await lockAwaitingConfirmation(project, agencyUser, trx)
    await recordAuditEvent(trx, {
      actor: agencyUser,
      action: 'selection.direct_declined',
      subjectType: 'project',
      subjectId: locked.id,
      payload: { code: locked.code, agencyId: agencyUser.organizationId, reason },
    })
    await failProject(locked, 'direct_declined', trx, agencyUser)
    return locked
  })
}

/** The scheduler: the confirmation window passed in silence. */
export async function expireDirectSelection(projectId: number) {
  return db.transaction(async (trx) => {
    const locked = await lockProject(projectId, trx)
    if (
      !locked ||
      locked.method !== 'direct' ||
      locked.status !== 'published' ||
      locked.stageDueAt === null ||
      locked.stageDueAt.toMillis() > clock.now().getTime()
    ) {
      return false
    }
    await failProject(locked, 'no_confirmation', trx, null)
    return true
  })
}
