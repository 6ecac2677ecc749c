import { currentDeclaration } from '#queries/integrity'
import { presentDeclaration } from '#presenters/integrity'
import type { HttpContext } from '@adonisjs/core/http'
import { directoryFiltersValidator } from '#validators/agency'
import { directoryPage } from '#presenters/public_lists'
import { loadAgency } from '#queries/agency_profile'
import { presentAgencyProfile, presentDirectoryRow } from '#presenters/agency'
import { creditEventsOf, unpublishedCounted } from '#services/credit_ledger'
import { evaluationsReceived } from '#queries/service_delivery'
import { banStatusOf, isBanned } from '#queries/bans'
import { annualCompositeOf } from '#queries/credit_composite'

export default class AgenciesController {
  /** GET /api/v1/agencies?item=&region=&grade=&q=&sort=&page=&perPage= (public directory). */
  async index({ request }: HttpContext) {
    const filters = await request.validateUsing(directoryFiltersValidator, { data: request.qs() })
    const result = await directoryPage(filters)
    return {
      data: result.rows.map(presentDirectoryRow),
      meta: {
        total: result.total,
        // true when a keyword finds more agencies than are counted: total is then "at least"
        totalIsLowerBound: result.totalIsLowerBound,
        page: result.page,
        perPage: result.perPage,
      },
    }
  }

  /** GET /api/v1/agencies/:id (public profile). */
  async show({ params }: HttpContext) {
    const { organization, profile } = await loadAgency(Number(params.id))
    const [creditEvents, evaluations, banStatus, composite] = await Promise.all([
      creditEventsOf(organization.id),
      evaluationsReceived(organization.id),
      banStatusOf(organization.id),
      annualCompositeOf(organization.id),
    ])
    const declaration = presentDeclaration(await currentDeclaration(organization.id))
    const presented = presentAgencyProfile(organization, profile, {
      items: organization.serviceItems,
      qualifications: organization.qualifications,
      practitioners: organization.practitioners,
      showFiles: false,
      // Only what is still published (an agency reads all its own at /api/v1/agency/credit-events),
      // with the count and points of what counts unpublished.
      creditEvents: creditEvents.filter((event) => event.publiclyShown),
      unpublishedCredit: unpublishedCounted(creditEvents),
      evaluations: evaluations.summary,
      banned: isBanned(banStatus),
      jointPunishments: banStatus.jointPunishments,
      annualEvaluation: composite,
    })
    return { ...presented, declaration }
  }
}
