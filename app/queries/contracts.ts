import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import db from '@adonisjs/lucid/services/db'
import Contract from '#models/contract'
import Milestone from '#models/milestone'
import ContractSignature from '#models/contract_signature'
import type User from '#models/user'
import { contractText } from '#queries/contract_text'
import { toInstantDate } from '#domain/time_zone'

/** The project's current contract (the latest: an alternate's after a refusal). */
export function currentContractOf(projectId: number) {
  return Contract.query().where('project_id', projectId).orderBy('id', 'desc').first()
}

/**
 * A contract with its text (and that text's SHA-256, what a signer is shown
 * and must send back), milestones and signatures, as the page and the API show it.
 */
export async function contractDetails(contract: Contract) {
  const [{ text, sha256, template }, milestones, signatures] = await Promise.all([
    contractText(contract),
    Milestone.query().where('contract_id', contract.id).orderBy('position'),
    ContractSignature.query().where('contract_id', contract.id).orderBy('id'),
  ])
  return { text, textSha256: sha256, template, milestones, signatures }
}

/** Contracts a user may see: its organisation's, or all for staff; newest first. */
export async function contractsFor(user: User, page: number, onlySupplementary = false) {
  return (
    db
      .from('contracts as c')
      .join('projects as p', 'p.id', 'c.project_id')
      .join('organizations as o', 'o.id', 'c.owner_organization_id')
      .join('organizations as a', 'a.id', 'c.agency_organization_id')
      .if(user.role === 'owner', (query) =>
        query.where('c.owner_organization_id', user.organizationId)
      )
      .if(user.role === 'agency', (query) =>
        query.where('c.agency_organization_id', user.organizationId)
      )
      // Regulators review the contracts whose owners added terms to the model text.
      .if(onlySupplementary, (query) => query.whereNotNull('c.supplementary_terms'))
      .orderBy('c.id', 'desc')
      .select(
        'c.id',
        'c.status',
        'c.supplementary_terms',
        'c.price_fen',
        'c.signing_due_at',
        'c.signed_at',
        'p.id as project_id',
        'p.code as project_code',
        'p.title as project_title',
        'o.name as owner_name',
        'a.name as agency_name'
      )
      .paginate(page, 20)
  )
}

/** 合同公示: what the public sees of a signed contract — parties, item, price, time limit. */
export async function contractNotice(projectId: number) {
  const row = await db
    .from('contracts as c')
    .join('projects as p', 'p.id', 'c.project_id')
    .join('service_items as i', 'i.id', 'p.service_item_id')
    .join('organizations as o', 'o.id', 'c.owner_organization_id')
    .join('organizations as a', 'a.id', 'c.agency_organization_id')
    .where('c.project_id', projectId)
    .whereIn('c.status', ['signed', 'terminated'])
    .orderBy('c.id', 'desc')
    .select(
      'c.id',
      'c.price_fen',
      'c.field_values',
      'c.signed_at',
      'c.status',
      'i.name as item_name',
      'o.name as owner_name',
      'o.uscc as owner_uscc',
      'a.name as agency_name',
      'a.uscc as agency_uscc'
    )
    .first()
  if (!row) return null
  return {
    contractId: Number(row.id),
    status: row.status as string,
    owner: { name: row.owner_name as string, uscc: row.owner_uscc as string },
    agency: { name: row.agency_name as string, uscc: row.agency_uscc as string },
    item: row.item_name as string,
    priceFen: Number(row.price_fen),
    timeLimitWorkingDays: Number(JSON.parse(row.field_values).timeLimitWorkingDays),
    signedAt: toInstantDate(row.signed_at),
  }
}

/** Every change of a contract, from the audit log: the agency sees what the owner changed. */
export async function contractHistory(contractId: number) {
  const rows: { id: SqlInteger; occurred_at: SqlTimestamp; action: string; payload: string }[] =
    await db
      .from('audit_events')
      .where('subject_type', 'contract')
      .where('subject_id', String(contractId))
      .orderBy('id')
      .select('id', 'occurred_at', 'action', 'payload')
  return rows.map((row) => ({
    id: Number(row.id),
    occurredAt: toInstantDate(row.occurred_at)!,
    action: row.action,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  }))
}
