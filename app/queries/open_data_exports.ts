/*
 * The rows of the CSV exports (开放数据下载), read in chunks of 1,000 by
 * keyset (or, for the directory, by the directory's own pages) so that an
 * export of any size streams in constant memory. Only what the pages show
 * publicly: no draft; quotes only once revealed at an opening; contracts only
 * once signed.
 */
import type { SqlBoolean, SqlInteger, SqlTimestamp } from '#services/sql_rows'
import db from '@adonisjs/lucid/services/db'
import { responseCounts } from '#queries/response_counts'
import { searchAgencies, type DirectoryFilters } from '#queries/agency_directory'
import { PUBLIC_CONTRACT_STATUSES } from '#queries/ocds'

const CHUNK = 1000

/** States in which the selected agency is public (from 中选公示 on). */
export const WINNER_PUBLIC_STATES = [
  'publicity',
  'awarded',
  'contracted',
  'in_service',
  'delivered',
  'accepted',
  'evaluated',
  'closed',
  'terminated',
]

export type ExportedProject = {
  code: string
  title: string
  itemCode: string
  itemName: string
  method: string
  ceilingPriceFen: number
  deadline: unknown
  status: string
  responses: number
  winnerName: string | null
  winnerUscc: string | null
  winningQuoteFen: number | null
}

/** Public projects, newest first, with the selected agency and its quote once public. */
export async function* exportedProjects(filters: { status?: string; item?: string }) {
  let before = Number.MAX_SAFE_INTEGER
  while (true) {
    const rows: {
      id: SqlInteger
      code: string
      title: string
      method: string
      ceiling_price_fen: SqlInteger
      response_deadline: SqlTimestamp
      status: string
      item_code: string
      item_name: string
      winner_name: string | null
      winner_uscc: string | null
      quote_fen: SqlInteger | null
    }[] = await db
      .from('projects as p')
      .join('service_items as i', 'i.id', 'p.service_item_id')
      .leftJoin('organizations as w', 'w.id', 'p.winner_organization_id')
      .leftJoin('bids as b', (join) =>
        join
          .on('b.project_id', '=', 'p.id')
          .andOn('b.round', '=', 'p.round')
          .andOn('b.organization_id', '=', 'p.winner_organization_id')
          .andOnVal('b.status', '=', 'active')
      )
      .whereNot('p.status', 'draft')
      .if(filters.status, (query) => query.where('p.status', filters.status!))
      .if(filters.item, (query) => query.where('i.code', filters.item!))
      .where('p.id', '<', before)
      .orderBy('p.id', 'desc')
      .limit(CHUNK)
      .select(
        'p.id',
        'p.code',
        'p.title',
        'p.method',
        'p.ceiling_price_fen',
        'p.response_deadline',
        'p.status',
        'i.code as item_code',
        'i.name as item_name',
        'w.name as winner_name',
        'w.uscc as winner_uscc',
        'b.quote_fen'
      )
    if (rows.length === 0) return
    const counts = await responseCounts(rows.map((row) => Number(row.id)))
    for (const row of rows) {
      const winnerPublic = WINNER_PUBLIC_STATES.includes(row.status) && row.winner_name
      yield {
        code: row.code,
        title: row.title,
        itemCode: row.item_code,
        itemName: row.item_name,
        method: row.method,
        ceilingPriceFen: Number(row.ceiling_price_fen),
        deadline: row.response_deadline,
        status: row.status,
        responses: counts.get(Number(row.id)) ?? 0,
        winnerName: winnerPublic ? row.winner_name : null,
        winnerUscc: winnerPublic ? row.winner_uscc : null,
        winningQuoteFen:
          winnerPublic && row.quote_fen !== null && row.quote_fen !== undefined
            ? Number(row.quote_fen)
            : null,
      } satisfies ExportedProject
    }
    if (rows.length < CHUNK) return
    before = Number(rows.at(-1)!.id)
  }
}

/** The public directory with its filters (searchAgencies), page after page. */
export async function* exportedAgencies(filters: Omit<DirectoryFilters, 'page' | 'perPage'>) {
  for (let page = 1; ; page++) {
    const result = await searchAgencies({ ...filters, page, perPage: CHUNK })
    yield* result.rows
    if (result.rows.length < CHUNK) return
  }
}

export type ExportedBid = {
  projectCode: string
  projectTitle: string
  itemName: string
  method: string
  round: number
  agencyName: string
  agencyUscc: string
  quoteFen: number
  nonce: string
  receipt: string
  valid: boolean
  invalidReason: string | null
  rank: number | null
  selected: boolean
}

/**
 * 开标结果: one row per opened bid — of the current round once opened, and of
 * earlier rounds (opened, then failed). A bid's quote is set only when it is
 * revealed at an opening: a sealed bid never has one to leak.
 */
