import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import encryption from '@adonisjs/core/services/encryption'
import { sealQuote } from '#services/sealed_quotes'
import type User from '#models/user'
import Bid from '#models/bid'
import Organization from '#models/organization'
import Project from '#models/project'
import StateConflictException from '#exceptions/state_conflict_exception'
import IneligibleException from '#exceptions/ineligible_exception'
import RefusalException from '#exceptions/refusal_exception'
import { ineligibilityReason } from '#domain/eligibility'
import { bidReceipt, generateNonce } from '#domain/verifiable_draw'
import { deviceFingerprint } from '#domain/collusion'
import { eligibilityFactsForMany } from '#queries/eligibility_facts'
import ServiceItem from '#models/service_item'
import { recordAuditEvent } from '#services/audit_log'
import { notify } from '#services/notifications'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'
import { ensureEligible, ensureQuoteWithinBounds, refuse } from '#actions/projects/project_rules'
import { acceptDirectSelection } from '#actions/selection/direct_selection'
import { namedTeamFor, recordTeam } from '#actions/bids/named_team'
import type { PersonQualificationRef } from '#domain/person_qualifications'

/** What an agency sends when it bids. */
export type BidInput = {
  quoteFen: number
  /** 联合中介: member agencies, each responsible for one sub-item. */
  consortium?: { agencyId: number; itemCode: string; practitionerIds?: number[] }[]
  /** The service plan (方案) that the owner scores in the scored method. */
  servicePlan?: string
  /** 项目负责人: the practitioner who leads (required when the item requires a qualification). */
  leadPractitionerId?: number | null
  /** The rest of the team, from the agency's practitioners. */
  teamPractitionerIds?: number[]
}

/**
 * An agency signs up or bids (SPEC "Sealed bids"). Refused after the deadline
 * (409), outside [floor, ceiling] (422), or when the agency is not eligible
 * (403 naming the condition). The quote and a fresh nonce are stored
 * encrypted; the agency gets the receipt SHA-256("code|uscc|quote|nonce").
 * A new bid replaces the agency's previous one: the last one counts.
 * A direct selection (直接选取) takes no sealed bids: the named agency's bid
 * is its acceptance at that price, anyone else's is refused (403).
 */
export async function placeBid(
  projectId: number,
  input: BidInput,
  agencyUser: User,
  context: { ip: string; userAgent: string | null; acceptLanguage?: string | null }
) {
  const { quoteFen } = input
  // Everything is read and checked under the locks, in one transaction: the
  // project (shared: bids go on side by side) must still take bids, the
  // agency (exclusive: its own bids and consortium answers queue up) must be
  // eligible and not a confirmed member of another bid.
  const outcome = await db.transaction(async (trx) => {
    const project = await lockProject(projectId, trx)
    // A direct selection takes no sealed bid: handled below, once this transaction (which
    // wrote nothing) has ended.
    if (project.method === 'direct') return { direct: project }
    ensureOpenForBids(project)
    const agency = await lockAgency(agencyUser.organizationId, trx)
    ensureQuoteWithinBounds(project, quoteFen)
    // Eligible; not a confirmed member of another bid; the bid this one replaces: one statement.
    const eligibility = await ensureEligible(
      project,
      agency.id,
      trx,
      ownBidsAndMemberships(project, agency.id, trx)
    )
    const previous = previousBidsOrRefusal(eligibility.alsoRead)
    const members = await checkConsortium(project, agency.id, input.consortium ?? [], trx)
    // The lead agency's persons and each member's, judged together.
    const team = await namedTeamFor(
      project,
      agency.id,
      input,
      trx,
      members.map((member, index) => ({
        index,
        organizationId: member.organizationId,
        practitionerIds: input.consortium?.[index]?.practitionerIds ?? [],
        requiredQualification: member.requiredQualification,
      })),
      { required: eligibility.leadQualification ?? null }
    )
    const consented = await confirmedMembersOf(
      previous.map((row) => Number(row.id)),
      trx
    )
    if (previous.length > 0) {
      await trx
        .from('bids')
        .whereIn(
          'id',
          previous.map((row) => row.id)
        )
        .update({ status: 'replaced', updated_at: sqlTime(new Date()) })
    }
    const nonce = generateNonce()
    const receipt = bidReceipt(project.code, agency.uscc, quoteFen, nonce)
    const bid = await Bid.create(
      {
        projectId: project.id,
        round: project.round,
        organizationId: agency.id,
        submittedByUserId: agencyUser.id,
        quoteEncrypted: sealQuote(quoteFen),
        nonceEncrypted: encryption.encrypt(nonce),
        receipt,
        status: 'active',
        servicePlan: input.servicePlan ?? null,
        ip: context.ip.slice(0, 64),
        userAgent: context.userAgent?.slice(0, 300) ?? null,
        // For the regulators' same-device signal (app/domain/collusion.ts).
        deviceFingerprint: deviceFingerprint(context.userAgent, context.acceptLanguage ?? null),
      },
      { client: trx }
    )
    await recordTeam(bid.id, team, trx)
    // Each member answers in the market (app/actions/bids/consortium_requests.ts).
    // A member that confirmed for the bid this one replaces, for the same
    // sub-item, stays confirmed: it agreed to join the lead, whose quote it never sees.
    const carried = (member: { organizationId: number; serviceItemId: number }) =>
      consented.get(`${member.organizationId}|${member.serviceItemId}`)
    if (members.length > 0) {
      await trx
        .insertQuery()
        .table('bid_members')
        .multiInsert(
          members.map((member) => ({
            bid_id: bid.id,
            organization_id: member.organizationId,
            service_item_id: member.serviceItemId,
            status: carried(member) ? 'confirmed' : 'pending',
            answered_at: carried(member)?.answeredAt ?? null,
            answered_by_user_id: carried(member)?.answeredByUserId ?? null,
            created_at: sqlTime(clock.now()),
          }))
        )
    }
    // The audit log records that a bid exists, never its quote.
    await recordAuditEvent(trx, {
      actor: agencyUser,
      action: 'bid.placed',
      subjectType: 'project',
      subjectId: project.id,
      payload: {
        bidId: bid.id,
        agencyId: agency.id,
        receipt,
        consortium: members.map((member) => member.organizationId),
        lead: team.find((person) => person.role === 'lead')?.name ?? null,
        team: team.filter((person) => person.role === 'member').map((person) => person.name),
      },
    })
    // The request tells the member who leads and for which project: never the quote.
    await notify(trx, {
      organizationIds: members
        .filter((member) => !carried(member))
        .map((member) => member.organizationId),
      kind: 'consortium.requested',
      projectId: project.id,
      data: {
        code: project.code,
        title: project.title,
        agency: agency.name,
        deadline: project.responseDeadline.toISO(),
      },
    })
    return { bid, receipt }
  })
  if (outcome.direct) {
    ensureNamedAgency(outcome.direct, agencyUser.organizationId)
    const { receipt } = await acceptDirectSelection(outcome.direct, quoteFen, agencyUser, input)
    return { receipt }
  }
  return { bid: outcome.bid!, receipt: outcome.receipt! }
}

