/*
 * 电子档案: when a project round closes (closed after its evaluations,
 * failed, or terminated once its termination is settled or decided), the market seals
 * its archive: the record files of the round in a ZIP with a manifest of
 * SHA-256 hashes signed by the market's seal (#domain/project_archive),
 * stored with the other files (drive) and recorded with its hash. The tick
 * finds the rounds without an archive; the unique (project, round) key and
 * the project's row lock make each archive sealed exactly once.
 */
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Contract from '#models/contract'
import Project from '#models/project'
import { recordAuditEvent } from '#services/audit_log'
import { archiveSeal } from '#services/archive_seal'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'
import { contractText } from '#queries/contract_text'
import { feeRecordsWithFlags } from '#queries/fee_records'
import { ARCHIVED_PROJECT_STATES } from '#domain/project_lifecycle'
import {
  buildManifest,
  manifestBytesOf,
  sealArchive,
  type ArchiveFile,
} from '#domain/project_archive'
import { requestTimestampToken } from '#services/pades/tsa_service'

type Row = Record<string, unknown>

/**
 * Extra documents of a project's archive: each source adds files (under its
 * own folder) to the manifest. The slot for documents made elsewhere, e.g.
 * the signed contract PDF: `EXTRA_ARCHIVE_DOCUMENTS.push(source)`.
 */
export type ArchiveDocumentSource = {
  /** The folder its files go under, e.g. `contract-pdf`. */
  folder: string
  files: (
    project: { id: number; round: number },
    trx: TransactionClientContract
  ) => Promise<{ name: string; bytes: Uint8Array }[]>
}
export const EXTRA_ARCHIVE_DOCUMENTS: ArchiveDocumentSource[] = []

const json = (value: unknown) =>
  new TextEncoder().encode(
    `${JSON.stringify(value, (_key, inner) => (inner instanceof Date ? inner.toISOString() : inner), 2)}\n`
  )

/** A file name safe inside the archive: no separators, no control characters. */
const safeName = (name: string) =>
  [...name]
    .map((char) =>
      char.charCodeAt(0) < 0x20 || char === '\u007F' || '/\\:*?"<>|'.includes(char) ? '_' : char
    )
    .join('')
    .slice(0, 120) || 'file'

/** A row without the sealed or private columns (encrypted quotes, nonces, devices). */
const publicColumns = (row: Row) =>
  Object.fromEntries(
    Object.entries(row).filter(
      ([key]) =>
        !/_encrypted$|^nonce$|^ip$|^user_agent$|^device_fingerprint$|^text_content$/.test(key)
    )
  )

async function bytesOf(fileKey: string) {
  return new Uint8Array(await drive.use().getBytes(fileKey))
}

/** The record files of a project's round. */
export async function archiveFilesOf(project: Project, trx: TransactionClientContract) {
  const files: ArchiveFile[] = []
  const add = (path: string, bytes: Uint8Array) => files.push({ path, bytes })
  const projectRow = publicColumns(await trx.from('projects').where('id', project.id).firstOrFail())
  // The draw's seed is public once the projects opened (its commitment was public before).
  if (projectRow.opened_at === null) delete projectRow.draw_seed
  add('announcement.json', json(projectRow))

  const attachments = await trx
    .from('project_attachments')
    .where('project_id', project.id)
    .orderBy('id')
  add('attachments/index.json', json(attachments))
  for (const attachment of attachments) {
    add(
      `attachments/${attachment.id}-${safeName(String(attachment.file_name))}`,
      await bytesOf(String(attachment.file_key))
    )
  }

  const bids = await trx.from('bids').where('project_id', project.id).orderBy('round').orderBy('id')
  add('bids/receipts.json', json(bids.map((bid: Row) => publicColumns(bid))))
  add(
    'opening/draw.json',
    json({
      openedAt: projectRow.opened_at ?? null,
      round: project.round,
      drawCommitment: projectRow.draw_commitment ?? null,
      drawSeed: projectRow.draw_seed ?? null,
      drawSeedMixed: projectRow.draw_seed_mixed ?? null,
      draws: projectRow.draws ?? null,
      failReason: projectRow.fail_reason ?? null,
    })
  )
  add(
    'result/objections.json',
    json(await trx.from('objections').where('project_id', project.id).orderBy('id'))
  )

  const contracts = await Contract.query({ client: trx })
    .where('project_id', project.id)
    .orderBy('id')
  const contractIds = contracts.map((contract) => contract.id)
  for (const contract of contracts) {
    const folder = `contract/${contract.id}`
    add(`${folder}/contract.json`, json(contract.serialize()))
    const record = await contractText(contract, trx)
    add(`${folder}/text-of-record.txt`, new TextEncoder().encode(record.text))
    add(`${folder}/text-of-record.sha256`, new TextEncoder().encode(`${record.sha256}\n`))
    const signatures = await trx
      .from('contract_signatures')
      .where('contract_id', contract.id)
      .orderBy('id')
    add(`${folder}/signatures.json`, json(signatures.map((row: Row) => publicColumns(row))))
    // The contract PDF as last signed (PAdES: verifiable with pdfsig or contract:verify).
    const signedPdf = await trx
      .from('contract_documents')
      .where('contract_id', contract.id)
      .orderBy('revision', 'desc')
      .orderBy('signature_count', 'desc')
      .first()
    if (signedPdf) {
      add(
        `${folder}/contract-r${signedPdf.revision}-signed.pdf`,
        await bytesOf(String(signedPdf.file_key))
      )
    }
    add(
      `${folder}/milestones.json`,
      json(await trx.from('milestones').where('contract_id', contract.id).orderBy('position'))
    )
    add(
      `${folder}/acceptance-and-approval.json`,
      json({
        deliveredAt: contract.deliveredAt,
        acceptedAt: contract.acceptedAt,
        approvalOutcome: contract.approvalOutcome,
        approvalCorrections: contract.approvalCorrections,
        approvalRecordedAt: contract.approvalRecordedAt,
      })
    )
    const deliverables = await trx
      .from('deliverables')
      .where('contract_id', contract.id)
      .orderBy('id')
    add(`${folder}/deliverables/index.json`, json(deliverables))
    for (const deliverable of deliverables) {
      const deliverableFiles = await trx
        .from('deliverable_files')
        .where('deliverable_id', deliverable.id)
        .orderBy('id')
      for (const file of deliverableFiles) {
        add(
          `${folder}/deliverables/${deliverable.id}/${file.id}-${safeName(String(file.file_name))}`,
          await bytesOf(String(file.file_key))
        )
      }
    }
    add(
      `${folder}/evaluations.json`,
      json(await trx.from('evaluations').where('contract_id', contract.id).orderBy('id'))
    )
    add(
      `${folder}/payments.json`,
      json(await trx.from('payments').where('contract_id', contract.id).orderBy('id'))
    )
    const termination = await trx
      .from('contract_terminations')
      .where('contract_id', contract.id)
      .first()
    if (termination) add(`${folder}/termination.json`, json(termination))
  }
  if (contractIds.length > 0) {
    const allFeeRecords = await feeRecordsWithFlags({}, trx)
    const feeRecords = allFeeRecords.filter((record) => record.projectId === project.id)
    add('payments/fee-records-and-flags.json', json(feeRecords))
  }

  const payments = contractIds.length
    ? await trx.from('payments').whereIn('contract_id', contractIds).select('id')
    : []
  const audit = await trx
    .from('audit_events')
    .where((query) => {
      query.where((inner) =>
        inner.where('subject_type', 'project').where('subject_id', String(project.id))
      )
      if (contractIds.length) {
        query.orWhere((inner) =>
          inner.where('subject_type', 'contract').whereIn('subject_id', contractIds.map(String))
        )
      }
      if (payments.length) {
        query.orWhere((inner) =>
          inner.where('subject_type', 'payment').whereIn(
            'subject_id',
            payments.map((row: Row) => String(row.id))
          )
        )
      }
    })
    .orderBy('id')
  add('audit/events.json', json(audit))

  for (const source of EXTRA_ARCHIVE_DOCUMENTS) {
    for (const file of await source.files({ id: project.id, round: project.round }, trx)) {
      add(`extra/${safeName(source.folder)}/${safeName(file.name)}`, file.bytes)
    }
  }
  return files
}

