import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import Practitioner from '#models/practitioner'
import { createPractitionerValidator } from '#validators/practitioner'
import { addPractitioner, removePractitioner } from '#actions/registry/practitioners'

/**
 * The owner's key persons (法定代表人、项目负责人…), named with their ID-card
 * numbers (kept only as hashes) so that an agency sharing a person with the
 * owner is excluded from its selections (回避). Never shown publicly.
 */
export default class PersonsController {
  async index({ auth, view }: HttpContext) {
    const persons = await Practitioner.query()
      .where('organization_id', auth.getUserOrFail().organizationId)
      .orderBy('id')
    return view.render('pages/owner/persons', { persons })
  }

  async store({ auth, request, response, session, i18n }: HttpContext) {
    const organization = await Organization.findOrFail(auth.getUserOrFail().organizationId)
    const payload = await request.validateUsing(createPractitionerValidator)
    await addPractitioner(organization, payload, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.registry.practitionerAdded'))
    return response.redirect().toRoute('owner.persons.index')
  }

  async destroy({ auth, params, response, session, i18n }: HttpContext) {
    const person = await Practitioner.query()
      .where('id', params.id)
      .where('organization_id', auth.getUserOrFail().organizationId)
      .firstOrFail()
    await removePractitioner(person, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.registry.practitionerRemoved'))
    return response.redirect().toRoute('owner.persons.index')
  }
}
