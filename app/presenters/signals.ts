import { isoInstant } from '#domain/time_zone'
/*
 * The regulator signals as the pages and the API show them: every finding
 * with the agencies, owners and projects it names, and its evidence.
 */
import type { CollusionSignals } from '#queries/regulator_signals'
import type { FileFacts } from '#queries/report_similarity'

/** What the market does not record for agencies, so cannot be compared (said on the page). */
export const NOT_COMPARED = ['address', 'bankAccount'] as const

export function presentCollusionSignals(result: CollusionSignals) {
  const organization = (id: number) => ({ id, name: result.organizations.get(id)?.name ?? '' })
  const project = (id: number) => {
    const row = result.projects.get(id)
    return { id, code: row?.code ?? '', title: row?.title ?? '', method: row?.method ?? '' }
  }
  const { signals } = result
  return {
    since: isoInstant(result.since),
    thresholds: result.thresholds,
    notCompared: NOT_COMPARED,
    signals: {
      nearIdenticalQuotes: signals.nearIdenticalQuotes.map((finding) => ({
        agencies: finding.agencyIds.map(organization),
        projects: finding.projects.map((entry) => ({
          ...project(entry.projectId),
          quotes: entry.quotes.map((quote) => ({
            ...quote,
            agencyName: organization(quote.agencyId).name,
          })),
          differencePermille: entry.differencePermille,
        })),
      })),
      sharedContacts: signals.sharedContacts.map((finding) => ({
        via: finding.via,
        value: finding.value,
        agencies: finding.agencyIds.map((id) => ({
          ...organization(id),
          ...(finding.personNames
            ? { personName: finding.personNames.find((person) => person.agencyId === id)?.name }
            : {}),
        })),
      })),
      sharedOrigins: signals.sharedOrigins.map((finding) => ({
        via: finding.via,
        value: finding.value,
        project: project(finding.projectId),
        agencies: finding.agencyIds.map(organization),
      })),
      rotatingWinners: signals.rotatingWinners.map((finding) => ({
        agencies: finding.wins.map((entry) => ({
          ...organization(entry.agencyId),
          wins: entry.count,
        })),
        projects: finding.projects.map((entry) => ({
          ...project(entry.projectId),
          winner: organization(entry.winnerId),
        })),
      })),
      repeatedDirectSelections: signals.repeatedDirectSelections.map((finding) => ({
        owner: organization(finding.ownerId),
        agency: organization(finding.agencyIds[0]),
        projects: finding.projectIds.map(project),
      })),
      relatedPartyRatings: signals.relatedPartyRatings.map((finding) => ({
        evaluationId: finding.evaluationId,
        direction: finding.direction,
        origin: finding.origin,
        via: finding.via,
        owner: organization(finding.ownerId),
        agency: organization(finding.agencyId),
        project: project(finding.projectId),
      })),
    },
    exemptions: result.exemptions,
    commonOrigins: result.commonOrigins,
  }
}

export type PresentedSignals = ReturnType<typeof presentCollusionSignals>

export function presentReportFile(file: FileFacts) {
  return {
    id: file.id,
    fileName: file.fileName,
    deliverableId: file.deliverableId,
    submittedAt: isoInstant(file.submittedAt),
    contractId: file.contractId,
    project: { id: file.projectId, code: file.projectCode, title: file.projectTitle },
    agency: { id: file.agencyId, name: file.agencyName },
  }
}

/** A pair of similar reports; the score is the MinHash estimate of the Jaccard similarity. */
export function presentSimilarPair(pair: {
  a: FileFacts
  b: FileFacts
  score: number
  sameAgency: boolean
}) {
  return {
    score: Math.round(pair.score * 1000) / 1000,
    sameAgency: pair.sameAgency,
    a: presentReportFile(pair.a),
    b: presentReportFile(pair.b),
    detailUrl: `/regulator/similarity/${pair.a.id}/${pair.b.id}`,
  }
}
