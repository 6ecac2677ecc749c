import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import { toInstantDate } from '#domain/time_zone'
import { barsSignUp, barsSigning } from '#domain/joint_punishment'

/** Entries of the joint punishment lists in force (imported, not lifted). */
export function jointPunishmentsInForce(client: QueryClientContract = db.connection()) {
  return client.from('joint_punishment_entries as j').whereNull('j.lifted_at')
}

type EntryRow = {
  id: SqlInteger
  list_name: string
  measure: string
  uscc: string
  source: string
  listed_on: Date | string
  legal_basis: string
}

function present(row: EntryRow) {
  const listedOn =
    row.listed_on instanceof Date
      ? row.listed_on.toISOString().slice(0, 10)
      : String(row.listed_on).slice(0, 10)
  return {
    id: Number(row.id),
    listName: row.list_name,
    measure: row.measure,
    source: row.source,
    listedOn,
    legalBasis: row.legal_basis,
    barsSignUp: barsSignUp(row.measure),
    barsSigning: barsSigning(row.measure),
  }
}

/**
 * The lists an organisation is on now, found by its USCC (so an agency
 * registered after the import is found too), oldest listing first.
 */
export async function jointPunishmentsOf(
  organizationId: number,
  client: QueryClientContract = db.connection()
) {
  const rows: EntryRow[] = await jointPunishmentsInForce(client)
    .join('organizations as o', 'o.uscc', 'j.uscc')
    .where('o.id', organizationId)
    .orderBy('j.listed_on')
    .orderBy('j.id')
    .select('j.*')
  return rows.map(present)
}

/** How a listing reads in a refusal: the list and who put the agency on it. */
export function listingLabel(listing: { listName: string; source: string; listedOn: string }) {
  return `${listing.listName}（${listing.source}，${listing.listedOn}）`
}

/**
 * For many agencies at once (an opening): the labels of the lists that bar
 * each from signing up. One query.
 */
export async function signUpBarsOf(organizationIds: number[], client: QueryClientContract) {
  if (organizationIds.length === 0) return new Map<number, string[]>()
  const rows: (EntryRow & { organization_id: SqlInteger })[] = await jointPunishmentsInForce(client)
    .join('organizations as o', 'o.uscc', 'j.uscc')
    .whereIn('o.id', organizationIds)
    .whereIn('j.measure', ['sign_up', 'all'])
    .orderBy('j.id')
    .select('j.*', 'o.id as organization_id')
  const bars = new Map<number, string[]>()
  for (const row of rows) {
    const id = Number(row.organization_id)
    bars.set(id, [...(bars.get(id) ?? []), listingLabel(present(row))])
  }
  return bars
}

/** The regulators' desk: the imports, newest first, and the entries in force with the agency found. */
export async function jointPunishmentDesk(limit = 500) {
  const imports: {
    id: SqlInteger
    list_name: string
    measure: string
    file_name: string
    file_sha256: string
    entry_count: SqlInteger
    lifted_count: SqlInteger
    created_at: SqlTimestamp
  }[] = await db.from('joint_punishment_imports').orderBy('id', 'desc').limit(50)
  const entries: (EntryRow & {
    organization_id: SqlInteger | null
    organization_name: string | null
    created_at: SqlTimestamp
  })[] = await jointPunishmentsInForce()
    .leftJoin('organizations as o', 'o.uscc', 'j.uscc')
    .orderBy('j.list_name')
    .orderBy('j.id')
    .limit(limit)
    .select('j.*', 'o.id as organization_id', 'o.name as organization_name')
  return {
    imports: imports.map((row) => ({
      id: Number(row.id),
      listName: row.list_name,
      measure: row.measure,
      fileName: row.file_name,
      fileSha256: row.file_sha256,
      entryCount: Number(row.entry_count),
      liftedCount: Number(row.lifted_count),
      importedAt: toInstantDate(row.created_at)!,
    })),
    entries: entries.map((row) => ({
      ...present(row),
      uscc: row.uscc,
      organization: row.organization_id
        ? { id: Number(row.organization_id), name: row.organization_name as string }
        : null,
    })),
  }
}
