import db from '@adonisjs/lucid/services/db'
import type { SqlInteger } from '#services/sql_rows'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import hash from '@adonisjs/core/services/hash'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import Contract from '#models/contract'
import ContractSignature from '#models/contract_signature'
import Milestone from '#models/milestone'
import Project from '#models/project'
import type User from '#models/user'
import StateConflictException from '#exceptions/state_conflict_exception'
import RevisionChangedException from '#exceptions/revision_changed_exception'
import IneligibleException from '#exceptions/ineligible_exception'
import { eligibilityIntegrity, integrityFactsForMany } from '#queries/integrity'
import { banStatusOf } from '#queries/bans'
import { listingLabel } from '#queries/joint_punishment'
import RefusalException from '#exceptions/refusal_exception'
import { termsProblems, type MilestoneTerms } from '#domain/contract_template'
import { DEFAULT_TERMS } from '#database/data/contract_templates'
import { contractText, fieldValuesOf, type FieldValues } from '#queries/contract_text'
import { recordAuditEvent } from '#services/audit_log'
import { recordCreditEvent } from '#services/credit_ledger'
import { rulesInForce, rulesOfVersion } from '#services/market_rules'
import { workingPeriodEnd } from '#services/calendar'
import { notify } from '#services/notifications'
import { clock } from '#services/clock'
import { displayDeadline } from '#domain/time_zone'
import {
  contractOpen,
  nextContractState,
  signingTransition,
  alternateNeeded,
  type ContractState,
  type ContractTransition,
} from '#domain/contract_lifecycle'
import { sqlTime } from '#services/sql_time'
import { refuse } from '#actions/projects/project_rules'
import { lockProject, transition } from '#actions/projects/project_lifecycle'
import { startService } from '#actions/delivery/service_delivery'
import { throttleSigningPassword } from '#services/password_throttle'
import { meetsSignatureLevel, type SignatureLevel } from '#domain/rules'
import { standingOf } from '#queries/signatories'
import { ensureTeamStillEligible } from '#actions/bids/named_team'
import { teamOfBid } from '#queries/named_teams'

type Actor = Pick<User, 'id' | 'role'> | null

/**
 * The template in force for an item: the latest version of a template for
 * the item itself, else for its category, else the general one.
 */
async function templateFor(serviceItemId: number, client: TransactionClientContract) {
  const item = await client
    .from('service_items')
    .where('id', serviceItemId)
    .select('category')
    .firstOrFail()
  const latest = (query: DatabaseQueryBuilderContract) => query.orderBy('version', 'desc').first()
  const template =
    (await latest(client.from('contract_templates').where('service_item_id', serviceItemId))) ??
    (await latest(
      client
        .from('contract_templates')
        .whereNull('service_item_id')
        .where('category', item.category)
    )) ??
    (await latest(client.from('contract_templates').where('key', 'general')))
  // The general template is part of the schema's seed data: without it no contract can be made.
  if (!template) throw new Error('No contract template, not even the general one')
  return template
}

/**
 * 合同生成: on award (and for an alternate), the contract is made from the
 * template in force, at the winning quote, with one milestone for the whole
 * price, and must be signed within the signing window.
 */
export async function makeContract(
  project: Project,
  bid: { id: number; organizationId: number; quoteFen: number },
  trx: TransactionClientContract,
  actor: Actor
) {
  const template = await templateFor(project.serviceItemId, trx)
  const rules = await rulesOfVersion(project.rulesetVersion!, trx)
  const due = await workingPeriodEnd(clock.now(), rules.contractSigningWorkingDays, trx)
  // 项目负责人: the lead the winning response named answers for the work.
  const { lead } = await teamOfBid(bid.id, trx)
  const fields: FieldValues = {
    price: bid.quoteFen,
    deliverables: project.deliverables || project.description,
    timeLimitWorkingDays: project.timeLimitWorkingDays,
    acceptanceCriteria: DEFAULT_TERMS.acceptanceCriteria,
    disputeResolution: DEFAULT_TERMS.disputeResolution,
  }
  const contract = await Contract.create(
    {
      projectId: project.id,
      templateId: template.id,
      ownerOrganizationId: project.ownerOrganizationId,
      agencyOrganizationId: bid.organizationId,
      bidId: bid.id,
      priceFen: bid.quoteFen,
      leadPractitionerId: lead?.practitionerId ?? null,
      leadName: lead?.name ?? null,
      status: 'drafting',
      fieldValues: JSON.stringify(fields),
      supplementaryTerms: null,
      revision: 1,
      textHash: '',
      signingDueAt: DateTime.fromJSDate(due),
    },
    { client: trx }
  )
  await Milestone.create(
    {
      contractId: contract.id,
      position: 1,
      title: DEFAULT_TERMS.milestoneTitle,
      amountFen: bid.quoteFen,
      condition: null,
      status: 'unpaid',
    },
    { client: trx }
  )
  const { sha256 } = await contractText(contract, trx)
  contract.textHash = sha256
  await contract.save()
  await recordAuditEvent(trx, {
    actor,
    action: 'contract.generated',
    subjectType: 'contract',
    subjectId: contract.id,
    payload: {
      projectId: project.id,
      templateId: template.id,
      templateVersion: template.version,
      agencyId: bid.organizationId,
      priceFen: bid.quoteFen,
      lead: lead?.name ?? null,
      textSha256: sha256,
    },
  })
  await notify(trx, {
    organizationIds: [project.ownerOrganizationId, bid.organizationId],
    kind: 'contract.generated',
    projectId: project.id,
    data: {
      code: project.code,
      title: project.title,
      deadline: displayDeadline(due),
    },
  })
  return contract
}

