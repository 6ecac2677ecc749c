import db from '@adonisjs/lucid/services/db'
import type { SqlInteger } from '#services/sql_rows'
import type User from '#models/user'
import type Department from '#models/department'
import DepartmentAffiliate from '#models/department_affiliate'
import type { AffiliateRelation } from '#domain/affiliations'
import { refuseInput } from '#exceptions/invalid_input_exception'
import StateConflictException from '#exceptions/state_conflict_exception'
import { recordAuditEvent } from '#services/audit_log'
import { clock } from '#services/clock'
import { DateTime } from 'luxon'
import { suspendConflicts } from '#actions/integrity/conflicts'

/**
 * A regulator enters in the public register an organisation the department
 * sponsors, supervises or owns (by USCC), with a reason. Every agency that is
 * now affiliated through it — the organisation itself, an agency it sponsors
 * or supervises, an agency it holds shares in — has its listings and open
 * bids on the department's items suspended in the same transaction, and is
 * told, as are the department's regulators.
 */
export async function addAffiliate(
  department: Department,
  input: { uscc: string; name: string; relation: AffiliateRelation; reason: string },
  actor: User
) {
  const existing = await DepartmentAffiliate.query()
    .where('department_id', department.id)
    .where('uscc', input.uscc)
    .whereNull('removed_at')
    .first()
  if (existing) {
    refuseInput([
      {
        field: 'uscc',
        rule: 'register.duplicate',
        identifier: 'integrity.register.duplicate',
        data: { uscc: input.uscc },
      },
    ])
  }
  return db.transaction(async (trx) => {
    const entry = await DepartmentAffiliate.create(
      {
        departmentId: department.id,
        uscc: input.uscc,
        name: input.name,
        relation: input.relation,
        addedReason: input.reason,
        addedByUserId: actor.id,
      },
      { client: trx }
    )
    await recordAuditEvent(trx, {
      actor,
      action: 'register.entry_added',
      subjectType: 'department',
      subjectId: department.id,
      payload: {
        uscc: input.uscc,
        name: input.name,
        relation: input.relation,
        reason: input.reason,
      },
    })
    // The agencies it may touch: by their own USCC, a sponsor's, a
    // shareholder's (read from the declarations; the rule decides).
    const own: { id: SqlInteger }[] = await trx
      .from('organizations')
      .where('uscc', input.uscc)
      .where('kind', 'agency')
      .select('id')
    const declared: { organization_id: SqlInteger }[] = await trx
      .from('agency_declarations')
      .where('sponsor_uscc', input.uscc)
      .orWhere('shareholders', 'like', `%"uscc":"${input.uscc}"%`)
      .distinct('organization_id')
    const suspended = await suspendConflicts(
      trx,
      [...own.map((row) => Number(row.id)), ...declared.map((row) => Number(row.organization_id))],
      'register',
      actor
    )
    return { entry, suspended }
  })
}

/** A regulator takes an entry off the register, with a reason; it stays in the history. */
export async function removeAffiliate(entry: DepartmentAffiliate, reason: string, actor: User) {
  return db.transaction(async (trx) => {
    const locked = await DepartmentAffiliate.query({ client: trx })
      .where('id', entry.id)
      .forUpdate()
      .firstOrFail()
    if (locked.removedAt) {
      throw new StateConflictException({ identifier: 'integrity.register.alreadyRemoved' })
    }
    locked.merge({
      removedAt: DateTime.fromJSDate(clock.now()),
      removedReason: reason,
      removedByUserId: actor.id,
    })
    await locked.save()
    await recordAuditEvent(trx, {
      actor,
      action: 'register.entry_removed',
      subjectType: 'department',
      subjectId: locked.departmentId,
      payload: { uscc: locked.uscc, name: locked.name, relation: locked.relation, reason },
    })
    return locked
  })
}
