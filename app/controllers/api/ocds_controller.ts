import type { HttpContext } from '@adonisjs/core/http'
import openData from '#config/open_data'
import { compileReleases, ocidOf, projectCodeOf } from '#domain/ocds'
import { ocdsReleasesValidator, parseMoment } from '#validators/open_data'
import { releaseSourcePage, releasesOfProjects, releasesOfSources } from '#queries/ocds'
import { ocdsContext, presentRecordPackage, presentReleasePackage } from '#presenters/ocds'
import Project from '#models/project'

/** Open Contracting Data Standard 1.1 publication (API.md "Open data"): public, no token. */
export default class OcdsController {
  /** GET /api/v1/ocds/releases?since=&page=&perPage= — one release per public event, oldest first. */
  async releases({ request }: HttpContext) {
    const filters = await request.validateUsing(ocdsReleasesValidator, { data: request.qs() })
    const page = filters.page ?? 1
    const perPage = filters.perPage ?? 100
    const since = filters.since ? (parseMoment(filters.since) ?? undefined) : undefined
    const { sources, total } = await releaseSourcePage({ since, page, perPage })
    const releases = await releasesOfSources(sources, ocdsContext())
    const pageUri = (number: number) => {
      const query = new URLSearchParams({
        ...(filters.since ? { since: filters.since } : {}),
        page: String(number),
        ...(filters.perPage ? { perPage: String(perPage) } : {}),
      })
      return `${openData.baseUrl}/api/v1/ocds/releases?${query}`
    }
    return presentReleasePackage(pageUri(page), releases, {
      next: page * perPage < total ? pageUri(page + 1) : undefined,
      prev: page > 1 ? pageUri(page - 1) : undefined,
    })
  }

  /** GET /api/v1/ocds/records/:ocid — every release of one contracting process and their merge. */
  async record({ params }: HttpContext) {
    // An ocid of another publisher matches no project: 404 like an unknown code.
    const code = projectCodeOf(openData.ocidPrefix, String(params.ocid)) ?? ''
    const project = await Project.query()
      .where('code', code)
      .whereNot('status', 'draft')
      .firstOrFail()
    const ocid = ocidOf(openData.ocidPrefix, project.code)
    const { releases } = await releasesOfProjects([project.id], ocdsContext())
    const list = (releases.get(project.id) ?? []).map((built) => built.release)
    return presentRecordPackage(
      `${openData.baseUrl}/api/v1/ocds/records/${encodeURIComponent(ocid)}`,
      `${openData.baseUrl}/api/v1/ocds/releases`,
      ocid,
      list,
      compileReleases(ocid, list)
    )
  }
}
