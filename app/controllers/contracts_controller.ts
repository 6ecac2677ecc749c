import type { HttpContext } from '@adonisjs/core/http'
import { errors as limiterErrors } from '@adonisjs/limiter'
import Contract from '#models/contract'
import Project from '#models/project'
import ContractPolicy from '#policies/contract_policy'
import ProjectPolicy from '#policies/project_policy'
import {
  contractTermsFormValidator,
  termsFromForm,
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
import { contractDetails, contractHistory, contractsFor } from '#queries/contracts'
import { fieldValuesOf } from '#queries/contract_text'
import { milestonePaymentsOf } from '#queries/milestone_payments'
import { formatDateTime } from '#domain/time_zone'
import type User from '#models/user'
import {
  deliverablesOf,
  evaluationsOfContract,
  pausesOf,
  serviceClockOf,
} from '#queries/service_delivery'
import { contractInForce } from '#domain/contract_lifecycle'
import {
  contractActionsFor,
  contractServiceActionsFor,
  terminationActionsFor,
} from '#presenters/contract_actions'
import { presentTermination, terminationOf } from '#queries/contract_terminations'
import { latestArchiveOf } from '#queries/project_archives'
import RefusalException from '#exceptions/refusal_exception'
import { contractSigningRequest, signContractPdf } from '#actions/contracts/contract_pdf_signing'
import { requiredSignatureLevel } from '#actions/contracts/contract_lifecycle'
import { signingCertificatesOf } from '#actions/signing/signing_keys'
import { clock } from '#services/clock'
import { meetsSignatureLevel } from '#domain/rules'
import { sendContractPdf } from '#presenters/contract_pdf_response'

type Bouncer = HttpContext['bouncer']

/** Contract pages: the list, the contract with its forms, the print view. */
export default class ContractsController {
  async index({ auth, request, view }: HttpContext) {
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const onlySupplementary = request.input('supplementary') === '1'
    const result = await contractsFor(auth.getUserOrFail(), page, onlySupplementary)
    return view.render('pages/contracts/index', { result, onlySupplementary })
  }

  async show({ params, view, bouncer, auth }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('view', contract)
    const { template, ...details } = await contractDetails(contract)
    const project = await Project.findOrFail(contract.projectId)
    const history = await contractHistory(contract.id)
    const milestonePayments = await milestonePaymentsOf(contract)
    const user = auth.getUserOrFail()
    const record = await terminationOf(contract.id)
    const termination = record ? presentTermination(record) : null
    return view.render('pages/contracts/show', {
      archive: await latestArchiveOf(project.id),
      termination,
      terminationActions: await terminationActionsFor(bouncer, contract, termination),
      contract,
      project,
      fields: fieldValuesOf(contract),
      ...details,
      // `template` is a reserved name inside Edge templates.
      modelTemplate: template,
      history,
      milestonePayments,
      actions: await contractActionsFor(bouncer, contract),
      service: await this.service(contract, project, user, bouncer),
      mySignature: details.signatures.find(
        (signature) =>
          signature.organizationId === user.organizationId &&
          signature.revision === contract.revision &&
          signature.voidedAt === null
      ),
      passwordSigningAllowed: meetsSignatureLevel('simple', await requiredSignatureLevel(contract)),
      signingKeys: await this.signingKeysOf(user),
    })
  }

  /** The user's certificates in force: the browser signs with the one whose key it holds. */
  private async signingKeysOf(user: User) {
    const now = clock.now().getTime()
    const rows = await signingCertificatesOf(user)
    return rows
      .filter(
        (row) =>
          row.revokedAt === null &&
          row.organizationId === user.organizationId &&
          row.notAfter.toMillis() > now
      )
      .map((row) => ({ serial: row.serialNumber, publicKeySha256: row.publicKeyFingerprint }))
  }

  /**
   * POST /contracts/:id/signing-request (the browser's signing island): what
   * the key kept in this browser signs, as JSON; a refusal answers JSON too,
   * translated, for the island to show.
   */
  async signingRequest({ params, request, response, bouncer, auth, i18n }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('sign', contract)
    try {
      const input = await request.validateUsing(signingRequestValidator)
      const prepared = await contractSigningRequest(contract, auth.getUserOrFail(), input)
      return {
        ...prepared,
        signingTime: prepared.signingTime.toISOString(),
        expiresAt: prepared.expiresAt.toISOString(),
      }
    } catch (error) {
      if (!(error instanceof RefusalException)) throw error
      const messages = error.reasons.map((reason) => i18n.t(reason.identifier, reason.data ?? {}))
      return response
        .status(error.status)
        .send({ errors: messages.map((message) => ({ message })) })
    }
  }

  /** POST /contracts/:id/signatures: the form the island fills with the browser key's signature. */
  async signatures({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('sign', contract)
    const input = await request.validateUsing(pdfSignatureValidator)
    const { contract: signed } = await signContractPdf(contract, auth.getUserOrFail(), input, {
      ip: request.ip(),
      userAgent: request.header('user-agent') ?? null,
    })
    session.flash(
      'success',
      i18n.t(
        contractInForce(signed.status)
          ? 'messages.contracts.inForce'
          : 'messages.contracts.signedYourSide'
      )
    )
    return response.redirect().toRoute('contracts.show', { id: contract.id })
  }

  /** GET /contracts/:id/document.pdf: the contract PDF as signed so far (or unsigned). */
  async document({ params, response, bouncer }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('view', contract)
    return sendContractPdf(response, contract)
  }

  async print({ params, view, bouncer }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('view', contract)
    const details = await contractDetails(contract)
    return view.render('pages/contracts/print', { contract, ...details })
  }

  async update({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('edit', contract)
    const form = await request.validateUsing(contractTermsFormValidator)
    await updateTerms(contract, termsFromForm(form), auth.getUserOrFail())
    session.flash('success', i18n.t('messages.contracts.saved'))
    return response.redirect().toRoute('contracts.show', { id: contract.id })
  }

  async sign({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('sign', contract)
    // The form carries the revision and text hash shown on the page (hidden fields).
    const input = await request.validateUsing(signContractValidator)
    let signed: Contract
    try {
      signed = await signContract(contract, auth.getUserOrFail(), input, {
        ip: request.ip(),
        userAgent: request.header('user-agent') ?? null,
      })
    } catch (error) {
      if (!(error instanceof limiterErrors.E_TOO_MANY_REQUESTS)) throw error
      const retryAt = new Date(Date.now() + error.response.availableIn * 1000)
      session.flash(
        'error',
        i18n.t('messages.contracts.signThrottled', { time: formatDateTime(retryAt) })
      )
      return response.redirect().toRoute('contracts.show', { id: contract.id })
    }
    session.flash(
      'success',
      i18n.t(
        contractInForce(signed.status)
          ? 'messages.contracts.inForce'
          : 'messages.contracts.signedYourSide'
      )
    )
    return response.redirect().toRoute('contracts.show', { id: contract.id })
  }

  async refuse({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const contract = await Contract.findOrFail(params.id)
    await bouncer.with(ContractPolicy).authorize('refuse', contract)
    const { reason } = await request.validateUsing(refuseContractValidator)
    await refuseContract(contract, reason, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.contracts.refused'))
    return response.redirect().toRoute('contracts.show', { id: contract.id })
  }

  async nextAlternate({ params, response, bouncer, auth, session, i18n }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const contract = await takeNextAlternate(project, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.contracts.alternateTaken'))
    return response.redirect().toRoute('contracts.show', { id: contract.id })
  }

  /** The service section: the clock, deliverables, evaluations, and what this user may do. */
  private async service(contract: Contract, project: Project, user: User, bouncer: Bouncer) {
    const evaluations = await evaluationsOfContract(contract.id)
    return {
      clock: await serviceClockOf(contract),
      deliverables: await deliverablesOf(contract.id),
      pauses: await pausesOf(contract.id),
      evaluations,
      ...(await contractServiceActionsFor(
        bouncer,
        contract,
        project,
        Boolean(evaluations.ofOwner)
      )),
      replyTo: [evaluations.ofAgency, evaluations.ofOwner].find(
        (evaluation) =>
          evaluation &&
          evaluation.reply === null &&
          evaluation.ratedOrganizationId === user.organizationId
      ),
    }
  }
}
