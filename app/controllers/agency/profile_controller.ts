import type { HttpContext } from '@adonisjs/core/http'
import { REGIONS } from '#domain/regions'
import { updateAgencyProfileValidator } from '#validators/agency'
import { returnAgency, updateAgencyProfile, withdrawAgency } from '#actions/registry/agency_listing'
import { loadAgency } from '#queries/agency_profile'
import {
  personLevelChoices,
  personQualificationChoices,
  qualificationLevelChoices,
  qualificationTypeChoices,
} from '#presenters/qualification_choices'
import { searchCatalog } from '#queries/catalog'

/** The signed-in agency maintains its own entry in the registry. */
export default class ProfileController {
  async edit({ auth, view, i18n }: HttpContext) {
    const { organization, profile } = await loadAgency(auth.getUserOrFail().organizationId)
    const items = await searchCatalog({})
    return view.render('pages/agency/profile', {
      organization,
      profile,
      items,
      regions: REGIONS,
      qualificationTypes: qualificationTypeChoices(i18n.locale),
      qualificationLevels: qualificationLevelChoices(i18n.locale),
      personQualifications: personQualificationChoices(i18n.locale),
      personLevels: personLevelChoices(i18n.locale),
    })
  }

  /** Items, description, region, commitments: listed at once (零门槛). */
  async update({ auth, request, response, session, i18n }: HttpContext) {
    const { organization } = await loadAgency(auth.getUserOrFail().organizationId)
    const payload = await request.validateUsing(updateAgencyProfileValidator)
    const profile = await updateAgencyProfile(organization, payload, auth.getUserOrFail())
    session.flash(
      'success',
      i18n.t(profile.isListed ? 'messages.registry.savedListed' : 'messages.registry.saved')
    )
    return response.redirect().toRoute('agency.profile.edit')
  }

  /** 自愿退出 */
  async withdraw({ auth, response, session, i18n }: HttpContext) {
    const { organization } = await loadAgency(auth.getUserOrFail().organizationId)
    await withdrawAgency(organization, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.registry.withdrawn'))
    return response.redirect().toRoute('agency.profile.edit')
  }

  async comeBack({ auth, response, session, i18n }: HttpContext) {
    const { organization } = await loadAgency(auth.getUserOrFail().organizationId)
    await returnAgency(organization, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.registry.returned'))
    return response.redirect().toRoute('agency.profile.edit')
  }
}
