import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import Practitioner from '#models/practitioner'
import { createPractitionerValidator } from '#validators/practitioner'
import { addPractitioner, removePractitioner } from '#actions/registry/practitioners'
import { presentPractitioner } from '#presenters/agency'

/** The signed-in agency's managers and practitioners (/api/v1/agency/practitioners). */
export default class PractitionersController {
  /** POST: names a person; the ID-card number is hashed and never returned. */
  async store({ auth, request, response }: HttpContext) {
    const organization = await Organization.findOrFail(auth.getUserOrFail().organizationId)
    const payload = await request.validateUsing(createPractitionerValidator)
    const practitioner = await addPractitioner(organization, payload, auth.getUserOrFail())
    return response.created(presentPractitioner(practitioner))
  }

  /** DELETE /:id */
  async destroy({ auth, params, response }: HttpContext) {
    const practitioner = await Practitioner.query()
      .where('id', params.id)
      .where('organization_id', auth.getUserOrFail().organizationId)
      .firstOrFail()
    await removePractitioner(practitioner, auth.getUserOrFail())
    return response.noContent()
  }
}
