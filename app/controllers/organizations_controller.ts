import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import { evaluationsReceived } from '#queries/service_delivery'

export default class OrganizationsController {
  /** The public page of a project owner's organisation, with the ratings agencies gave it (政务诚信). */
  async show({ params, view, response }: HttpContext) {
    const organization = await Organization.query()
      .where('id', params.id)
      .whereIn('kind', ['owner', 'agency'])
      .firstOrFail()
    if (organization.kind === 'agency') {
      return response.redirect().toRoute('agencies.show', { id: organization.id })
    }
    const evaluations = await evaluationsReceived(organization.id)
    return view.render('pages/organizations/show', { organization, evaluations })
  }
}
