import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import { agencyDeclarationValidator } from '#validators/agency_declaration'
import { declareAgency } from '#actions/integrity/declarations'
import { currentDeclaration } from '#queries/integrity'
import { presentDeclaration } from '#presenters/integrity'

/** The signed-in agency's declaration (/api/v1/agency/declaration). */
export default class DeclarationController {
  /** GET: the declaration in force, or null. */
  async show({ auth }: HttpContext) {
    return {
      declaration: presentDeclaration(
        await currentDeclaration(auth.getUserOrFail().organizationId)
      ),
    }
  }

  /** PUT: a new version; answers it and the listings and bids it suspended. */
  async update({ auth, request }: HttpContext) {
    const organization = await Organization.findOrFail(auth.getUserOrFail().organizationId)
    const payload = await request.validateUsing(agencyDeclarationValidator)
    const { declaration, suspended } = await declareAgency(
      organization,
      payload,
      auth.getUserOrFail()
    )
    return { declaration: presentDeclaration(declaration), suspended }
  }
}