/**
 * Seals the archive of a project's current round, once: under the project's
 * row lock, nothing when the round is not closed or already archived.
 */
export async function sealProjectArchive(projectId: number) {
  return db.transaction(async (trx) => {
    const project = await Project.query({ client: trx }).where('id', projectId).forUpdate().first()
    if (!project || !(ARCHIVED_PROJECT_STATES as readonly string[]).includes(project.status)) {
      return null
    }
    const pending = await trx
      .from('contract_terminations')
      .where('project_id', project.id)
      .whereIn('status', ['contestable', 'contested'])
      .first()
    if (pending) return null
    const existing = await trx
      .from('project_archives')
      .where('project_id', project.id)
      .where('round', project.round)
      .first()
    if (existing) return null

    const files = await archiveFilesOf(project, trx)
    const sealedAt = clock.now()
    const manifest = buildManifest(
      {
        id: project.id,
        code: project.code,
        title: project.title,
        status: project.status,
        round: project.round,
      },
      sealedAt.toISOString(),
      files
    )
    const seal = archiveSeal()
    // The time the archive existed, attested by the time-stamping authority (RFC 3161).
    const timestampToken = await requestTimestampToken(manifestBytesOf(manifest))
    const { zip, sha256, manifestSha256 } = sealArchive(
      manifest,
      files,
      seal.privateKey,
      seal.keyId,
      timestampToken
    )
    const fileKey = `archives/${safeName(project.code)}-r${project.round}-${sha256.slice(0, 16)}.zip`
    await drive.use().put(fileKey, zip)
    const [id] = await trx.table('project_archives').insert({
      project_id: project.id,
      round: project.round,
      project_status: project.status,
      file_key: fileKey,
      sha256,
      manifest_sha256: manifestSha256,
      size_bytes: zip.byteLength,
      file_count: files.length,
      key_id: seal.keyId,
      sealed_at: sqlTime(sealedAt),
    })
    await recordAuditEvent(trx, {
      actor: null,
      action: 'project.archive_sealed',
      subjectType: 'project',
      subjectId: project.id,
      payload: {
        code: project.code,
        round: project.round,
        sha256,
        manifestSha256,
        files: files.length,
        keyId: seal.keyId,
      },
    })
    return Number(id)
  })
}

/** The tick: every closed round without its archive, a bounded batch per run. */
export async function roundsToArchive(limit = 20) {
  const rows = await db
    .from('projects as p')
    .leftJoin('project_archives as a', (join) =>
      join.on('a.project_id', 'p.id').andOn('a.round', 'p.round')
    )
    .whereNull('a.id')
    .whereIn('p.status', [...ARCHIVED_PROJECT_STATES])
    .whereNotExists((query) =>
      query
        .from('contract_terminations as t')
        .whereRaw('t.project_id = p.id')
        .whereIn('t.status', ['contestable', 'contested'])
    )
    .orderBy('p.id')
    .limit(limit)
    .select('p.id')
  return rows.map((row: Row) => Number(row.id))
}
