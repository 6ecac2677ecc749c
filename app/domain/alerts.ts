/*
 * E-mail alerts (订阅提醒): which announcements a subscription asks for, and
 * when a daily digest is due. Pure functions; the tick and the publication
 * step call them.
 */
import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#domain/time_zone'

export const ALERT_FREQUENCIES = ['immediate', 'daily'] as const
export type AlertFrequency = (typeof ALERT_FREQUENCIES)[number]

/** Digests leave at 08:00 Beijing time, with what was announced since the last one. */
export const DIGEST_HOUR = 8

export type AlertFilter = { itemCodes: readonly string[]; regionCodes: readonly string[] }
export type Announcement = { itemCode: string; regionCode: string }

/** A province (XX0000) includes its cities and districts, a city (XXXX00) its districts. */
export function regionIncludes(region: string, code: string) {
  if (region.endsWith('0000')) return code.slice(0, 2) === region.slice(0, 2)
  if (region.endsWith('00')) return code.slice(0, 4) === region.slice(0, 4)
  return code === region
}

/** An announcement matches when its item and its region are among those chosen (none = all). */
export function matchesAlert(announcement: Announcement, filter: AlertFilter) {
  const itemOk = filter.itemCodes.length === 0 || filter.itemCodes.includes(announcement.itemCode)
  const regionOk =
    filter.regionCodes.length === 0 ||
    filter.regionCodes.some((region) => regionIncludes(region, announcement.regionCode))
  return itemOk && regionOk
}

/**
 * The moment the digest covering `now` is due: today's 08:00 in Beijing, or
 * null when it is not yet 08:00 there. A digest is sent when it is due and the
 * last one went out before that moment.
 */
export function digestDueAt(now: Date): Date | null {
  const local = DateTime.fromJSDate(now).setZone(DISPLAY_ZONE)
  const due = local.startOf('day').set({ hour: DIGEST_HOUR })
  return local < due ? null : due.toJSDate()
}

export function isDigestDue(now: Date, lastSentAt: Date | null) {
  const due = digestDueAt(now)
  return due !== null && (lastSentAt === null || lastSentAt < due)
}