export async function* exportedResults(filters: { item?: string }) {
  let cursor: { projectId: number; bidId: number } | null = null
  while (true) {
    const after = cursor
    const rows: {
      id: SqlInteger
      project_id: SqlInteger
      round: SqlInteger
      organization_id: SqlInteger
      quote_fen: SqlInteger
      nonce: string | null
      receipt: string
      valid: SqlBoolean
      invalid_reason: string | null
      rank: SqlInteger | null
      code: string
      title: string
      method: string
      project_round: SqlInteger
      status: string
      winner_organization_id: SqlInteger | null
      item_name: string
      agency_name: string
      agency_uscc: string
    }[] = await db
      .from('bids as b')
      .join('projects as p', 'p.id', 'b.project_id')
      .join('service_items as i', 'i.id', 'p.service_item_id')
      .join('organizations as a', 'a.id', 'b.organization_id')
      .where('b.status', 'active')
      .whereNotNull('b.quote_fen')
      .where((query) => query.whereNotNull('p.opened_at').orWhereRaw('b.round < p.round'))
      .if(filters.item, (query) => query.where('i.code', filters.item!))
      .if(after, (query) =>
        query.where((keyset) =>
          keyset
            .where('b.project_id', '<', after!.projectId)
            .orWhere((same) =>
              same.where('b.project_id', after!.projectId).where('b.id', '>', after!.bidId)
            )
        )
      )
      .orderBy('b.project_id', 'desc')
      .orderBy('b.id', 'asc')
      .limit(CHUNK)
      .select(
        'b.id',
        'b.project_id',
        'b.round',
        'b.organization_id',
        'b.quote_fen',
        'b.nonce',
        'b.receipt',
        'b.valid',
        'b.invalid_reason',
        'b.rank',
        'p.code',
        'p.title',
        'p.method',
        'p.round as project_round',
        'p.status',
        'p.winner_organization_id',
        'i.name as item_name',
        'a.name as agency_name',
        'a.uscc as agency_uscc'
      )
    if (rows.length === 0) return
    for (const row of rows) {
      yield {
        projectCode: row.code,
        projectTitle: row.title,
        itemName: row.item_name,
        method: row.method,
        round: Number(row.round),
        agencyName: row.agency_name,
        agencyUscc: row.agency_uscc,
        quoteFen: Number(row.quote_fen),
        nonce: row.nonce ?? '',
        receipt: row.receipt,
        valid: Boolean(row.valid),
        invalidReason: row.invalid_reason,
        rank: row.rank === null ? null : Number(row.rank),
        selected:
          Number(row.round) === Number(row.project_round) &&
          WINNER_PUBLIC_STATES.includes(row.status) &&
          Number(row.organization_id) === Number(row.winner_organization_id),
      } satisfies ExportedBid
    }
    if (rows.length < CHUNK) return
    const last = rows.at(-1)!
    cursor = { projectId: Number(last.project_id), bidId: Number(last.id) }
  }
}

export type ExportedContract = {
  id: number
  projectCode: string
  projectTitle: string
  itemName: string
  ownerName: string
  ownerUscc: string
  agencyName: string
  agencyUscc: string
  priceFen: number
  timeLimitWorkingDays: number
  signedAt: unknown
  status: string
}

/** 合同公示: signed (or since terminated) contracts, newest first — parties, item, price, time limit. */
export async function* exportedContracts(filters: { item?: string }) {
  let before = Number.MAX_SAFE_INTEGER
  while (true) {
    const rows: {
      id: SqlInteger
      price_fen: SqlInteger
      field_values: string
      signed_at: SqlTimestamp
      status: string
      code: string
      title: string
      item_name: string
      owner_name: string
      owner_uscc: string
      agency_name: string
      agency_uscc: string
    }[] = await db
      .from('contracts as c')
      .join('projects as p', 'p.id', 'c.project_id')
      .join('service_items as i', 'i.id', 'p.service_item_id')
      .join('organizations as o', 'o.id', 'c.owner_organization_id')
      .join('organizations as a', 'a.id', 'c.agency_organization_id')
      .whereIn('c.status', PUBLIC_CONTRACT_STATUSES)
      .if(filters.item, (query) => query.where('i.code', filters.item!))
      .where('c.id', '<', before)
      .orderBy('c.id', 'desc')
      .limit(CHUNK)
      .select(
        'c.id',
        'c.price_fen',
        'c.field_values',
        'c.signed_at',
        'c.status',
        'p.code',
        'p.title',
        'i.name as item_name',
        'o.name as owner_name',
        'o.uscc as owner_uscc',
        'a.name as agency_name',
        'a.uscc as agency_uscc'
      )
    if (rows.length === 0) return
    for (const row of rows) {
      yield {
        id: Number(row.id),
        projectCode: row.code,
        projectTitle: row.title,
        itemName: row.item_name,
        ownerName: row.owner_name,
        ownerUscc: row.owner_uscc,
        agencyName: row.agency_name,
        agencyUscc: row.agency_uscc,
        priceFen: Number(row.price_fen),
        timeLimitWorkingDays: Number(JSON.parse(row.field_values).timeLimitWorkingDays),
        signedAt: row.signed_at,
        status: row.status,
      } satisfies ExportedContract
    }
    if (rows.length < CHUNK) return
    before = Number(rows.at(-1)!.id)
  }
}