/** A direct selection is answered by the agency it names: anyone else is refused with the reason. */
function ensureNamedAgency(project: Project, organizationId: number) {
  if (project.directAgencyId !== organizationId) {
    throw new RefusalException(403, 'E_NOT_NAMED_AGENCY', {
      identifier: 'messages.bids.directNotNamed',
    })
  }
}

/**
 * 联合体成员不得再单独参加: an agency that confirmed as a member of another
 * active bid of this round cannot bid on its own (403 naming the lead). A
 * request it has not confirmed does not hold it back: nobody can keep a
 * competitor out by naming it.
 */
export async function ensureNotConfirmedMember(
  project: Project,
  organizationId: number,
  trx: TransactionClientContract,
  exceptMemberId?: number
) {
  const membership = await trx
    .from('bid_members as m')
    .join('bids as b', 'b.id', 'm.bid_id')
    .join('organizations as lead', 'lead.id', 'b.organization_id')
    .where('m.organization_id', organizationId)
    .where('m.status', 'confirmed')
    .if(exceptMemberId, (query) => query.whereNot('m.id', exceptMemberId!))
    .where('b.project_id', project.id)
    .where('b.round', project.round)
    .where('b.status', 'active')
    .select('lead.name')
    .first()
  if (membership) {
    throw new RefusalException(403, 'E_CONSORTIUM_CONFLICT', {
      identifier: 'messages.consortium.memberOfAnother',
      data: { lead: membership.name },
    })
  }
}

/**
 * Read with the eligibility facts, in their statement: the agency's active
 * bids of this round (the last bid counts: it is replaced; there is one at
 * most) and the lead of another active bid it confirmed as a member of. The
 * active bid is found by a plain read (the agency's lock makes it current)
 * and updated by id: a locking search would lock the gaps of the bids index,
 * where other agencies' bids are being inserted, and deadlock with them.
 */
function ownBidsAndMemberships(
  project: Project,
  organizationId: number,
  trx: TransactionClientContract
) {
  return {
    activeBidIds: trx
      .from('bids')
      .where('project_id', project.id)
      .where('organization_id', organizationId)
      .where('round', project.round)
      .where('status', 'active')
      .select(trx.raw('group_concat(id)')),
    confirmedLead: trx
      .from('bid_members as m')
      .join('bids as b', 'b.id', 'm.bid_id')
      .join('organizations as lead', 'lead.id', 'b.organization_id')
      .where('m.organization_id', organizationId)
      .where('m.status', 'confirmed')
      .where('b.project_id', project.id)
      .where('b.round', project.round)
      .where('b.status', 'active')
      .select('lead.name')
      .limit(1),
  }
}

/**
 * A confirmed member of another active bid is refused with 403 naming the
 * lead, as ensureNotConfirmedMember; otherwise, the ids of the bids this one replaces.
 */
