import type { I18n } from '@adonisjs/i18n'
import { formatFen } from '#domain/money'

/*
 * An audit log entry as a regulator reads it: the event's Chinese name, the
 * role of whoever acted, and what changed as labelled lines; the canonical
 * JSON stays available behind a "details" toggle (it is what the hash chain
 * covers, so it is shown exactly as stored).
 */

export type AuditRow = {
  id: number
  occurredAt: Date
  action: string
  subjectType: string
  subjectId: string
  actorName: string | null
  actorRole: string | null
  payload: string
  hash: string
}

export type SummaryLine = { label: string; value: string }

const SUMMARY_LINES = 8
const VALUE_LENGTH = 120

function label(i18n: I18n, key: string, fallback: string) {
  return i18n.hasMessage(key) ? i18n.t(key) : fallback
}

/** The Chinese name of an event, or the code itself for an event without one. */
export function auditActionName(i18n: I18n, action: string) {
  return label(i18n, `console.audit.actions.${action}`, action)
}

function shorten(text: string) {
  return text.length > VALUE_LENGTH ? `${text.slice(0, VALUE_LENGTH)}…` : text
}

function valueText(i18n: I18n, key: string, value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'boolean') return i18n.t(value ? 'console.audit.yes' : 'console.audit.no')
  if (typeof value === 'number' && /Fen$/.test(key)) return formatFen(value)
  if (typeof value === 'string') {
    if (key === 'status' || key === 'from' || key === 'to') {
      return label(i18n, `messages.projectPages.status.${value}`, value)
    }
    if (key === 'role') return label(i18n, `messages.roles.${value}`, value)
    return shorten(value)
  }
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item !== 'object' || item === null)) {
      return shorten(value.join('、') || '—')
    }
    return i18n.t('console.audit.items', { count: value.length })
  }
  if (typeof value === 'object') return shorten(JSON.stringify(value))
  return String(value)
}

/** The payload as labelled lines (the first few keys), in the order it was written. */
export function auditSummary(i18n: I18n, payload: string): SummaryLine[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(payload)
  } catch {
    return []
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return []
  return Object.entries(parsed as Record<string, unknown>)
    .slice(0, SUMMARY_LINES)
    .map(([key, value]) => ({
      label: label(i18n, `console.audit.fields.${key}`, key),
      value: valueText(i18n, key, value),
    }))
}

/** The JSON behind the toggle, indented for reading. */
function prettyJson(payload: string) {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2)
  } catch {
    return payload
  }
}

export function presentAuditEvent(i18n: I18n, row: AuditRow) {
  return {
    id: row.id,
    occurredAt: row.occurredAt,
    action: row.action,
    actionName: auditActionName(i18n, row.action),
    subjectType: row.subjectType,
    subjectName: label(i18n, `console.audit.subjects.${row.subjectType}`, row.subjectType),
    subjectId: row.subjectId,
    actor: row.actorName
      ? `${row.actorName}（${label(i18n, `messages.roles.${row.actorRole}`, row.actorRole ?? '')}）`
      : null,
    summary: auditSummary(i18n, row.payload),
    payloadJson: prettyJson(row.payload),
    hash: row.hash,
  }
}
