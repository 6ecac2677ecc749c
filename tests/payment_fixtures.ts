/*
 * Signed contracts for the payment tests, written straight into the
 * database (inside the test's global transaction): payments only need a
 * contract in `signed` with its milestones, not the whole selection and
 * signing flow.
 */
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import { sealQuote } from '#services/sealed_quotes'
import { createUserWithRole } from '#database/factories/account_factories'
import { createServiceItem } from '#actions/catalog/publish_service_item'
import { serviceItemPayload, testDepartment } from '#tests/helpers'
import type { FeeType } from '#models/service_item'
import type User from '#models/user'
import Contract, { type ContractStatus } from '#models/contract'
import Milestone from '#models/milestone'
import { sqlTime } from '#services/sql_time'
import { DateTime } from 'luxon'

let sequence = 0

export type ContractOptions = {
  owner?: User
  agency?: User
  serviceItemId?: number
  fee?: { feeType: FeeType; feeMinFen: number | null; feeMaxFen: number | null }
  method?: 'direct' | 'random'
  priceFen?: number
  /** Milestone amounts; they sum to the price unless a test wants otherwise. */
  milestones?: number[]
  status?: ContractStatus
  publishedAt?: Date
}

/** A project, its winning bid and a contract with milestones, as after both signatures. */
export async function signedContract(options: ContractOptions = {}) {
  sequence += 1
  const owner = options.owner ?? (await createUserWithRole('owner'))
  const agency = options.agency ?? (await createUserWithRole('agency'))
  const milestoneAmounts = options.milestones ?? [3_000_000, 2_000_000]
  const priceFen = options.priceFen ?? milestoneAmounts.reduce((sum, amount) => sum + amount, 0)
  let serviceItemId = options.serviceItemId
  if (serviceItemId === undefined) {
    const fee = options.fee ?? { feeType: 'market' as const, feeMinFen: null, feeMaxFen: null }
    await testDepartment()
    const item = await createServiceItem(serviceItemPayload(fee) as any, null)
    serviceItemId = item.id
  }
  const now = sqlTime(options.publishedAt ?? new Date())
  const tag = `${sequence}${Date.now() % 1_000_000}`

  const [projectId] = await db.table('projects').insert({
    code: `ZC-PAY-${tag}`,
    owner_organization_id: owner.organizationId,
    created_by_user_id: owner.id,
    service_item_id: serviceItemId,
    service_item_version: 1,
    title: `支付测试项目 ${tag}`,
    description: '为支付测试直接写入的项目。',
    deliverables: '报告一份',
    location: '眉山市东坡区',
    region_code: '511402',
    funding_source: 'fiscal',
    ceiling_price_fen: priceFen,
    method: options.method ?? 'random',
    response_deadline: now,
    time_limit_working_days: 20,
    contact_name: '王小明',
    contact_phone: '13912345678',
    status: 'contracted',
    published_at: now,
    created_at: now,
  })
  const [bidId] = await db.table('bids').insert({
    project_id: projectId,
    organization_id: agency.organizationId,
    submitted_by_user_id: agency.id,
    quote_encrypted: sealQuote(priceFen),
    nonce_encrypted: encryption.encrypt('0'.repeat(32)),
    receipt: `receipt-${tag}`.padEnd(64, '0'),
    status: 'active',
    created_at: now,
  })
  const [templateId] = await db.table('contract_templates').insert({
    key: `payments-test-${tag}`,
    version: 1,
    title: '支付测试合同',
    body: '甲方 {{ownerName}} 乙方 {{agencyName}}',
    change_reason: '测试',
    created_at: now,
  })
  const at = DateTime.fromJSDate(options.publishedAt ?? new Date())
  const contract = await Contract.create({
    projectId: Number(projectId),
    templateId: Number(templateId),
    ownerOrganizationId: owner.organizationId,
    agencyOrganizationId: agency.organizationId,
    bidId: Number(bidId),
    priceFen,
    status: options.status ?? 'signed',
    fieldValues: '{}',
    revision: 1,
    textHash: '0'.repeat(64),
    signingDueAt: at,
    signedAt: at,
  })
  const contractId = contract.id
  for (const [index, amountFen] of milestoneAmounts.entries()) {
    await db.table('milestones').insert({
      contract_id: contractId,
      position: index + 1,
      title: `第 ${index + 1} 期`,
      amount_fen: amountFen,
      status: 'unpaid',
    })
  }
  return {
    owner,
    agency,
    projectId: Number(projectId),
    serviceItemId,
    contract: await Contract.findOrFail(contractId),
    milestones: await Milestone.query().where('contract_id', contractId).orderBy('position'),
  }
}
