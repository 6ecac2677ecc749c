import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'

export default class OrganizationsController {
  /** The simple public page of a project owner's organisation. */
  async show({ params, view, response }: HttpContext) {
    const organization = await Organization.query()
      .where('id', params.id)
      .whereIn('kind', ['owner', 'agency'])
      .firstOrFail()
    if (organization.kind === 'agency') {
      return response.redirect().toRoute('agencies.show', { id: organization.id })
    }
    return view.render('pages/organizations/show', { organization })
  }
}
