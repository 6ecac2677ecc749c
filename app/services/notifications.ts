/*
 * Notifications (SPEC "Notifications"): one in-app row per recipient
 * organisation, written in the caller's transaction, and one e-mail per user
 * of those organisations, queued only once that transaction has committed, so
 * that a rolled-back transition tells nobody anything.
 */
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import edge from 'edge.js'
import { DateTime } from 'luxon'
import type { I18n } from '@adonisjs/i18n'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { appUrl } from '#config/app'
import { DISPLAY_ZONE } from '#domain/time_zone'
import { clock } from '#services/clock'

export const NOTIFICATION_KINDS = [
  'project.published',
  'project.opened',
  'project.failed',
  'project.needs_owner',
  'bid.abnormally_low',
  'project.publicity',
  'project.awarded',
  'objection.filed',
  'objection.decided',
  'objection.overdue',
  'direct.requested',
  'consortium.requested',
  'consortium.answered',
  'contract.generated',
  'contract.changed',
  'contract.signature_given',
  'contract.signed',
  'contract.unsigned',
  'contract.terminated',
  'termination.contested',
  'termination.settled',
  'termination.overdue',
  'service.paused',
  'service.resumed',
  'service.delivered',
  'service.accepted',
  'service.returned',
  'service.overdue',
  'evaluation.received',
  'follow_up.opened',
  'credit.appeal_filed',
  'credit.appeal_decided',
  'credit.appeal_overdue',
  'complaint.filed',
  'complaint.assigned',
  'complaint.reminder',
  'complaint.overdue',
  'complaint.answered',
  'integrity.suspended',
  'inspection.drawn',
  'inspection.result',
  'project.exempted',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** Placeholder values of a kind's title and body (resources/lang/<locale>/notifications.json). */
export type NotificationData = Record<string, string | number | null>

/**
 * The placeholders each kind's texts use; a missing one shows as "—".
 * `deadline` is best an ISO 8601 instant, shown as yyyy-MM-dd HH:mm in
 * Beijing time; other text is shown as given. `reason` and `outcome` are keys
 * the texts translate (project.failed: too_few_responses; needs_owner: pick,
 * owner_decision, plan_scores, direct_declined, direct_expired;
 * objection.decided: upheld, rejected); any other value is shown as given.
 */
export const NOTIFICATION_PLACEHOLDERS = {
  'project.published': ['code', 'title', 'item', 'deadline'],
  'project.opened': ['code', 'title'],
  'project.failed': ['code', 'title', 'reason'],
  'project.needs_owner': ['code', 'title', 'reason', 'deadline'],
  'bid.abnormally_low': ['code', 'title', 'deadline'],
  'project.publicity': ['code', 'title', 'deadline'],
  'project.awarded': ['code', 'title', 'agency'],
  'objection.filed': ['code', 'title', 'agency'],
  'objection.decided': ['code', 'title', 'outcome'],
  'objection.overdue': ['code', 'title', 'deadline'],
  'direct.requested': ['code', 'title', 'deadline'],
  // agency: the lead (requested) or the member (answered); never a quote.
  'consortium.requested': ['code', 'title', 'agency', 'deadline'],
  'consortium.answered': ['code', 'title', 'agency', 'outcome'],
  'contract.generated': ['code', 'title', 'deadline'],
  'contract.changed': ['code', 'title'],
  'contract.signature_given': ['code', 'title'],
  'contract.signed': ['code', 'title'],
  'contract.unsigned': ['code', 'title'],
  // ground: breach, agreement, force_majeure; deadline: the end of the contest window.
  'contract.terminated': ['code', 'title', 'reason', 'ground', 'deadline'],
  'termination.contested': ['code', 'title', 'reason', 'deadline'],
  // outcome: agreed, lapsed, upheld, rejected; scope: unaccepted, all, none.
  'termination.settled': ['code', 'title', 'outcome', 'scope'],
  'termination.overdue': ['code', 'title', 'deadline'],
  'service.paused': ['code', 'title', 'reason'],
  'service.resumed': ['code', 'title', 'deadline'],
  'service.delivered': ['code', 'title'],
  'service.accepted': ['code', 'title'],
  'service.returned': ['code', 'title', 'reason'],
  'service.overdue': ['code', 'title'],
  'evaluation.received': ['code', 'title'],
  'follow_up.opened': ['code', 'title'],
  'credit.appeal_filed': ['deadline'],
  'credit.appeal_decided': ['outcome', 'reason'],
  'credit.appeal_overdue': ['deadline'],
  // number: the complaint's id; category and outcome are keys the texts translate.
  'complaint.filed': ['number', 'category', 'deadline'],
  'complaint.assigned': ['number', 'category', 'deadline'],
  'complaint.reminder': ['number', 'category', 'deadline'],
  'complaint.overdue': ['number', 'category', 'deadline'],
  'complaint.answered': ['number', 'outcome'],
  // what: listing or bid; code: the project's (bids only); via: self, sponsor, shareholder.
  'integrity.suspended': ['agency', 'item', 'department', 'what', 'code', 'via', 'name'],
  // plan: the inspection plan's name; outcome: qualified, rectification or case_opened.
  'inspection.drawn': ['plan', 'date'],
  'inspection.result': ['plan', 'outcome'],
  // exemption: natural_disaster, accident_emergency or state_secret; reason: as published.
  'project.exempted': ['code', 'title', 'exemption', 'reason'],
} as const satisfies Record<NotificationKind, readonly string[]>

export type Notice = {
  /** The recipient organisations: every user of each one gets the e-mail. */
  organizationIds: number[]
  kind: NotificationKind
  projectId?: number | null
  data: NotificationData
}

// Rows per INSERT and ids per IN list: far below SQLite's bound-parameter limit.
const BATCH = 500
const MISSING = '—'

/**
 * Notifies organisations inside the caller's transaction: the rows are part
 * of the transition, the e-mails leave only after it commits. Mail failures
 * are logged, never thrown into the request.
 */
export async function notify(trx: TransactionClientContract, notice: Notice) {
  const organizationIds = [...new Set(notice.organizationIds)]
  if (organizationIds.length === 0) return

  const createdAt = sqlTimestamp(trx)
  const data = JSON.stringify(notice.data)
  const recipients: Recipient[] = []
  for (let start = 0; start < organizationIds.length; start += BATCH) {
    const batch = organizationIds.slice(start, start + BATCH)
    await trx.table('notifications').multiInsert(
      batch.map((organizationId) => ({
        organization_id: organizationId,
        kind: notice.kind,
        project_id: notice.projectId ?? null,
        data,
        read_at: null,
        created_at: createdAt,
      }))
    )
    recipients.push(
      ...(await trx
        .from('users')
        .whereIn('organization_id', batch)
        .orderBy('id')
        .select('email', 'full_name as fullName'))
    )
  }
  const project = notice.projectId ? { id: notice.projectId } : null

  trx.after('commit', () => queueEmails(notice, recipients, project))
}

/** The organisations of every regulator: who hears of objections, bad ratings, appeals, complaints. */
export async function regulatorOrganizationIds(trx: TransactionClientContract) {
  const rows = await trx.from('organizations').where('kind', 'regulator').select('id')
  return rows.map((row: { id: number }) => Number(row.id))
}

/** The listed agencies offering a service item: who hears of a new project on it. */
export async function organizationsOfferingItem(
  serviceItemId: number,
  trx?: TransactionClientContract
): Promise<number[]> {
  const rows = await (trx ?? db)
    .from('agency_service_items')
    .where('service_item_id', serviceItemId)
    .where('listed', true)
    .orderBy('organization_id')
    .select('organization_id')
  return rows.map((row) => Number(row.organization_id))
}

/**
 * Marks an organisation's notifications read: the given ids (ids of other
 * organisations are ignored), or all of them. Returns how many were unread.
 */
export async function markNotificationsRead(organizationId: number, ids?: number[]) {
  if (ids && ids.length === 0) return 0
  const changed = await db
    .from('notifications')
    .where('organization_id', organizationId)
    .whereNull('read_at')
    .if(ids, (query) => query.whereIn('id', ids!))
    .update({ read_at: sqlTimestamp(db.connection()) })
  return Number(Array.isArray(changed) ? changed[0] : changed)
}

/** Title and body of a notification in the reader's language. */
export function notificationText(i18n: I18n, kind: NotificationKind, data: NotificationData) {
  const values: Record<string, string | number> = {}
  for (const name of NOTIFICATION_PLACEHOLDERS[kind] ?? []) values[name] = MISSING
  for (const [name, value] of Object.entries(data)) {
    if (value !== null && value !== '') values[name] = value
  }
  if (typeof data.deadline === 'string') values.deadline = displayTime(data.deadline, i18n.locale)
  return {
    title: i18n.t(`notifications.${kind}.title`, values),
    body: i18n.t(`notifications.${kind}.body`, values),
  }
}

/** The public page of a project (`projects.show` matches numeric ids). */
export function projectPath(project: { id: number }) {
  return `/projects/${project.id}`
}

type Recipient = { email: string; fullName: string }

/**
 * Renders the message once (in Chinese: users have no language setting yet)
 * and queues one e-mail per user; the mail queue sends them in the background.
 */
async function queueEmails(
  notice: Notice,
  recipients: Recipient[],
  project: { id: number } | null
) {
  if (recipients.length === 0) return
  let message: { subject: string; html: string; text: string }
  try {
    const i18n = i18nManager.locale(i18nManager.defaultLocale)
    const { title, body } = notificationText(i18n, notice.kind, notice.data)
    const url = project ? new URL(projectPath(project), appUrl).toString() : null
    const html = await edge.render('emails/notification', { i18n, title, body, url })
    const text = [title, '', body, ...(url ? ['', url] : [])].join('\n')
    message = { subject: title, html, text }
  } catch (error) {
    logger.error({ err: error, kind: notice.kind }, 'notification e-mail could not be rendered')
    return
  }
  for (const recipient of recipients) {
    try {
      await mail.sendLater((mailMessage) => {
        mailMessage
          .to(recipient.email, recipient.fullName)
          .subject(message.subject)
          .html(message.html)
          .text(message.text)
      })
    } catch (error) {
      logger.error(
        { err: error, kind: notice.kind, to: recipient.email },
        'notification e-mail could not be queued'
      )
    }
  }
}

/** Now, in UTC, as the column text Lucid itself writes and reads back. */
function sqlTimestamp(client: QueryClientContract) {
  return DateTime.fromJSDate(clock.now(), { zone: 'utc' }).toFormat(client.dialect.dateTimeFormat)
}

/** An ISO instant in Beijing time; anything else (a date, preformatted text) as given. */
function displayTime(iso: string, locale: string) {
  if (!/T\d{2}:\d{2}/.test(iso)) return iso
  const moment = DateTime.fromISO(iso, { zone: 'utc' })
  if (!moment.isValid) return iso
  return moment.setZone(DISPLAY_ZONE).setLocale(locale).toFormat('yyyy-MM-dd HH:mm')
}
