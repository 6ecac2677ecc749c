import { currentDeclaration } from '#queries/integrity'
import { presentDeclaration } from '#presenters/integrity'
import { shareText } from '#domain/affiliations'
import type { HttpContext } from '@adonisjs/core/http'
import { REGIONS } from '#domain/regions'
import { CREDIT_GRADES } from '#domain/credit'
import { directoryFiltersValidator, DIRECTORY_SORTS } from '#validators/agency'
import { loadAgency } from '#queries/agency_profile'
import { catalogList, directoryPage } from '#presenters/public_lists'
import { creditEventsOf, unpublishedCounted } from '#services/credit_ledger'
import { evaluationsReceived } from '#queries/service_delivery'
import { creditAppealsOf, creditCommitmentsOf } from '#queries/credit_appeals'
import { inspectionsOfAgency } from '#queries/inspections'
import { banStatusOf } from '#queries/bans'
import { annualCompositeOf } from '#queries/credit_composite'
import { agencyPublicPart } from '#presenters/agency_page'
import { errors as lucidErrors } from '@adonisjs/lucid'

export default class AgenciesController {
  /** The public agency directory (执业公示) with filters and pages. */
  async index({ request, view }: HttpContext) {
    const filters = await request.validateUsing(directoryFiltersValidator, { data: request.qs() })
    const [result, items] = await Promise.all([directoryPage(filters), catalogList()])
    return view.render('pages/agencies/index', {
      result,
      filters,
      items,
      regions: REGIONS,
      grades: CREDIT_GRADES,
      sorts: DIRECTORY_SORTS,
    })
  }

  /**
   * An agency's public page: profile, items, qualifications, practitioners.
   * The public sees the cached public parts (#presenters/agency_page) with its
   * own complaint link; the agency itself and regulators see more, rendered
   * at each request.
   */
  async show({ params, view, auth, i18n }: HttpContext) {
    const id = Number(params.id)
    const isSelf = auth.user?.role === 'agency' && auth.user.organizationId === id
    // The public sees what is still published; the agency itself and regulators see everything.
    const seesAll = isSelf || auth.user?.role === 'regulator'
    if (!seesAll) {
      const part = await agencyPublicPart(id, i18n)
      if (!part) throw new lucidErrors.E_ROW_NOT_FOUND()
      return view.render('pages/agencies/show', {
        organization: part.organization,
        fragments: part.html,
      })
    }
    const { organization, profile } = await loadAgency(id)
    const [creditEvents, evaluations, appeals, banStatus, commitments, composite] =
      await Promise.all([
        creditEventsOf(organization.id),
        evaluationsReceived(organization.id),
        isSelf ? creditAppealsOf(organization.id) : Promise.resolve([]),
        banStatusOf(organization.id),
        creditCommitmentsOf(organization.id),
        annualCompositeOf(organization.id),
      ])
    const shown = seesAll ? creditEvents : creditEvents.filter((event) => event.publiclyShown)
    return view.render('pages/agencies/show', {
      fragments: null,
      unpublished: seesAll ? null : unpublishedCounted(creditEvents),
      seesAll,
      commitments,
      composite,
      organization,
      profile,
      creditEvents: shown,
      evaluations,
      isSelf,
      banStatus,
      appealsByEvent: Object.groupBy(appeals, (appeal) => String(appeal.creditEventId)),
      inspections: await inspectionsOfAgency(organization.id),
      declaration: presentDeclaration(await currentDeclaration(organization.id)),
      shareText,
    })
  }
}