function previousBidsOrRefusal(read: { activeBidIds: unknown; confirmedLead: unknown }) {
  if (read.confirmedLead !== null && read.confirmedLead !== undefined) {
    throw new RefusalException(403, 'E_CONSORTIUM_CONFLICT', {
      identifier: 'messages.consortium.memberOfAnother',
      data: { lead: read.confirmedLead },
    })
  }
  const ids =
    read.activeBidIds === null || read.activeBidIds === undefined ? '' : String(read.activeBidIds)
  return ids === '' ? [] : ids.split(',').map((id) => ({ id: Number(id) }))
}

/** The confirmed members of the bids being replaced, keyed "member|sub-item". */
async function confirmedMembersOf(bidIds: number[], trx: TransactionClientContract) {
  const consented = new Map<string, { answeredAt: unknown; answeredByUserId: number | null }>()
  if (bidIds.length === 0) return consented
  const rows = await trx
    .from('bid_members')
    .whereIn('bid_id', bidIds)
    .where('status', 'confirmed')
    .select('organization_id', 'service_item_id', 'answered_at', 'answered_by_user_id')
  for (const row of rows) {
    consented.set(`${row.organization_id}|${row.service_item_id}`, {
      answeredAt: row.answered_at,
      answeredByUserId: row.answered_by_user_id,
    })
  }
  return consented
}

/**
 * A consortium bid (联合中介): each member is another agency, named once,
 * eligible for its own sub-item (a catalog item) — refused with 422 for an
 * unknown agency or item, 403 naming the member and the failed condition.
 */
async function checkConsortium(
  project: Project,
  leadId: number,
  consortium: { agencyId: number; itemCode: string }[],
  trx: TransactionClientContract
) {
  const members: {
    organizationId: number
    serviceItemId: number
    requiredQualification: PersonQualificationRef | null
  }[] = []
  const seen = new Set<number>([leadId])
  for (const [index, entry] of consortium.entries()) {
    const member = await Organization.query({ client: trx })
      .where('id', entry.agencyId)
      .where('kind', 'agency')
      .first()
    const item = await ServiceItem.query({ client: trx }).where('code', entry.itemCode).first()
    if (!member || seen.has(entry.agencyId)) {
      refuse([{ field: `consortium.${index}.agencyId`, rule: 'consortiumMember' }])
    }
    if (!item) refuse([{ field: `consortium.${index}.itemCode`, rule: 'unknownItem' }])
    seen.add(member.id)
    const facts = await eligibilityFactsForMany(project, [member.id], {
      serviceItemId: item.id,
      client: trx,
    })
    const reason = ineligibilityReason(facts.get(member.id)!)
    if (reason) throw new IneligibleException(reason, member.name, `consortium.${index}.agencyId`)
    members.push({
      organizationId: member.id,
      serviceItemId: item.id,
      // The persons the member names must hold its sub-item's lead qualification.
      requiredQualification: item.leadQualification
        ? { code: item.leadQualification, level: item.leadQualificationLevel }
        : null,
    })
  }
  return members
}

/** The agency withdraws its bid before the deadline. */
export async function withdrawBid(projectId: number, agencyUser: User) {
  return db.transaction(async (trx) => {
    const { project } = await lockOpenProject(projectId, agencyUser.organizationId, trx)
    const bid = await Bid.query({ client: trx })
      .where('project_id', project.id)
      .where('organization_id', agencyUser.organizationId)
      .where('round', project.round)
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
 * Takes a shared lock on the project row — bids of many agencies go on side
 * by side, while opening, which locks the row exclusively, waits for them and
 * then holds them off — and checks, under it, that the project still takes
 * bids. The agency's own row is locked exclusively (and read: its USCC goes
 * into the receipt), so that two bids of the same agency queue up and exactly
 * one stays active.
 */
async function lockOpenProject(
  projectId: number,
  organizationId: number,
  trx: TransactionClientContract
) {
  const project = await lockProject(projectId, trx)
  ensureOpenForBids(project)
  return { project, agency: await lockAgency(organizationId, trx) }
}

/** The project, locked for share (bids go on side by side; an opening waits for them). */
function lockProject(projectId: number, trx: TransactionClientContract) {
  return Project.query({ client: trx }).where('id', projectId).forShare().firstOrFail()
}

/** The agency's row, locked exclusively and read (its USCC goes into the receipt). */
async function lockAgency(organizationId: number, trx: TransactionClientContract) {
  const agency = await trx
    .from('organizations')
    .where('id', organizationId)
    .forUpdate()
    .select('id', 'uscc', 'name')
    .firstOrFail()
  return { id: Number(agency.id), uscc: agency.uscc as string, name: agency.name as string }
}

/**
 * Bids are taken while the project is published and its deadline has not
 * passed — and never as sealed bids on a direct selection (its method is
 * checked again here, under the lock: a re-publication may change it).
 */
export function ensureOpenForBids(project: Project) {
  if (project.method === 'direct') {
    throw new RefusalException(403, 'E_NOT_NAMED_AGENCY', {
      identifier: 'messages.bids.directNotNamed',
    })
  }
  if (project.status !== 'published') {
    throw new StateConflictException({ identifier: 'messages.bids.notOpen' })
  }
  if (clock.now().getTime() >= project.responseDeadline.toMillis()) {
    throw new StateConflictException({ identifier: 'messages.bids.deadlinePassed' })
  }
}