/**
 * The state a contract moves to by a transition of the lifecycle table; the
 * callers have checked the guard under the row lock, so a refusal here is a
 * state conflict all the same (409), never a silent change.
 */
export function movedContract(contract: Contract, step: ContractTransition): ContractState {
  const next = nextContractState(contract.status, step)
  if (!next) throw new StateConflictException({ identifier: 'messages.contracts.notOpen' })
  return next
}

/** Locks a contract that can still change or be signed, before its signing deadline. */
async function lockOpenContract(contractId: number, trx: TransactionClientContract) {
  const contract = await Contract.query({ client: trx })
    .where('id', contractId)
    .forUpdate()
    .firstOrFail()
  if (!contractOpen(contract.status) || clock.now().getTime() >= contract.signingDueAt.toMillis()) {
    throw new StateConflictException({ identifier: 'messages.contracts.notOpen' })
  }
  return contract
}

export type TermsInput = {
  price: number
  deliverables: string
  timeLimitWorkingDays: number
  acceptanceCriteria: string
  disputeResolution: string
  milestones: MilestoneTerms[]
  supplementaryTerms: string | null
}

/**
 * The owner fills the declared fields before signing. The price stays within
 * the winning quote and the milestones sum exactly to it; any change voids
 * the signatures already given (the text they signed no longer exists).
 */
export async function updateTerms(contract: Contract, input: TermsInput, owner: User) {
  const project = await Project.findOrFail(contract.projectId)
  const quote = await db.from('bids').where('id', contract.bidId).select('quote_fen').firstOrFail()
  const problems = termsProblems(
    {
      priceFen: input.price,
      milestones: input.milestones,
      timeLimitWorkingDays: input.timeLimitWorkingDays,
    },
    {
      winningQuoteFen: Number(quote.quote_fen),
      maxTimeLimitWorkingDays: project.timeLimitWorkingDays,
    }
  )
  if (problems.length > 0) {
    refuse(
      problems.map((problem) => ({
        field: problem.field,
        rule: problem.rule,
        data: 'data' in problem ? problem.data : undefined,
      }))
    )
  }
  return db.transaction(async (trx) => {
    const locked = await lockOpenContract(contract.id, trx)
    const before = fieldValuesOf(locked)
    const fields: FieldValues = {
      price: input.price,
      deliverables: input.deliverables,
      timeLimitWorkingDays: input.timeLimitWorkingDays,
      acceptanceCriteria: input.acceptanceCriteria,
      disputeResolution: input.disputeResolution,
    }
    await trx.from('milestones').where('contract_id', locked.id).delete()
    await trx
      .insertQuery()
      .table('milestones')
      .multiInsert(
        input.milestones.map((milestone, index) => ({
          contract_id: locked.id,
          position: index + 1,
          title: milestone.title,
          amount_fen: milestone.amountFen,
          condition: milestone.condition,
          status: 'unpaid',
        }))
      )
    const voided = await trx
      .from('contract_signatures')
      .where('contract_id', locked.id)
      .whereNull('voided_at')
      .update({
        voided_at: sqlTime(clock.now()),
      })
    locked.merge({
      fieldValues: JSON.stringify(fields),
      priceFen: input.price,
      supplementaryTerms: input.supplementaryTerms?.trim() || null,
      revision: locked.revision + 1,
      status: movedContract(locked, 'amend'),
    })
    const { sha256 } = await contractText(locked, trx)
    locked.textHash = sha256
    await locked.save()
    const changed = (Object.keys(fields) as (keyof FieldValues)[]).filter(
      (key) => fields[key] !== before[key]
    )
    await recordAuditEvent(trx, {
      actor: owner,
      action: 'contract.terms_changed',
      subjectType: 'contract',
      subjectId: locked.id,
      payload: {
        revision: locked.revision,
        changed,
        milestones: input.milestones,
        supplementaryTerms: locked.supplementaryTerms,
        signaturesVoided: Number(voided),
        textSha256: sha256,
      },
    })
    await notify(trx, {
      organizationIds: [locked.agencyOrganizationId],
      kind: 'contract.changed',
      projectId: project.id,
      data: { code: project.code, title: project.title },
    })
    return locked
  })
}

