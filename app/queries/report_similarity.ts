/*
 * Report similarity (中介文本对比分析) for regulators: pairs of delivered files
 * of different projects whose texts are near-duplicates. Candidates come from
 * the LSH band index by an indexed self-join (files sharing a band key), are
 * scored by their MinHash signatures, and only the pairs above the threshold
 * are named — five queries whatever the number of files. A pair's detail
 * compares the two texts themselves.
 */
import { toInstantDate, type InstantLike } from '#domain/time_zone'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import {
  SIMILARITY_ALGORITHM,
  compareTexts,
  decodeSignature,
  estimateJaccard,
  highlightSegments,
} from '#domain/similarity'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'

export const DEFAULT_SIMILARITY_THRESHOLD = 0.5
/** Files delivered in the last 12 months are compared with every file delivered before. */
export const SIMILARITY_PERIOD_MONTHS = 12
/** Candidate pairs scored per request, and pairs listed. */
const MAX_CANDIDATES = 20_000
const MAX_PAIRS = 200
/** Characters of each text shown on the detail page (the passages are counted over the whole text). */
export const DISPLAY_LIMIT = 100_000

export type FileFacts = {
  id: number
  fileName: string
  deliverableId: number
  submittedAt: Date
  contractId: number
  projectId: number
  projectCode: string
  projectTitle: string
  agencyId: number
  agencyName: string
}

/** Pairs of files of different projects scoring at least `threshold`, most similar first. */
export async function similarReportPairs(
  threshold: number,
  client: QueryClientContract = db.connection()
) {
  const since = sqlTime(
    DateTime.fromJSDate(clock.now()).minus({ months: SIMILARITY_PERIOD_MONTHS })
  )
  const candidates = await client
    .from('deliverable_file_bands as x')
    .join('deliverable_file_bands as y', (join) => {
      join
        .on('y.band', '=', 'x.band')
        .andOn('y.band_key', '=', 'x.band_key')
        .andOn('y.deliverable_file_id', '>', 'x.deliverable_file_id')
    })
    .join('deliverable_files as fx', 'fx.id', 'x.deliverable_file_id')
    .join('deliverables as dx', 'dx.id', 'fx.deliverable_id')
    .join('contracts as cx', 'cx.id', 'dx.contract_id')
    .join('deliverable_files as fy', 'fy.id', 'y.deliverable_file_id')
    .join('deliverables as dy', 'dy.id', 'fy.deliverable_id')
    .join('contracts as cy', 'cy.id', 'dy.contract_id')
    .whereRaw('cx.project_id <> cy.project_id')
    .where('dy.submitted_at', '>=', since)
    .distinct('x.deliverable_file_id as a', 'y.deliverable_file_id as b')
    .limit(MAX_CANDIDATES)

  const fileIds = [...new Set(candidates.flatMap((row) => [Number(row.a), Number(row.b)]))]
  const signatures = new Map<number, Uint32Array>()
  for (const ids of chunks(fileIds)) {
    const rows = await client
      .from('deliverable_file_signatures')
      .whereIn('deliverable_file_id', ids)
      .where('algorithm', SIMILARITY_ALGORITHM)
      .select('deliverable_file_id', 'signature')
    for (const row of rows) {
      signatures.set(Number(row.deliverable_file_id), decodeSignature(row.signature))
    }
  }
  const scored = candidates
    .map((row) => ({ a: Number(row.a), b: Number(row.b) }))
    .filter((pair) => signatures.has(pair.a) && signatures.has(pair.b))
    .map((pair) => ({
      ...pair,
      score: estimateJaccard(signatures.get(pair.a)!, signatures.get(pair.b)!),
    }))
    .filter((pair) => pair.score >= threshold)
    .sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b)
    .slice(0, MAX_PAIRS)

  const files = await filesById([...new Set(scored.flatMap((pair) => [pair.a, pair.b]))], client)
  const [indexed, total] = await Promise.all([
    client
      .from('deliverable_file_signatures')
      .where('algorithm', SIMILARITY_ALGORITHM)
      .count('* as count')
      .first(),
    client.from('deliverable_files').count('* as count').first(),
  ])
  return {
    threshold,
    pairs: scored.map((pair) => {
      const a = files.get(pair.a)!
      const b = files.get(pair.b)!
      return { a, b, score: pair.score, sameAgency: a.agencyId === b.agencyId }
    }),
    files: { total: Number(total?.count ?? 0), indexed: Number(indexed?.count ?? 0) },
  }
}

