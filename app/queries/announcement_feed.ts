/*
 * The announcements feed (公告订阅): the latest publications, results
 * (中选公示), contract notices (合同公示) and cancellations (终止公告), filtered
 * by item and region like the directory, read from the audit log so that each
 * notice is one entry with a stable id. Quotes appear only in results, which
 * exist only after opening.
 */
import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import openData from '#config/open_data'
import { beijingTime, roundAt, yuanText, type OcdsEvent } from '#domain/ocds'
import type { AtomEntry, AtomFeed } from '#domain/atom'
import { isoOf, projectFacts } from '#queries/ocds'
import { clock } from '#services/clock'

const KINDS = {
  'project.published': 'announcement',
  'project.publicity_started': 'result',
  'project.cancelled': 'cancellation',
  'contract.signed': 'contract',
} as const

export type FeedFilters = { item?: string; region?: string }

/** A province (XX0000) includes its cities, a city (XXXX00) its districts, as in the directory. */
function applyFilters(query: DatabaseQueryBuilderContract, filters: FeedFilters) {
  if (filters.item) {
    query.whereIn('p.service_item_id', (sub) =>
      sub.from('service_items').where('code', filters.item!).select('id')
    )
  }
  const region = filters.region
  if (region?.endsWith('0000')) query.where('p.region_code', 'like', `${region.slice(0, 2)}%`)
  else if (region?.endsWith('00')) query.where('p.region_code', 'like', `${region.slice(0, 4)}%`)
  else if (region) query.where('p.region_code', region)
  return query
}

type FeedEventRow = {
  id: SqlInteger
  action: string
  occurred_at: SqlTimestamp
  subject_type: string
  subject_id: string
  payload: string
  project_id: SqlInteger
}

/** The latest notices matching the filters, newest first: two queries for the events. */
async function latestEvents(filters: FeedFilters, limit: number) {
  const columns = [
    'e.id',
    'e.action',
    'e.occurred_at',
    'e.subject_type',
    'e.subject_id',
    'e.payload',
  ]
  const [projectEvents, contractEvents] = (await Promise.all([
    applyFilters(
      db
        .from('audit_events as e')
        .join('projects as p', 'p.id', 'e.subject_id')
        .where('e.subject_type', 'project')
        .whereIn('e.action', [
          'project.published',
          'project.publicity_started',
          'project.cancelled',
        ]),
      filters
    )
      .orderBy('e.id', 'desc')
      .limit(limit)
      .select(...columns, 'p.id as project_id'),
    applyFilters(
      db
        .from('audit_events as e')
        .join('contracts as c', 'c.id', 'e.subject_id')
        .join('projects as p', 'p.id', 'c.project_id')
        .where('e.subject_type', 'contract')
        .where('e.action', 'contract.signed'),
      filters
    )
      .orderBy('e.id', 'desc')
      .limit(limit)
      .select(...columns, 'p.id as project_id'),
  ])) as [FeedEventRow[], FeedEventRow[]]
  return [...projectEvents, ...contractEvents]
    .sort((a, b) => Number(b.id) - Number(a.id))
    .slice(0, limit)
    .map((row) => ({
      projectId: Number(row.project_id),
      event: {
        id: Number(row.id),
        action: row.action,
        date: isoOf(row.occurred_at),
        subjectType: row.subject_type,
        subjectId: String(row.subject_id),
        payload: JSON.parse(row.payload),
      } satisfies OcdsEvent,
    }))
}

/** The feed document's content: at most `limit` entries, in Chinese. */
export async function announcementFeed(filters: FeedFilters, limit = 50): Promise<AtomFeed> {
  const i18n = i18nManager.locale('zh-CN')
  const t = (key: string, data?: Record<string, string>) =>
    i18n.t(`messages.openData.feed.${key}`, data)
  const events = await latestEvents(filters, limit)
  const facts = await projectFacts([...new Set(events.map((entry) => entry.projectId))])
  const base = openData.baseUrl
  const entries: AtomEntry[] = []
  for (const { projectId, event } of events) {
    const fact = facts.get(projectId)
    if (!fact) continue
    const kind = KINDS[event.action as keyof typeof KINDS]
    const { project, owner, item } = fact
    let summary: string
    if (kind === 'announcement') {
      summary = t('announcement', {
        code: project.code,
        item: `${item.code} ${item.name}`,
        method: i18n.t(`messages.projectPages.methods.${project.method}`),
        ceiling: yuanText(project.ceilingPriceFen),
        deadline: event.payload.deadline ? beijingTime(String(event.payload.deadline)) : '',
        owner: owner.name,
      })
    } else if (kind === 'result') {
      const winnerId = Number(event.payload.winnerOrganizationId)
      const winner = fact.organizations.get(winnerId)
      const round = roundAt(fact.events, event.id)
      const bid = fact.bids.find(
        (entry) => entry.round === round && entry.organizationId === winnerId
      )
      summary = t('result', {
        code: project.code,
        agency: winner?.name ?? '',
        uscc: winner?.uscc ?? '',
        quote: bid ? yuanText(bid.quoteFen) : '',
        until: event.payload.publicityEndsAt
          ? beijingTime(String(event.payload.publicityEndsAt))
          : '',
      })
    } else if (kind === 'contract') {
      const contract = fact.contracts.get(Number(event.subjectId))
      const agency = contract ? fact.organizations.get(contract.organizationId) : undefined
      summary = t('contract', {
        code: project.code,
        owner: owner.name,
        agency: agency?.name ?? '',
        item: item.name,
        price: contract ? yuanText(contract.priceFen) : '',
        days: contract ? String(contract.timeLimitWorkingDays) : '',
        signedAt: beijingTime(event.date),
      })
    } else {
      summary = t('cancellation', {
        code: project.code,
        reason: String(event.payload.reason ?? ''),
      })
    }
    const label = t(`kinds.${kind}`)
    entries.push({
      // One entry per notice, for ever: the audit event's id never changes.
      id: `${base}/projects/${project.id}#notice-${event.id}`,
      title: t('entryTitle', { kind: label, title: project.title }),
      updated: event.date,
      published: event.date,
      link: `${base}/projects/${project.id}`,
      summary,
      author: owner.name,
      category: { term: kind, label },
    })
  }
  const query = new URLSearchParams({
    ...(filters.item ? { item: filters.item } : {}),
    ...(filters.region ? { region: filters.region } : {}),
  }).toString()
  const self = `${base}/feeds/announcements.atom${query ? `?${query}` : ''}`
  return {
    id: self,
    title: t('title'),
    subtitle: t('subtitle'),
    updated: entries[0]?.updated ?? clock.now().toISOString(),
    selfLink: self,
    alternateLink: `${base}/projects`,
    author: { name: openData.publisherName, uri: base },
    entries,
  }
}
