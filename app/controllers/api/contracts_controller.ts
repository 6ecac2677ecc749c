import type { HttpContext } from '@adonisjs/core/http'
import { errors as lucidErrors } from '@adonisjs/lucid'
import Contract from '#models/contract'
import { refuseInput } from '#exceptions/invalid_input_exception'
import Project from '#models/project'
import ContractPolicy from '#policies/contract_policy'
import ProjectPolicy from '#policies/project_policy'
import {
  CONTRACT_TERM_KEYS,
  contractTermsValidator,
  pdfSignatureValidator,
  refuseContractValidator,
  signContractValidator,
  signingRequestValidator,
} from '#validators/contract'
import {
  refuseContract,
  signContract,
  takeNextAlternate,
  updateTerms,
} from '#actions/contracts/contract_lifecycle'
import { contractDetails, currentContractOf } from '#queries/contracts'
import { terminateContractValidator } from '#validators/contract_termination'
import { terminateContract } from '#actions/contracts/contract_termination'
import { presentTermination } from '#queries/contract_terminations'
import { presentContract } from '#presenters/contract'
import { sendContractPdf } from '#presenters/contract_pdf_response'
import { contractSigningRequest, signContractPdf } from '#actions/contracts/contract_pdf_signing'
import { isoInstant } from '#domain/time_zone'

/** Contracts (API.md "Contracts, payments…"): the parties and staff read; the owner fills; both sign. */
export default class ContractsController {
  /** GET /api/v1/projects/:id/contract (parties, regulators) */
  async show({ params, bouncer }: HttpContext) {
    const contract = await currentContractOf(Number(params.id))
    if (!contract) throw new lucidErrors.E_ROW_NOT_FOUND()
    await bouncer.with(ContractPolicy).authorize('view', contract)
    return this.present(contract)
  }

  /** PUT /api/v1/contracts/:id (owner, before signing) — declared fields only. */
  async update({ params, request, bouncer, auth }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('edit', contract)
    // Anything but a declared field would be a fixed clause of the model text: refused by name.
    const foreign = Object.keys(request.body()).filter(
      (key) => !(CONTRACT_TERM_KEYS as readonly string[]).includes(key)
    )
    if (foreign.length > 0) {
      refuseInput(
        foreign.map((field) => ({
          field,
          rule: 'contract.fixedClause',
          identifier: 'validator.shared.messages.contract.fixedClause',
          data: { field },
        }))
      )
    }
    const payload = await request.validateUsing(contractTermsValidator)
    const updated = await updateTerms(
      contract,
      {
        ...payload,
        milestones: payload.milestones.map((milestone) => ({
          title: milestone.title,
          amountFen: milestone.amountFen,
          condition: milestone.condition ?? null,
        })),
        supplementaryTerms: payload.supplementaryTerms ?? null,
      },
      auth.getUserOrFail()
    )
    return this.present(updated)
  }

  /**
   * POST /api/v1/contracts/:id/sign (owner or agency) {password, revision, textSha256}:
   * the revision and text hash the signer was shown; 409 E_REVISION_CHANGED when either is stale.
   */
  async sign({ params, request, bouncer, auth }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('sign', contract)
    const input = await request.validateUsing(signContractValidator)
    const signed = await signContract(contract, auth.getUserOrFail(), input, {
      ip: request.ip(),
      userAgent: request.header('user-agent') ?? null,
    })
    return this.present(signed)
  }

  /**
   * GET /api/v1/contracts/:id/signing-request[?certificateSerial=] (a signatory of a party):
   * the bytes the signer's key signs for a reliable signature over the contract PDF.
   */
  async signingRequest({ params, request, bouncer, auth }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('sign', contract)
    const input = await request.validateUsing(signingRequestValidator, { data: request.qs() })
    const prepared = await contractSigningRequest(contract, auth.getUserOrFail(), input)
    return {
      ...prepared,
      signingTime: prepared.signingTime.toISOString(),
      expiresAt: prepared.expiresAt.toISOString(),
    }
  }

  /**
   * POST /api/v1/contracts/:id/signatures {revision, textSha256, certificateSerial,
   * signatureBase64} → 201: the signature embedded in the contract PDF (PAdES B-T).
   */
  async signatures({ params, request, response, bouncer, auth }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('sign', contract)
    const input = await request.validateUsing(pdfSignatureValidator)
    const { signature, document } = await signContractPdf(contract, auth.getUserOrFail(), input, {
      ip: request.ip(),
      userAgent: request.header('user-agent') ?? null,
    })
    const signed = await Contract.findOrFail(contract.id)
    return response.created({
      signature: {
        id: signature.id,
        organizationId: signature.organizationId,
        level: signature.level,
        certificateSerial: signature.certificateSerial,
        revision: signature.revision,
        signedAt: isoInstant(signature.signedAt),
      },
      document: {
        sha256: document.fileHash,
        signatureCount: document.signatureCount,
        sizeBytes: document.sizeBytes,
      },
      contract: await this.present(signed),
    })
  }

  /** GET /api/v1/contracts/:id/document.pdf (parties, regulators): the newest signed state, or the unsigned render. */
  async document({ params, response, bouncer }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('view', contract)
    return sendContractPdf(response, contract)
  }

  /** POST /api/v1/contracts/:id/refuse (the winning agency) {reason} */
  async refuse({ params, request, bouncer, auth }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('refuse', contract)
    const { reason } = await request.validateUsing(refuseContractValidator)
    return this.present(await refuseContract(contract, reason, auth.getUserOrFail()))
  }

  /**
   * POST /api/v1/contracts/:id/terminate (owner) {ground, breachClause?, statement} — ends a
   * signed contract; open payment attempts are cancelled; refunds wait for the contest window.
   */
  async terminate({ params, request, bouncer, auth }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('edit', contract)
    const input = await request.validateUsing(terminateContractValidator)
    const {
      contract: terminated,
      termination,
      refunds,
    } = await terminateContract(contract, input, auth.getUserOrFail())
    return {
      ...(await this.present(terminated)),
      termination: presentTermination(termination),
      refunds,
    }
  }

  /** POST /api/v1/projects/:id/take-next-alternate (owner): the next ranked agency gets a contract. */
  async nextAlternate({ params, bouncer, auth, response }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const contract = await takeNextAlternate(project, auth.getUserOrFail())
    return response.created(await this.present(contract))
  }

  private async present(contract: Contract) {
    const { text, milestones, signatures } = await contractDetails(contract)
    return presentContract(contract, text, milestones, signatures)
  }
}