/**
 * Whether `signer` may sign this contract now, before anything is recorded:
 * a current signatory of its organisation (403), and, for the agency, not
 * banned (禁入), not barred by a joint-punishment list (联合惩戒), not
 * affiliated with the approving department (红顶中介) and without a serving
 * official (在职公职人员兼职) — judged against the registers as they now stand.
 */
export async function refuseBarredSigner(contract: Contract, signer: User) {
  if (!(await standingOf(signer))) {
    throw new RefusalException(403, 'E_NOT_SIGNATORY', {
      identifier: 'signing.refusals.notSignatoryToSign',
    })
  }
  // The lead and team the response named, judged again for either signer: a
  // person banned since (under any agency), or now also named by the owner.
  await ensureTeamStillEligible(
    await Project.findOrFail(contract.projectId),
    contract.bidId,
    db.connection()
  )
  if (signer.role !== 'agency') return
  const bans = await banStatusOf(signer.organizationId)
  if (bans.agencyBanned) throw new IneligibleException({ code: 'agency_banned' })
  if (bans.bannedManagerNames.length > 0) {
    throw new IneligibleException({ code: 'manager_banned', names: bans.bannedManagerNames })
  }
  const barring = bans.jointPunishments.filter((listing) => listing.barsSigning)
  if (barring.length > 0) {
    throw new RefusalException(403, 'E_INELIGIBLE', {
      identifier: 'joint_punishment.refusals.signing',
      data: { lists: barring.map(listingLabel).join('；') },
    })
  }
  const project = await db
    .from('projects')
    .where('id', contract.projectId)
    .select('service_item_id')
    .firstOrFail()
  const integrity = await integrityFactsForMany(
    [signer.organizationId],
    Number(project.service_item_id)
  )
  const { affiliation, servingOfficial } = eligibilityIntegrity(
    integrity.get(signer.organizationId)
  )
  if (affiliation) throw new IneligibleException({ code: 'affiliated', ...affiliation })
  if (servingOfficial) throw new IneligibleException({ code: 'serving_official' })
}

/** The signature level the contract's project requires (its rule set's minimumSignatureLevel). */
export async function requiredSignatureLevel(contract: Contract) {
  const project = await db
    .from('projects')
    .where('id', contract.projectId)
    .select('ruleset_version')
    .firstOrFail()
  // A project always has its version once published; a record made otherwise reads the general set.
  const rules =
    project.ruleset_version === null
      ? await rulesInForce().then((inForce) => inForce.rules)
      : await rulesOfVersion(Number(project.ruleset_version))
  return rules.minimumSignatureLevel
}

/** Locks an open contract and checks the revision and text hash the signer was shown (409). */
export async function lockContractForSigning(
  contractId: number,
  shown: { revision: number; textSha256: string },
  trx: TransactionClientContract
) {
  const locked = await lockOpenContract(contractId, trx)
  const { sha256 } = await contractText(locked, trx)
  if (shown.revision !== locked.revision || shown.textSha256 !== sha256) {
    throw new RevisionChangedException(
      { contractId: locked.id, revision: locked.revision, textSha256: sha256 },
      shown
    )
  }
  return { locked, sha256 }
}

/** The organisations that have signed the contract's current revision (signatures not voided). */
export async function currentSignatories(
  contract: Pick<Contract, 'id' | 'revision'>,
  client: QueryClientContract
) {
  const rows: { organization_id: SqlInteger }[] = await client
    .from('contract_signatures')
    .where('contract_id', contract.id)
    .where('revision', contract.revision)
    .whereNull('voided_at')
    .select('organization_id')
  return rows.map((row) => Number(row.organization_id))
}

