import drive from '@adonisjs/drive/services/main'
import type Contract from '#models/contract'
import ContractDocument from '#models/contract_document'
import { contractOfRecord } from '#queries/contract_of_record'
import { renderContractPdf } from '#services/pades/contract_pdf'

/** The file the next signature covers: the newest signed state of the revision, else the rendered contract. */
export async function currentContractPdf(contract: Contract) {
  const document = await ContractDocument.query()
    .where('contract_id', contract.id)
    .where('revision', contract.revision)
    .orderBy('signature_count', 'desc')
    .first()
  if (document) {
    return {
      document,
      bytes: new Uint8Array(await drive.use().getBytes(document.fileKey)),
    }
  }
  return { document: null, bytes: await renderContractPdf(await contractOfRecord(contract)) }
}
