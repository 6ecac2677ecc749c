/*
 * Edge helpers shared by every page: presentation only, no business rules.
 * Money is integer fen shown as ¥1,234.56; times are stored in UTC and shown
 * in Asia/Shanghai.
 */
import edge from 'edge.js'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { DateTime } from 'luxon'
import { regionName } from '#domain/regions'
import { gradeForScore } from '#domain/credit'
import { DISPLAY_ZONE } from '#domain/time_zone'
import { clock } from '#services/clock'
import { gradeCutoffsShown } from '#services/market_rules'

export function formatDateTime(
  value: string | Date | DateTime | null | undefined,
  locale = 'zh-CN'
) {
  if (!value) return ''
  const moment =
    value instanceof DateTime
      ? value
      : value instanceof Date
        ? DateTime.fromJSDate(value)
        : DateTime.fromISO(value)
  return moment.setZone(DISPLAY_ZONE).setLocale(locale).toFormat('yyyy-MM-dd HH:mm')
}

export function formatFen(fen: number | null | undefined) {
  if (fen === null || fen === undefined) return ''
  const sign = fen < 0 ? '-' : ''
  const yuan = Math.floor(Math.abs(fen) / 100)
  const cents = String(Math.abs(fen) % 100).padStart(2, '0')
  return `${sign}¥${yuan.toLocaleString('en-US')}.${cents}`
}

if (env.get('VIEW_CACHE', app.inProduction)) edge.configure({ cache: true })

edge.global('regionName', regionName)
// Grades by the cut-offs in force (the rule parameters).
edge.global('gradeForScore', (score: number) => gradeForScore(score, gradeCutoffsShown()))
edge.global('formatDateTime', formatDateTime)
edge.global('formatFen', formatFen)
// The market's clock (not the server's wall clock): countdowns count from it.
edge.global('marketNow', () => clock.now())