export type SignatureDetails = {
  level: SignatureLevel
  certificateSerial: string | null
  documentId: number | null
  ip: string
  userAgent: string | null
}

/**
 * Records a party's signature of the locked contract's current revision.
 * When both parties have signed it, the contract is signed, the project is
 * contracted and the service clock starts (in_service).
 */
export async function recordSignature(
  trx: TransactionClientContract,
  locked: Contract,
  sha256: string,
  signer: User,
  details: SignatureDetails
) {
  const signed = await currentSignatories(locked, trx)
  if (signed.includes(signer.organizationId)) {
    throw new StateConflictException({ identifier: 'messages.contracts.alreadySigned' })
  }
  const signature = await ContractSignature.create(
    {
      contractId: locked.id,
      organizationId: signer.organizationId,
      userId: signer.id,
      revision: locked.revision,
      textHash: sha256,
      level: details.level,
      certificateSerial: details.certificateSerial,
      documentId: details.documentId,
      ip: details.ip.slice(0, 64),
      userAgent: details.userAgent?.slice(0, 300) ?? null,
      signedAt: DateTime.fromJSDate(clock.now()),
    },
    { client: trx }
  )
  const bothSigned = signed.length + 1 >= 2
  locked.merge({
    status: movedContract(locked, signingTransition(signed.length)),
    textHash: sha256,
    signedAt: bothSigned ? DateTime.fromJSDate(clock.now()) : null,
  })
  await locked.save()
  await recordAuditEvent(trx, {
    actor: signer,
    action: bothSigned ? 'contract.signed' : 'contract.signature_given',
    subjectType: 'contract',
    subjectId: locked.id,
    payload: {
      signatureId: signature.id,
      organizationId: signer.organizationId,
      revision: locked.revision,
      textSha256: sha256,
      level: details.level,
      certificateSerial: details.certificateSerial,
      documentId: details.documentId,
      ip: signature.ip,
    },
  })
  const project = (await lockProject(locked.projectId, trx))!
  if (bothSigned) {
    transition(project, 'contract')
    await project.save()
    await recordAuditEvent(trx, {
      actor: signer,
      action: 'project.contracted',
      subjectType: 'project',
      subjectId: project.id,
      payload: { code: project.code, contractId: locked.id },
    })
    // The contract is in force: the service clock starts the same moment.
    await startService(locked, project, signer, trx)
  }
  await notify(trx, {
    organizationIds: [
      signer.organizationId === locked.ownerOrganizationId
        ? locked.agencyOrganizationId
        : locked.ownerOrganizationId,
    ],
    kind: bothSigned ? 'contract.signed' : 'contract.signature_given',
    projectId: project.id,
    data: { code: project.code, title: project.title },
  })
  return signature
}

/**
 * 电子签名, simple level: a party signs by entering its password again
 * (throttled per user and per address); the signature records the user,
 * time, IP, user agent and the SHA-256 of the text signed. Refused where the
 * project's rule set requires reliable signatures (signer-held keys over the
 * contract PDF, #actions/contracts/contract_pdf_signing). The signer names
 * the revision and the text hash it was shown: when either differs from the
 * contract in force (the owner changed a term meanwhile), nothing is signed
 * and the current revision is named.
 */
export async function signContract(
  contract: Contract,
  signer: User,
  input: { password: string; revision: number; textSha256: string },
  context: { ip: string; userAgent: string | null }
) {
  if (!meetsSignatureLevel('simple', await requiredSignatureLevel(contract))) {
    throw new RefusalException(403, 'E_SIGNATURE_LEVEL', {
      identifier: 'signing.refusals.reliableRequired',
    })
  }
  await throttleSigningPassword(signer.id, context.ip, async () => {
    if (!(await hash.verify(signer.password, input.password))) {
      refuse([{ field: 'password', rule: 'wrongPassword' }])
    }
  })
  await refuseBarredSigner(contract, signer)
  return db.transaction(async (trx) => {
    const { locked, sha256 } = await lockContractForSigning(contract.id, input, trx)
    await recordSignature(trx, locked, sha256, signer, {
      level: 'simple',
      certificateSerial: null,
      documentId: null,
      ip: context.ip,
      userAgent: context.userAgent,
    })
    return locked
  })
}

