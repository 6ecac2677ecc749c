/*
 * E-mail alerts of new announcements (订阅提醒): a user subscribes to items
 * and regions, and hears of each matching announcement at once (after the
 * publication commits) or in a daily digest sent by the tick at 08:00 Beijing
 * time. Alerts cover open announcements only: a direct selection is not an
 * invitation to everyone.
 */
import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import db from '@adonisjs/lucid/services/db'
import { refuseInput } from '#exceptions/invalid_input_exception'
import logger from '@adonisjs/core/services/logger'
import { DateTime } from 'luxon'
import AlertSubscription from '#models/alert_subscription'
import type User from '#models/user'
import { digestDueAt, isDigestDue, matchesAlert, type AlertFrequency } from '#domain/alerts'
import { formatDeadline } from '#domain/time_zone'
import { recordAuditEvent } from '#services/audit_log'
import { sendAlertMail, type AnnouncementRow } from '#services/alert_mail'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'

export type AlertInput = {
  itemCodes?: string[]
  regionCodes?: string[]
  frequency: AlertFrequency
}

/** Creates or replaces the user's subscription; unknown item codes are refused by name. */
export async function saveAlertSubscription(user: User, input: AlertInput) {
  const itemCodes = [...new Set(input.itemCodes ?? [])]
  const regionCodes = [...new Set(input.regionCodes ?? [])]
  if (itemCodes.length > 0) {
    const known: { code: string }[] = await db
      .from('service_items')
      .whereIn('code', itemCodes)
      .select('code')
    const unknown = itemCodes.filter((code) => !known.some((row) => row.code === code))
    if (unknown.length > 0) {
      refuseInput([
        {
          field: 'itemCodes',
          rule: 'alerts.unknownItems',
          identifier: 'alerts.unknownItems',
          data: { codes: unknown.join('、') },
        },
      ])
    }
  }
  return db.transaction(async (trx) => {
    const existing = await AlertSubscription.query({ client: trx })
      .where('user_id', user.id)
      .forUpdate()
      .first()
    const values = {
      itemCodes: JSON.stringify(itemCodes),
      regionCodes: JSON.stringify(regionCodes),
      frequency: input.frequency,
    }
    const subscription = existing
      ? existing.merge(values)
      : new AlertSubscription().merge({
          ...values,
          userId: user.id,
          // The first digest covers what is announced from now on.
          lastSentAt: DateTime.fromJSDate(clock.now()),
        })
    subscription.useTransaction(trx)
    await subscription.save()
    await recordAuditEvent(trx, {
      actor: user,
      action: 'alert.subscribed',
      subjectType: 'user',
      subjectId: user.id,
      payload: { itemCodes, regionCodes, frequency: input.frequency },
    })
    return subscription
  })
}

export async function removeAlertSubscription(user: User) {
  return db.transaction(async (trx) => {
    const removed = await trx.from('alert_subscriptions').where('user_id', user.id).delete()
    const count = Number(Array.isArray(removed) ? removed[0] : removed)
    if (count > 0) {
      await recordAuditEvent(trx, {
        actor: user,
        action: 'alert.unsubscribed',
        subjectType: 'user',
        subjectId: user.id,
        payload: {},
      })
    }
    return count > 0
  })
}

/** Open announcements published in (from, to], oldest first. */
async function announcementsBetween(from: Date | null, to: Date): Promise<AnnouncementRow[]> {
  const rows: {
    id: SqlInteger
    code: string
    title: string
    region_code: string
    response_deadline: SqlTimestamp
    item_code: string
    item_name: string
  }[] = await db
    .from('projects as p')
    .join('service_items as s', 's.id', 'p.service_item_id')
    .whereNot('p.method', 'direct')
    .whereNotNull('p.published_at')
    .whereIn('p.status', ['published', 'opened', 'publicity', 'awarded'])
    .if(from, (query) => query.where('p.published_at', '>', sqlTime(from!)))
    .where('p.published_at', '<=', sqlTime(to))
    .orderBy('p.published_at')
    .limit(500)
    .select(
      'p.id',
      'p.code',
      'p.title',
      'p.region_code',
      'p.response_deadline',
      's.code as item_code',
      's.name as item_name'
    )
  return rows.map((row) => ({
    id: Number(row.id),
    code: row.code,
    title: row.title,
    itemCode: row.item_code,
    itemName: row.item_name,
    regionCode: row.region_code,
    deadline: formatDeadline(row.response_deadline),
  }))
}

async function subscribersWith(frequency: AlertFrequency, lastSentBefore?: Date) {
  return AlertSubscription.query()
    .where('frequency', frequency)
    .if(lastSentBefore, (query) =>
      query.where((where) =>
        where
          .whereNull('alert_subscriptions.last_sent_at')
          .orWhere('alert_subscriptions.last_sent_at', '<', sqlTime(lastSentBefore!))
      )
    )
    .join('users', 'users.id', 'alert_subscriptions.user_id')
    .select('alert_subscriptions.*', 'users.email as email', 'users.full_name as full_name')
}

/** After a publication commits: every immediate subscription it matches gets an e-mail. */
export async function sendImmediateAlerts(projectId: number) {
  try {
    return await immediateAlerts(projectId)
  } catch (error) {
    logger.error({ err: error, projectId }, 'immediate alerts failed')
    return 0
  }
}

async function immediateAlerts(projectId: number) {
  const [announcement] = await announcementsBetween(null, clock.now()).then((rows) =>
    rows.filter((row) => row.id === projectId)
  )
  if (!announcement) return 0
  let sent = 0
  for (const subscription of await subscribersWith('immediate')) {
    const filter = {
      itemCodes: subscription.itemCodeList,
      regionCodes: subscription.regionCodeList,
    }
    if (!matchesAlert(announcement, filter)) continue
    await sendAlertMail(
      { email: subscription.$extras.email, fullName: subscription.$extras.full_name },
      [announcement],
      false
    )
    sent += 1
  }
  return sent
}

/**
 * Tick: each daily subscription whose digest is due gets the matching
 * announcements since its last digest (none → no e-mail). The row is locked
 * and its `last_sent_at` moved in one transaction, so two ticks never send
 * the same digest twice.
 */
export async function sendDueDigests() {
  const now = clock.now()
  const due = digestDueAt(now)
  if (!due) return 0
  let sent = 0
  for (const candidate of await subscribersWith('daily', due)) {
    if (!isDigestDue(now, candidate.lastSentAt?.toJSDate() ?? null)) continue
    // Claim the digest first (row lock, moved mark), then read the announcements it covers.
    const since = await db.transaction(async (trx) => {
      const locked = await AlertSubscription.query({ client: trx })
        .where('id', candidate.id)
        .forUpdate()
        .first()
      if (!locked || !isDigestDue(now, locked.lastSentAt?.toJSDate() ?? null)) return undefined
      const previous = locked.lastSentAt?.toJSDate() ?? null
      locked.lastSentAt = DateTime.fromJSDate(now)
      await locked.save()
      return previous
    })
    if (since === undefined) continue
    const filter = { itemCodes: candidate.itemCodeList, regionCodes: candidate.regionCodeList }
    const announced = await announcementsBetween(since, now)
    const matching = announced.filter((row) => matchesAlert(row, filter))
    if (matching.length === 0) continue
    await sendAlertMail(
      { email: candidate.$extras.email, fullName: candidate.$extras.full_name },
      matching,
      true
    )
    sent += 1
  }
  return sent
}
