import db from '@adonisjs/lucid/services/db'
import type { SqlInteger } from '#services/sql_rows'

export type OutsideSelectionRow = {
  id: number
  title: string
  ownerOrganizationId: number
  ownerName: string
  itemCode: string
  itemName: string
  regionCode: string
  fundingSource: string
  rulesetVersion: number
  agencyName: string
  agencyUscc: string
  priceFen: number
  selectedOn: string
  reason: string
}

const PER_PAGE = 50

/** Selections made outside the market (自主选择), newest first: public like results. */
export async function outsideSelections(page = 1) {
  const base = db
    .from('outside_selections as s')
    .join('organizations as o', 'o.id', 's.owner_organization_id')
    .join('service_items as i', 'i.id', 's.service_item_id')
  const [{ total }] = await base.clone().count('* as total')
  const rows = await base
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .offset((page - 1) * PER_PAGE)
    .limit(PER_PAGE)
    .select('s.*', 'o.name as owner_name', 'i.code as item_code', 'i.name as item_name')
  return {
    data: rows.map((row: Record<string, unknown>): OutsideSelectionRow => ({
      id: Number(row.id as SqlInteger),
      title: String(row.title),
      ownerOrganizationId: Number(row.owner_organization_id),
      ownerName: String(row.owner_name),
      itemCode: String(row.item_code),
      itemName: String(row.item_name),
      regionCode: String(row.region_code),
      fundingSource: String(row.funding_source),
      rulesetVersion: Number(row.ruleset_version),
      agencyName: String(row.agency_name),
      agencyUscc: String(row.agency_uscc),
      priceFen: Number(row.price_fen),
      selectedOn: dayOf(row.selected_on),
      reason: String(row.reason),
    })),
    meta: { total: Number(total), page, perPage: PER_PAGE },
  }
}

/** A DATE column: a Date at local midnight (MySQL) or 'yyyy-MM-dd' text (SQLite). */
function dayOf(value: unknown) {
  if (value instanceof Date) {
    const month = String(value.getMonth() + 1).padStart(2, '0')
    const day = String(value.getDate()).padStart(2, '0')
    return `${value.getFullYear()}-${month}-${day}`
  }
  return String(value).slice(0, 10)
}