/** The winner refuses to sign: recorded, with a credit event; the owner may take the next alternate. */
export async function refuseContract(contract: Contract, reason: string, agencyUser: User) {
  return db.transaction(async (trx) => {
    const locked = await lockOpenContract(contract.id, trx)
    locked.merge({ status: movedContract(locked, 'refuse'), terminationReason: reason })
    await locked.save()
    await recordCreditEvent(trx, {
      organizationId: locked.agencyOrganizationId,
      type: 'refused_to_sign',
      reason,
      evidence: { type: 'contract', id: locked.id },
      actor: agencyUser,
    })
    await recordAuditEvent(trx, {
      actor: agencyUser,
      action: 'contract.refused',
      subjectType: 'contract',
      subjectId: locked.id,
      payload: { agencyId: locked.agencyOrganizationId, reason },
    })
    const project = await Project.findOrFail(locked.projectId, { client: trx })
    await notify(trx, {
      organizationIds: [locked.ownerOrganizationId],
      kind: 'contract.unsigned',
      projectId: project.id,
      data: { code: project.code, title: project.title },
    })
    return locked
  })
}

/** The scheduler: the signing window passed without both signatures. */
export async function expireContract(contractId: number) {
  return db.transaction(async (trx) => {
    const locked = await Contract.query({ client: trx }).where('id', contractId).forUpdate().first()
    if (
      !locked ||
      !contractOpen(locked.status) ||
      locked.signingDueAt.toMillis() > clock.now().getTime()
    ) {
      return false
    }
    const signed: { organization_id: SqlInteger }[] = await trx
      .from('contract_signatures')
      .where('contract_id', locked.id)
      .where('revision', locked.revision)
      .whereNull('voided_at')
      .select('organization_id')
    const missing = [locked.ownerOrganizationId, locked.agencyOrganizationId].filter(
      (id) => !signed.some((row) => Number(row.organization_id) === id)
    )
    locked.status = movedContract(locked, 'expire')
    await locked.save()
    if (missing.includes(locked.agencyOrganizationId)) {
      await recordCreditEvent(trx, {
        organizationId: locked.agencyOrganizationId,
        type: 'contract_unsigned',
        reason: '中选后未在签署期限内签订合同',
        evidence: { type: 'contract', id: locked.id },
        actor: null,
      })
    }
    await recordAuditEvent(trx, {
      actor: null,
      action: 'contract.expired',
      subjectType: 'contract',
      subjectId: locked.id,
      payload: { unsignedOrganizationIds: missing },
    })
    const project = await Project.findOrFail(locked.projectId, { client: trx })
    await notify(trx, {
      organizationIds: [locked.ownerOrganizationId, locked.agencyOrganizationId],
      kind: 'contract.unsigned',
      projectId: project.id,
      data: { code: project.code, title: project.title },
    })
    return true
  })
}

/**
 * After a refusal or an expired window the owner takes the next alternate
 * (候补) of the published ranking: it becomes the winner and gets a contract.
 */
export async function takeNextAlternate(project: Project, owner: User) {
  return db.transaction(async (trx) => {
    const locked = (await lockProject(project.id, trx))!
    const last = await Contract.query({ client: trx })
      .where('project_id', locked.id)
      .orderBy('id', 'desc')
      .first()
    if (!last || !alternateNeeded(locked.status, last.status)) {
      throw new StateConflictException({ identifier: 'messages.contracts.noAlternateNeeded' })
    }
    const lastBid = await trx.from('bids').where('id', last.bidId).select('rank').firstOrFail()
    const next = await trx
      .from('bids')
      .where('project_id', locked.id)
      .where('round', locked.round)
      .where('status', 'active')
      .where('valid', 1)
      .where('rank', '>', Number(lastBid.rank))
      .orderBy('rank')
      .select('id', 'organization_id', 'quote_fen')
      .first()
    if (!next) throw new StateConflictException({ identifier: 'messages.contracts.noAlternate' })
    locked.winnerOrganizationId = Number(next.organization_id)
    await locked.save()
    await recordAuditEvent(trx, {
      actor: owner,
      action: 'project.alternate_taken',
      subjectType: 'project',
      subjectId: locked.id,
      payload: {
        code: locked.code,
        previousContractId: last.id,
        agencyId: locked.winnerOrganizationId,
      },
    })
    return makeContract(
      locked,
      {
        id: Number(next.id),
        organizationId: Number(next.organization_id),
        quoteFen: Number(next.quote_fen),
      },
      trx,
      owner
    )
  })
}
