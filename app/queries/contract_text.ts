import db from '@adonisjs/lucid/services/db'
import type { SqlInteger } from '#services/sql_rows'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type Contract from '#models/contract'
import { renderContract, textSha256, type ContractValues } from '#domain/contract_template'

/** The owner's declared-field values as stored on a contract. */
export type FieldValues = {
  price: number
  deliverables: string
  timeLimitWorkingDays: number
  acceptanceCriteria: string
  disputeResolution: string
}

export function fieldValuesOf(contract: Pick<Contract, 'fieldValues'>): FieldValues {
  return JSON.parse(contract.fieldValues) as FieldValues
}

/**
 * Everything the template needs for a contract — parties, project, item,
 * winning quote, declared fields, milestones — in six queries, and the text
 * rendered from its template version with its SHA-256.
 */
export async function contractText(
  contract: Contract,
  client: QueryClientContract = db.connection()
) {
  const template = await client
    .from('contract_templates')
    .where('id', contract.templateId)
    .firstOrFail()
  const parties: { id: SqlInteger; name: string; uscc: string }[] = await client
    .from('organizations')
    .whereIn('id', [contract.ownerOrganizationId, contract.agencyOrganizationId])
    .select('id', 'name', 'uscc')
  const project = await client
    .from('projects as p')
    .join('service_items as i', 'i.id', 'p.service_item_id')
    .where('p.id', contract.projectId)
    .select('p.code', 'p.title', 'i.name as item_name')
    .firstOrFail()
  const bid = await client
    .from('bids')
    .where('id', contract.bidId)
    .select('quote_fen')
    .firstOrFail()
  const milestones: { title: string; amount_fen: SqlInteger; condition: string }[] = await client
    .from('milestones')
    .where('contract_id', contract.id)
    .orderBy('position')
    .select('title', 'amount_fen', 'condition')
  // Both parties exist: the contract's foreign keys point at them.
  const owner = parties.find((row) => Number(row.id) === contract.ownerOrganizationId)!
  const agency = parties.find((row) => Number(row.id) === contract.agencyOrganizationId)!
  const fields = fieldValuesOf(contract)
  const values: ContractValues = {
    contractNumber: `HT-${project.code}-${contract.id}`,
    projectCode: project.code,
    projectTitle: project.title,
    serviceItem: project.item_name,
    ownerName: owner.name,
    ownerUscc: owner.uscc,
    agencyName: agency.name,
    agencyUscc: agency.uscc,
    winningQuoteFen: Number(bid.quote_fen),
    priceFen: fields.price,
    deliverables: fields.deliverables,
    timeLimitWorkingDays: fields.timeLimitWorkingDays,
    acceptanceCriteria: fields.acceptanceCriteria,
    disputeResolution: fields.disputeResolution,
    milestones: milestones.map((row) => ({
      title: row.title,
      amountFen: Number(row.amount_fen),
      condition: row.condition,
    })),
    supplementaryTerms: contract.supplementaryTerms,
    projectLead: contract.leadName,
  }
  const text = renderContract(template.body, values)
  return { text, sha256: textSha256(text), values, template }
}
