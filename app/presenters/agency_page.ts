/*
 * The public parts of the agency page (cachedPagePart, #services/public_cache): the agency's
 * record as the public sees it (what is still published of its credit, no
 * reply or appeal form), rendered once per agency and language by a renderer
 * that has no request — no CSRF token, no signed-in user, no flash message.
 * The agency itself and regulators see more: their page is rendered at each
 * request (AgenciesController.show).
 */
import edge from 'edge.js'
import type { I18n } from '@adonisjs/i18n'
import { errors as lucidErrors } from '@adonisjs/lucid'
import { currentDeclaration } from '#queries/integrity'
import { presentDeclaration } from '#presenters/integrity'
import { shareText } from '#domain/affiliations'
import { loadAgency } from '#queries/agency_profile'
import { creditEventsOf, unpublishedCounted } from '#services/credit_ledger'
import { evaluationsReceived } from '#queries/service_delivery'
import { creditCommitmentsOf } from '#queries/credit_appeals'
import { inspectionsOfAgency } from '#queries/inspections'
import { banStatusOf } from '#queries/bans'
import { annualCompositeOf } from '#queries/credit_composite'
import { cachedPagePart, agencyTag } from '#services/public_cache'

export type AgencyPublicPart = {
  organization: { id: number; name: string }
  html: { head: string; body: string }
}

/**
 * The public parts of a listed agency's page, or null when there is no such
 * agency. Tagged with the directory too: every write the directory sees (credit,
 * bans, declarations, practitioners, items, grades) changes this page as well.
 */
export function agencyPublicPart(id: number, i18n: I18n) {
  return cachedPagePart<AgencyPublicPart>(
    `agency:${id}:${i18n.locale}`,
    [agencyTag(id), 'directory', 'catalog'],
    () => renderAgencyPublicPart(id, i18n)
  )
}

async function renderAgencyPublicPart(id: number, i18n: I18n): Promise<AgencyPublicPart | null> {
  let agency: Awaited<ReturnType<typeof loadAgency>>
  try {
    agency = await loadAgency(id)
  } catch (error) {
    if (error instanceof lucidErrors.E_ROW_NOT_FOUND) return null
    throw error
  }
  const { organization, profile } = agency
  const [creditEvents, evaluations, banStatus, commitments, composite, inspections, declaration] =
    await Promise.all([
      creditEventsOf(organization.id),
      evaluationsReceived(organization.id),
      banStatusOf(organization.id),
      creditCommitmentsOf(organization.id),
      annualCompositeOf(organization.id),
      inspectionsOfAgency(organization.id),
      currentDeclaration(organization.id),
    ])
  const state = {
    unpublished: unpublishedCounted(creditEvents),
    seesAll: false,
    commitments,
    composite,
    organization,
    profile,
    creditEvents: creditEvents.filter((event) => event.publiclyShown),
    evaluations,
    isSelf: false,
    banStatus,
    appealsByEvent: {},
    inspections,
    declaration: presentDeclaration(declaration),
    shareText,
  }
  // No request here: only the language (and Edge's globals).
  const renderer = edge.createRenderer().share({ i18n })
  const [head, body] = await Promise.all([
    renderer.render('partials/agency/head', state),
    renderer.render('partials/agency/body', state),
  ])
  return { organization: { id: organization.id, name: organization.name }, html: { head, body } }
}
