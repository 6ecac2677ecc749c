/*
 * Sealed project archives as the pages and the API show them.
 */
import db from '@adonisjs/lucid/services/db'
import { isoInstant } from '#domain/time_zone'

/** Who a sealed archive concerns: the project's owner and the agencies it contracted with. */
export type ArchiveParties = { ownerOrganizationId: number; agencyOrganizationIds: number[] }

export type ArchiveView = {
  id: number
  projectId: number
  round: number
  projectStatus: string
  fileKey: string
  sha256: string
  manifestSha256: string
  sizeBytes: number
  fileCount: number
  keyId: string
  sealedAt: string
}

/** The parties of a project (its owner, the agencies of its contracts), or null when none. */
export async function archivePartiesOf(projectId: number): Promise<ArchiveParties | null> {
  const project = await db
    .from('projects')
    .where('id', projectId)
    .select('owner_organization_id')
    .first()
  if (!project) return null
  const agencies = await db
    .from('contracts')
    .where('project_id', projectId)
    .distinct('agency_organization_id')
  return {
    ownerOrganizationId: Number(project.owner_organization_id),
    agencyOrganizationIds: agencies.map((row: { agency_organization_id: number }) =>
      Number(row.agency_organization_id)
    ),
  }
}

/** The project's latest sealed archive, or null. */
export async function latestArchiveOf(projectId: number): Promise<ArchiveView | null> {
  const row = await db
    .from('project_archives')
    .where('project_id', projectId)
    .orderBy('round', 'desc')
    .first()
  if (!row) return null
  return {
    id: Number(row.id),
    projectId: Number(row.project_id),
    round: Number(row.round),
    projectStatus: String(row.project_status),
    fileKey: String(row.file_key),
    sha256: String(row.sha256),
    manifestSha256: String(row.manifest_sha256),
    sizeBytes: Number(row.size_bytes),
    fileCount: Number(row.file_count),
    keyId: String(row.key_id),
    sealedAt: isoInstant(row.sealed_at)!,
  }
}
