import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import type User from '#models/user'
import AgencyDeclaration from '#models/agency_declaration'
import { declarationProblem, type AgencyNature, type Shareholder } from '#domain/affiliations'
import { refuseInput } from '#exceptions/invalid_input_exception'
import { personIdHash } from '#services/person_identity'
import { recordAuditEvent } from '#services/audit_log'
import { invalidateLists } from '#services/public_cache'
import { suspendConflicts } from '#actions/integrity/conflicts'

export type DeclarationInput = {
  nature: AgencyNature
  sponsorName?: string | null
  sponsorUscc?: string | null
  shareholders?: { name: string; uscc?: string | null; idNumber?: string | null; shareBp: number }[]
}

/**
 * An agency declares (again) its nature, sponsor or supervising body and
 * shareholders of 5 % or more: a new version, public at once. A person's
 * ID number becomes a salted hash here and is forgotten. When the new
 * declaration ties the agency to a department that approves an item it
 * offers or has an open bid on, that listing or bid is suspended in the
 * same transaction, and the agency and the department's regulators are told.
 */
export async function declareAgency(
  organization: Organization,
  input: DeclarationInput,
  actor: User | null
) {
  const shareholders: Shareholder[] = (input.shareholders ?? []).map((holder) => ({
    name: holder.name,
    uscc: holder.uscc || null,
    idHash: holder.idNumber ? personIdHash(holder.idNumber) : null,
    shareBp: holder.shareBp,
  }))
  const sponsor =
    input.sponsorName && input.sponsorUscc
      ? { name: input.sponsorName, uscc: input.sponsorUscc }
      : null
  const problem = declarationProblem({ nature: input.nature, sponsor, shareholders })
  if (problem) {
    const { code, ...data } = problem
    refuseInput([
      {
        field: code === 'sponsor_required' ? 'sponsorName' : 'shareholders',
        rule: `declaration.${code}`,
        identifier: `integrity.declaration.problems.${code}`,
        data,
      },
    ])
  }

  return db.transaction(async (trx) => {
    // One declaration at a time per agency: the versions never collide.
    await trx.from('organizations').where('id', organization.id).forUpdate().select('id').first()
    const last = await trx
      .from('agency_declarations')
      .where('organization_id', organization.id)
      .max('version as version')
      .first()
    const version = Number(last?.version ?? 0) + 1
    const declaration = await AgencyDeclaration.create(
      {
        organizationId: organization.id,
        version,
        nature: input.nature,
        sponsorName: sponsor?.name ?? null,
        sponsorUscc: sponsor?.uscc ?? null,
        shareholders: JSON.stringify(shareholders),
        declaredByUserId: actor?.id ?? null,
      },
      { client: trx }
    )
    await recordAuditEvent(trx, {
      actor,
      action: 'agency.declared',
      subjectType: 'organization',
      subjectId: organization.id,
      payload: {
        version,
        nature: input.nature,
        sponsor,
        // Never the hashes: a person is named and marked as a person.
        shareholders: shareholders.map((holder) => ({
          name: holder.name,
          uscc: holder.uscc,
          person: holder.idHash !== null,
          shareBp: holder.shareBp,
        })),
      },
    })
    const suspended = await suspendConflicts(trx, [organization.id], 'declaration', actor)
    await invalidateLists(['directory'], trx)
    return { declaration, suspended }
  })
}
