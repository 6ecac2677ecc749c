import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import Contract from '#models/contract'
import { contractText } from '#queries/contract_text'
import type { ContractOfRecord } from '#services/pades/contract_pdf'

/**
 * What a contract's PDF is rendered from and compared with: its current
 * revision's text (the one source, contractText) and the facts it names.
 * The record keeps no time per revision, so the PDF carries the contract's
 * creation time — fixed, so the same revision always renders the same bytes.
 */
export async function contractOfRecord(
  contract: Contract,
  client: QueryClientContract = db.connection()
): Promise<ContractOfRecord> {
  const { text, sha256, values } = await contractText(contract, client)
  return {
    contractId: contract.id,
    contractNumber: values.contractNumber,
    revision: contract.revision,
    text,
    textSha256: sha256,
    ownerName: values.ownerName,
    ownerUscc: values.ownerUscc,
    agencyName: values.agencyName,
    agencyUscc: values.agencyUscc,
    priceFen: values.priceFen,
    timeLimitWorkingDays: values.timeLimitWorkingDays,
    revisedAt: contract.createdAt.toJSDate(),
  }
}

/** The contract of record a PDF names in its metadata, if the market has it. */
export async function contractOfRecordById(id: number | null) {
  if (id === null || !Number.isSafeInteger(id) || id <= 0) return null
  const contract = await Contract.find(id)
  return contract ? contractOfRecord(contract) : null
}
