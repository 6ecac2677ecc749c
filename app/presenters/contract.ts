import { isoInstant } from '#domain/time_zone'
import type Contract from '#models/contract'
import type Milestone from '#models/milestone'
import type ContractSignature from '#models/contract_signature'
import { fieldValuesOf } from '#queries/contract_text'
import { textSha256 } from '#domain/contract_template'

/**
 * A contract in API answers: its rendered text and that text's hash (the pair
 * a signer sends back with its revision), fields, milestones and signatures.
 */
export function presentContract(
  contract: Contract,
  text: string,
  milestones: Milestone[],
  signatures: ContractSignature[]
) {
  return {
    id: contract.id,
    projectId: contract.projectId,
    status: contract.status,
    templateId: contract.templateId,
    revision: contract.revision,
    ownerOrganizationId: contract.ownerOrganizationId,
    agencyOrganizationId: contract.agencyOrganizationId,
    priceFen: contract.priceFen,
    // 项目负责人 the winning response named, carried into the contract.
    leadName: contract.leadName,
    fields: fieldValuesOf(contract),
    supplementaryTerms: contract.supplementaryTerms,
    text,
    textSha256: textSha256(text),
    signingDueAt: isoInstant(contract.signingDueAt),
    signedAt: isoInstant(contract.signedAt),
    milestones: milestones.map((milestone) => ({
      id: milestone.id,
      position: milestone.position,
      title: milestone.title,
      amountFen: milestone.amountFen,
      condition: milestone.condition,
      status: milestone.status,
      acceptedAt: milestone.acceptedAt?.toUTC().toISO() ?? null,
      paidAt: isoInstant(milestone.paidAt),
    })),
    signatures: signatures.map((signature) => ({
      organizationId: signature.organizationId,
      userId: signature.userId,
      revision: signature.revision,
      textSha256: signature.textHash,
      level: signature.level,
      certificateSerial: signature.certificateSerial,
      signedAt: isoInstant(signature.signedAt),
      ip: signature.ip,
      userAgent: signature.userAgent,
      void: signature.voidedAt !== null,
    })),
  }
}
