import type { HttpContext } from '@adonisjs/core/http'
import type Contract from '#models/contract'
import { currentContractPdf } from '#queries/contract_documents'

/** The contract PDF as signed so far (or unsigned), as a private download (page and API). */
export async function sendContractPdf(response: HttpContext['response'], contract: Contract) {
  const { bytes } = await currentContractPdf(contract)
  response.header('content-type', 'application/pdf')
  response.header(
    'content-disposition',
    `attachment; filename="contract-${contract.id}-r${contract.revision}.pdf"`
  )
  response.header('cache-control', 'private, no-store')
  return response.send(Buffer.from(bytes))
}
