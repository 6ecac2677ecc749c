import type { HttpContext } from '@adonisjs/core/http'
import {
  contractPdfValidator,
  contractVerificationMessages,
} from '#validators/contract_verification'
import { verifyUploadedContract } from '#services/contract_verification'
import { presentVerification } from '#presenters/contract_verification'

/** Verifying a signed contract PDF in the API; page: contract_verifications_controller.ts. */
export default class ContractVerificationsController {
  /** POST /api/v1/contracts/verify (public, multipart `file`) → 200 {valid, signatures: […]} */
  async store({ request, i18n }: HttpContext) {
    const { file } = await request.validateUsing(contractPdfValidator, {
      messagesProvider: contractVerificationMessages(i18n),
    })
    const { report, contractId } = await verifyUploadedContract(file.tmpPath!, request.ip())
    return presentVerification(report, contractId)
  }
}
