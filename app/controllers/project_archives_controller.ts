import type { HttpContext } from '@adonisjs/core/http'
import { errors as lucidErrors } from '@adonisjs/lucid'
import drive from '@adonisjs/drive/services/main'
import ProjectArchivePolicy from '#policies/project_archive_policy'
import StateConflictException from '#exceptions/state_conflict_exception'
import { archivePartiesOf, latestArchiveOf } from '#queries/project_archives'
import { archiveSeal } from '#services/archive_seal'

/**
 * 电子档案: the sealed archive of a closed project, downloaded by its parties,
 * regulators and admins (page and API alike); the seal's public key for
 * anyone who verifies one.
 */
export default class ProjectArchivesController {
  /** GET /projects/:id/archive and GET /api/v1/projects/:id/archive: the ZIP (409 before sealing). */
  async download({ params, bouncer, response }: HttpContext) {
    const parties = await archivePartiesOf(Number(params.id))
    if (!parties) throw new lucidErrors.E_ROW_NOT_FOUND()
    await bouncer.with(ProjectArchivePolicy).authorize('download', parties)
    const archive = await latestArchiveOf(Number(params.id))
    if (!archive) throw new StateConflictException({ identifier: 'archives.errors.notSealed' })
    const name = archive.fileKey.split('/').at(-1)!
    response.header('content-type', 'application/zip')
    response.header('content-disposition', `attachment; filename="${name}"`)
    response.header('x-archive-sha256', archive.sha256)
    response.header('x-archive-manifest-sha256', archive.manifestSha256)
    response.header('x-archive-key-id', archive.keyId)
    return response.stream(await drive.use().getStream(archive.fileKey))
  }

  /** GET /api/v1/pki/archive-seal.pem (public): the seal's public key (SPKI PEM). */
  async sealKey({ response }: HttpContext) {
    const seal = archiveSeal()
    response.header('content-type', 'application/x-pem-file')
    response.header('x-archive-key-id', seal.keyId)
    return seal.publicPem
  }
}
