import type { HttpContext } from '@adonisjs/core/http'
import {
  contractPdfValidator,
  contractVerificationMessages,
} from '#validators/contract_verification'
import { verifyUploadedContract } from '#services/contract_verification'
import { presentVerificationPage } from '#presenters/contract_verification'

/** The public verification of a signed contract PDF (API twin: api/contract_verifications_controller.ts). */
export default class ContractVerificationsController {
  /** GET /contracts/verify — the upload form. */
  async create({ view }: HttpContext) {
    return view.render('pages/contracts/verify', { result: null })
  }

  /** POST /contracts/verify (multipart `file`) — each signature's results. */
  async store({ request, view, i18n }: HttpContext) {
    const { file } = await request.validateUsing(contractPdfValidator, {
      messagesProvider: contractVerificationMessages(i18n),
    })
    const { report, contractId, anchors } = await verifyUploadedContract(
      file.tmpPath!,
      request.ip()
    )
    return view.render('pages/contracts/verify', {
      result: presentVerificationPage(report, contractId),
      fileName: file.clientName,
      anchors,
    })
  }
}
