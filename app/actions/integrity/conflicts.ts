import { queueProjectsForSignals } from '#services/signal_queue'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { SqlInteger } from '#services/sql_rows'
import type User from '#models/user'
import { affiliationsOf, type Affiliation } from '#domain/affiliations'
import { affiliationFactsOf } from '#queries/integrity'
import { reindexAgency } from '#services/directory_index'
import { recordAuditEvent } from '#services/audit_log'
import { notify } from '#services/notifications'
import { sqlTime } from '#services/sql_time'
import { clock } from '#services/clock'
import { invalidateLists, projectTag } from '#services/public_cache'

export type SuspensionCause = 'register' | 'declaration'

/**
 * After the register or an agency's declaration changed, in the same
 * transaction: every listing and open bid of these agencies on an item
 * whose approval department they are now affiliated with is suspended —
 * the listing leaves the directory, the bid is withdrawn — each recorded,
 * written to the audit log and told to the agency and to the department's
 * regulators (never silently). Answers the suspensions made.
 */
export async function suspendConflicts(
  trx: TransactionClientContract,
  organizationIds: number[],
  cause: SuspensionCause,
  actor: User | null
) {
  const made: { organizationId: number; kind: 'listing' | 'bid'; serviceItemId: number }[] = []
  for (const organizationId of [...new Set(organizationIds)]) {
    const facts = await affiliationFactsOf(organizationId, trx)
    const affiliations = affiliationsOf(facts.uscc, facts.declaration, facts.register)
    if (affiliations.length === 0) continue
    const byDepartment = new Map<number, Affiliation>()
    for (const affiliation of affiliations) {
      if (!byDepartment.has(affiliation.departmentId)) {
        byDepartment.set(affiliation.departmentId, affiliation)
      }
    }
    const departmentIds = [...byDepartment.keys()]
    const agency = await trx
      .from('organizations')
      .where('id', organizationId)
      .select('name')
      .firstOrFail()

    const listings: ItemRow[] = await trx
      .from('agency_service_items as a')
      .join('service_items as s', 's.id', 'a.service_item_id')
      .join('departments as d', 'd.id', 's.department_id')
      .where('a.organization_id', organizationId)
      .whereIn('s.department_id', departmentIds)
      .select('s.id', 's.code', 's.name', 's.department_id', 'd.name as department_name')
    const bids: (ItemRow & { bid_id: SqlInteger; project_id: SqlInteger; project_code: string })[] =
      await trx
        .from('bids as b')
        .join('projects as p', 'p.id', 'b.project_id')
        .join('service_items as s', 's.id', 'p.service_item_id')
        .join('departments as d', 'd.id', 's.department_id')
        .where('b.organization_id', organizationId)
        .where('b.status', 'active')
        .where('p.status', 'published')
        .whereIn('s.department_id', departmentIds)
        .select(
          'b.id as bid_id',
          'p.id as project_id',
          'p.code as project_code',
          's.id',
          's.code',
          's.name',
          's.department_id',
          'd.name as department_name'
        )
    if (listings.length === 0 && bids.length === 0) continue

    if (listings.length > 0) {
      await trx
        .from('agency_service_items')
        .where('organization_id', organizationId)
        .whereIn(
          'service_item_id',
          listings.map((row) => row.id)
        )
        .delete()
      await reindexAgency(organizationId, trx)
    }
    if (bids.length > 0) {
      await trx
        .from('bids')
        .whereIn(
          'id',
          bids.map((row) => row.bid_id)
        )
        .update({ status: 'withdrawn', updated_at: sqlTime(clock.now()) })
      // Their projects' pages count the responses, and their signals are kept anew.
      await invalidateLists(
        bids.map((row) => projectTag(row.project_id)),
        trx
      )
      await queueProjectsForSignals(
        bids.map((row) => Number(row.project_id)),
        trx
      )
    }

    const entries = [
      ...listings.map((row) => ({ row, kind: 'listing' as const, bid: null })),
      ...bids.map((row) => ({ row, kind: 'bid' as const, bid: row })),
    ]
    for (const { row, kind, bid } of entries) {
      const departmentId = Number(row.department_id)
      const affiliation = byDepartment.get(departmentId)!
      await trx.table('conflict_suspensions').insert({
        organization_id: organizationId,
        kind,
        service_item_id: Number(row.id),
        project_id: bid ? Number(bid.project_id) : null,
        bid_id: bid ? Number(bid.bid_id) : null,
        department_id: departmentId,
        cause,
        via: affiliation.via,
        via_name: affiliation.name,
        created_at: sqlTime(clock.now()),
      })
      await recordAuditEvent(trx, {
        actor,
        action: kind === 'listing' ? 'integrity.listing_suspended' : 'integrity.bid_suspended',
        subjectType: 'organization',
        subjectId: organizationId,
        payload: {
          cause,
          item: row.code,
          departmentId,
          via: affiliation.via,
          viaUscc: affiliation.uscc,
          ...(bid ? { bidId: Number(bid.bid_id), project: bid.project_code } : {}),
        },
      })
      const regulators: { organization_id: SqlInteger }[] = await trx
        .from('users')
        .where('role', 'regulator')
        .where('department_id', departmentId)
        .distinct('organization_id')
      await notify(trx, {
        organizationIds: [
          organizationId,
          ...regulators.map((user) => Number(user.organization_id)),
        ],
        kind: 'integrity.suspended',
        projectId: bid ? Number(bid.project_id) : null,
        data: {
          agency: agency.name,
          item: `${row.code} ${row.name}`,
          department: row.department_name,
          what: kind,
          code: bid ? bid.project_code : '',
          via: affiliation.via,
          name: affiliation.name,
        },
      })
      made.push({ organizationId, kind, serviceItemId: Number(row.id) })
    }
  }
  return made
}

type ItemRow = {
  id: SqlInteger
  code: string
  name: string
  department_id: SqlInteger
  department_name: string
}
