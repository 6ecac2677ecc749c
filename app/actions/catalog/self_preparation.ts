import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type User from '#models/user'
import type Organization from '#models/organization'
import ServiceItem from '#models/service_item'
import SelfPreparation from '#models/self_preparation'
import { recordAuditEvent } from '#services/audit_log'
import { refuseInput } from '#exceptions/invalid_input_exception'
import StateConflictException from '#exceptions/state_conflict_exception'
import { selfPreparationRefusal } from '#domain/service_guide'
import { clock } from '#services/clock'

export type SelfPreparationInput = {
  serviceItemCode: string
  title: string
  investmentProjectCode?: string | null
  region?: string
  statement: string
}

/**
 * 允许企业自主编制: the owner records that it prepares the item itself
 * instead of selecting an agency. Guarded by the item's current version (it
 * must be active and marked may-self-prepare, read under lock so that a
 * revision cannot slip between), kept with that version, in the audit log.
 * A mandatory or retired item is refused at the item field, with the reason.
 */
export async function recordSelfPreparation(
  owner: Organization,
  input: SelfPreparationInput,
  actor: User
) {
  return db.transaction(async (trx) => {
    const item = await ServiceItem.query({ client: trx })
      .where('code', input.serviceItemCode)
      .forUpdate()
      .first()
    if (!item) {
      return refuseInput([
        { field: 'serviceItemCode', rule: 'exists', identifier: 'messages.selfPreparation.item' },
      ])
    }
    const refusal = selfPreparationRefusal({
      status: item.status,
      provision: item.serviceGuide.provision,
    })
    if (refusal) {
      return refuseInput([
        {
          field: 'serviceItemCode',
          rule: `selfPreparation.${refusal}`,
          identifier: `messages.selfPreparation.refusals.${refusal}`,
        },
      ])
    }
    const record = await SelfPreparation.create(
      {
        ownerOrganizationId: owner.id,
        serviceItemId: item.id,
        serviceItemVersion: item.version,
        title: input.title,
        investmentProjectCode: input.investmentProjectCode || null,
        regionCode: input.region ?? owner.regionCode,
        statement: input.statement,
        status: 'recorded',
        recordedByUserId: actor.id,
      },
      { client: trx }
    )
    await recordAuditEvent(trx, {
      actor,
      action: 'self_preparation.recorded',
      subjectType: 'self_preparation',
      subjectId: record.id,
      payload: {
        ownerOrganizationId: owner.id,
        serviceItem: item.code,
        serviceItemVersion: item.version,
        title: record.title,
      },
    })
    return Object.assign(record, { serviceItem: item })
  })
}

/** recorded → withdrawn, with the owner's reason; a withdrawn record stays as it was. */
export async function withdrawSelfPreparation(
  record: SelfPreparation,
  reason: string,
  actor: User
) {
  return db.transaction(async (trx) => {
    const locked = await SelfPreparation.query({ client: trx })
      .where('id', record.id)
      .forUpdate()
      .firstOrFail()
    if (locked.status !== 'recorded') {
      throw new StateConflictException({
        identifier: 'messages.selfPreparation.refusals.notRecorded',
      })
    }
    locked.merge({
      status: 'withdrawn',
      withdrawnAt: DateTime.fromJSDate(clock.now()),
      withdrawReason: reason,
    })
    await locked.save()
    await recordAuditEvent(trx, {
      actor,
      action: 'self_preparation.withdrawn',
      subjectType: 'self_preparation',
      subjectId: locked.id,
      payload: { reason },
    })
    return locked
  })
}