/**
 * Two delivered files side by side: the exact similarity of their texts, the
 * matching passages, and each text cut into segments to mark. Null when
 * either file does not exist.
 */
export async function reportPair(
  aId: number,
  bId: number,
  client: QueryClientContract = db.connection()
) {
  const files = await filesById([aId, bId], client, true)
  const a = files.get(aId)
  const b = files.get(bId)
  if (!a || !b || aId === bId) return null
  const comparison = compareTexts(a.text, b.text)
  const { text: textA, ...factsA } = a
  const { text: textB, ...factsB } = b
  return {
    a: {
      ...factsA,
      length: textA.length,
      truncated: textA.length > DISPLAY_LIMIT,
      segments: highlightSegments(
        textA,
        comparison.passages.map((passage) => passage.a),
        DISPLAY_LIMIT
      ),
      coverage: comparison.coverageA,
    },
    b: {
      ...factsB,
      length: textB.length,
      truncated: textB.length > DISPLAY_LIMIT,
      segments: highlightSegments(
        textB,
        comparison.passages.map((passage) => passage.b),
        DISPLAY_LIMIT
      ),
      coverage: comparison.coverageB,
    },
    jaccard: comparison.jaccard,
    passages: comparison.passages.map((passage) => ({
      ...passage,
      text: textA.slice(passage.a.start, passage.a.end),
    })),
  }
}

async function filesById(
  ids: number[],
  client: QueryClientContract,
  withText: true
): Promise<Map<number, FileFacts & { text: string }>>
async function filesById(
  ids: number[],
  client: QueryClientContract,
  withText?: false
): Promise<Map<number, FileFacts>>
async function filesById(ids: number[], client: QueryClientContract, withText = false) {
  const files = new Map<number, FileFacts & { text?: string }>()
  for (const chunk of chunks(ids)) {
    const rows = await client
      .from('deliverable_files as f')
      .join('deliverables as d', 'd.id', 'f.deliverable_id')
      .join('contracts as c', 'c.id', 'd.contract_id')
      .join('projects as p', 'p.id', 'c.project_id')
      .join('organizations as a', 'a.id', 'c.agency_organization_id')
      .whereIn('f.id', chunk)
      .select(
        'f.id',
        'f.file_name',
        'd.id as deliverable_id',
        'd.submitted_at',
        'c.id as contract_id',
        'p.id as project_id',
        'p.code as project_code',
        'p.title as project_title',
        'a.id as agency_id',
        'a.name as agency_name',
        ...(withText ? ['f.text_content'] : [])
      )
    for (const row of rows) {
      files.set(Number(row.id), {
        id: Number(row.id),
        fileName: row.file_name,
        deliverableId: Number(row.deliverable_id),
        submittedAt: utc(row.submitted_at),
        contractId: Number(row.contract_id),
        projectId: Number(row.project_id),
        projectCode: row.project_code,
        projectTitle: row.project_title,
        agencyId: Number(row.agency_id),
        agencyName: row.agency_name,
        ...(withText ? { text: String(row.text_content ?? '') } : {}),
      })
    }
  }
  return files
}

function chunks(ids: number[], size = 500) {
  const result: number[][] = []
  for (let start = 0; start < ids.length; start += size) result.push(ids.slice(start, start + size))
  return result
}

/** Timestamps come back as Date (MySQL) or 'yyyy-MM-dd HH:mm:ss' UTC text (SQLite). */
function utc(value: unknown) {
  return toInstantDate(value as InstantLike)!
}
