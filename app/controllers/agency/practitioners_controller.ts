import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import Practitioner from '#models/practitioner'
import { createPractitionerValidator } from '#validators/practitioner'
import { addPractitioner, removePractitioner } from '#actions/registry/practitioners'

export default class PractitionersController {
  /** Names a manager or practitioner; the ID-card number is hashed and forgotten. */
  async store({ auth, request, response, session, i18n }: HttpContext) {
    const organization = await Organization.findOrFail(auth.getUserOrFail().organizationId)
    const payload = await request.validateUsing(createPractitionerValidator)
    await addPractitioner(organization, payload, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.registry.practitionerAdded'))
    return response.redirect().toRoute('agency.profile.edit')
  }

  async destroy({ auth, params, response, session, i18n }: HttpContext) {
    const practitioner = await Practitioner.query()
      .where('id', params.id)
      .where('organization_id', auth.getUserOrFail().organizationId)
      .firstOrFail()
    await removePractitioner(practitioner, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.registry.practitionerRemoved'))
    return response.redirect().toRoute('agency.profile.edit')
  }
}
