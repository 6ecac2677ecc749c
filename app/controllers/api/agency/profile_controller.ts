import type { HttpContext } from '@adonisjs/core/http'
import { updateAgencyProfileValidator } from '#validators/agency'
import { updateAgencyProfile, returnAgency, withdrawAgency } from '#actions/registry/agency_listing'
import { loadAgency } from '#queries/agency_profile'
import { presentAgencyProfile } from '#presenters/agency'

/** The signed-in agency's own profile (/api/v1/agency/profile). */
export default class ProfileController {
  async show({ auth }: HttpContext) {
    return this.present(auth.getUserOrFail().organizationId)
  }

  /** PUT: items offered, description, region, commitments. Listed at once (零门槛). */
  async update({ auth, request }: HttpContext) {
    const { organization } = await loadAgency(auth.getUserOrFail().organizationId)
    const payload = await request.validateUsing(updateAgencyProfileValidator)
    await updateAgencyProfile(organization, payload, auth.getUserOrFail())
    return this.present(organization.id)
  }

  /** POST /api/v1/agency/withdraw: 自愿退出. */
  async withdraw({ auth }: HttpContext) {
    const { organization } = await loadAgency(auth.getUserOrFail().organizationId)
    await withdrawAgency(organization, auth.getUserOrFail())
    return this.present(organization.id)
  }

  /** POST /api/v1/agency/return: back on the market. */
  async comeBack({ auth }: HttpContext) {
    const { organization } = await loadAgency(auth.getUserOrFail().organizationId)
    await returnAgency(organization, auth.getUserOrFail())
    return this.present(organization.id)
  }

  private async present(organizationId: number) {
    const { organization, profile } = await loadAgency(organizationId)
    return presentAgencyProfile(organization, profile, {
      items: organization.serviceItems,
      qualifications: organization.qualifications,
      practitioners: organization.practitioners,
      showFiles: true,
    })
  }
}
