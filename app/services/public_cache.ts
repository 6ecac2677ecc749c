/*
 * The cache of the public lists (config/cache.ts): what anyone reads far more
 * often than anyone writes — the catalog, the home page's figures, the agency
 * directory and the project list, for the pages and the API alike. It holds
 * data (plain rows), never a rendered page: the CSRF token, the signed-in
 * user and the language are added at each request.
 *
 * Every write that changes a list invalidates its tag once its transaction
 * has committed: never before (a reader would cache the old rows again) and
 * never data of an uncommitted transaction (the lists are read outside any
 * transaction). The TTL is a safety net only.
 */
import cache from '@adonisjs/cache/services/main'
import logger from '@adonisjs/core/services/logger'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'
import { onSiblingMessage, publishToSiblings } from '#services/process_bus'

/**
 * - catalog: the service items (catalog pages, item pickers, API);
 * - directory: listed agencies with their items, grades and bans;
 * - projects: the public project list;
 * - figures: the counts on the home page.
 */
export type PublicListTag = 'catalog' | 'directory' | 'projects' | 'figures'

/**
 * The public parts of one record's page (cachedPagePart): the project page
 * (its facts, bids once opened, objections, contract notice) and the agency
 * page (its record, credit, qualifications, practitioners…); `calendar`: the
 * parts whose deadlines count working days (marked 暂定 without the year's
 * official schedule).
 */
export type PublicRecordTag = `project:${number}` | `agency:${number}` | 'calendar'
export type PublicTag = PublicListTag | PublicRecordTag

const LIST_TAGS = new Set<string>(['catalog', 'directory', 'projects', 'figures'])
const isListTag = (tag: string): tag is PublicListTag => LIST_TAGS.has(tag)
const isPublicTag = (tag: unknown): tag is PublicTag =>
  typeof tag === 'string' && (isListTag(tag) || /^((project|agency):\d+|calendar)$/.test(tag))

/** The tag of a project's page parts. */
export const projectTag = (id: number | string): PublicRecordTag => `project:${Number(id)}`
/** The tag of an agency's page parts. */
export const agencyTag = (id: number | string): PublicRecordTag => `agency:${Number(id)}`

/** The cache lives in this process's memory only (no Redis): see the process bus below. */
const memoryOnly = env.get('CACHE_STORE', env.get('REDIS_URL') ? 'redis' : 'memory') === 'memory'

/** How long a list may live without a write invalidating it (changes that come with time). */
export const PUBLIC_LIST_TTL = '60s'

/**
 * Invalidations seen by this process, per tag. A list computed while one of
 * its tags was invalidated may hold rows read before that commit: it is
 * served to its reader but not cached (otherwise it would outlive the
 * invalidation until the TTL).
 */
const generations = new Map<PublicListTag, number>()
const generationOf = (tags: PublicListTag[]) =>
  tags.reduce((sum, tag) => sum + (generations.get(tag) ?? 0), 0)

/** A list from the cache, computed by `factory` (outside any transaction) when absent. */
export async function cachedList<T>(
  key: string,
  tags: PublicListTag[],
  factory: () => Promise<T>
): Promise<T> {
  let computed: { value: T } | null = null
  const cached = await cache.getOrSet({
    key,
    tags,
    ttl: PUBLIC_LIST_TTL,
    factory: async (context) => {
      const before = generationOf(tags)
      computed = { value: await factory() }
      return generationOf(tags) === before ? computed.value : context.skip()
    },
  })
  // Skipped: the reader still gets what it computed.
  return (cached === undefined && computed ? (computed as { value: T }).value : cached) as T
}

/*
 * The public parts of record pages: what the project page and the agency page
 * show every visitor alike (the project's facts, its result once opened, its
 * objections as the public sees them; the agency's record), rendered once per
 * record and language into the cache's store `pages` (config/cache.ts: this
 * process's memory, bounded in size, the least recently used dropped first;
 * with Redis, in front of it).
 * The parts of a page that depend on the visitor (forms, CSRF tokens, the
 * owner's or agency's own panels, flash messages) are never in there: they
 * are rendered at each request around the cached parts.
 *
 * A part carries tags: its record (`project:12`, `agency:34`) and the public
 * lists whose rows it shows (a service item's name, an organisation's name);
 * invalidateLists drops them with the lists: in this process and, over the
 * process bus, in the other server processes of the machine; with Redis, on
 * every instance through the cache's Redis bus (the parts are kept in Redis
 * too, behind each instance's memory copy, as the lists are).
 */

/** How long a page part may live without a write invalidating it (changes that come with time). */
export const PAGE_PART_TTL = '60s'

/** Invalidations seen by this process: a part computed across one is served, not cached. */
let pageGeneration = 0

/**
 * A page part from the cache, computed by `factory` (outside any transaction)
 * when absent. A `null` from the factory (no such public record) is not
 * cached. Concurrent misses of one key wait for one computation.
 */
export async function cachedPagePart<T>(
  key: string,
  tags: PublicTag[],
  factory: () => Promise<T | null>
): Promise<T | null> {
  let computed: { value: T | null } | null = null
  const cached = await cache.use('pages').getOrSet({
    key,
    tags,
    ttl: PAGE_PART_TTL,
    factory: async (context) => {
      const before = pageGeneration
      computed = { value: await factory() }
      return computed.value !== null && pageGeneration === before ? computed.value : context.skip()
    },
  })
  // Skipped: the reader still gets what it computed.
  return (
    cached === undefined && computed ? (computed as { value: T | null }).value : cached
  ) as T | null
}

/** A cache key from a list's name and its normalised filters (absent filters have one form). */
export function listKey(name: string, parts: (string | number | null | undefined)[]) {
  return `${name}:${JSON.stringify(parts.map((part) => part ?? null))}`
}

/** Tags waiting for their transaction's commit. */
const pending = new WeakMap<TransactionClientContract, Set<PublicTag>>()

/**
 * Invalidates the lists and page parts of these tags once `client`'s
 * transaction commits (nothing when it rolls back); at once when the write did
 * not run in a transaction. Several writes of one transaction invalidate once.
 */
export async function invalidateLists(
  tags: PublicTag[],
  client?: QueryClientContract | TransactionClientContract | null
) {
  if (client && client.isTransaction) {
    const trx = client as TransactionClientContract
    if (!trx.isCompleted) {
      const waiting = pending.get(trx)
      if (waiting) {
        for (const tag of tags) waiting.add(tag)
        return
      }
      const set = new Set(tags)
      pending.set(trx, set)
      trx.after('commit', () => invalidateNow([...set]))
      return
    }
  }
  await invalidateNow(tags)
}

/*
 * Several server processes on one machine without Redis (bin/cluster.ts):
 * each keeps its lists in its own memory, which has no bus of its own, so an
 * invalidation is also sent to the other processes over the process bus;
 * each drops its copies on receipt exactly as the writer did. (With Redis,
 * the cache's Redis bus does this between all instances.)
 */
const SIBLING_CHANNEL = 'public-lists:invalidate'
if (memoryOnly) {
  onSiblingMessage(SIBLING_CHANNEL, (payload) => {
    const tags = (Array.isArray(payload) ? payload : []).filter(isPublicTag)
    if (tags.length > 0) void invalidateHere(tags)
  })
}

async function invalidateNow(tags: PublicTag[]) {
  await invalidateHere(tags)
  if (memoryOnly) publishToSiblings(SIBLING_CHANNEL, tags)
}

async function invalidateHere(tags: PublicTag[]) {
  const lists = tags.filter(isListTag)
  for (const tag of lists) generations.set(tag, (generations.get(tag) ?? 0) + 1)
  pageGeneration++
  try {
    // Page parts carry list tags too (the names they show): both kinds drop them.
    await cache.use('pages').deleteByTag({ tags })
    if (lists.length > 0) await cache.deleteByTag({ tags: lists })
  } catch (error) {
    // The write stands; its lists catch up within the TTL.
    logger.error({ err: error, tags }, 'public lists could not be invalidated')
  }
}

/** Forgets every cached list and page part (tests, between cases). */
export async function clearLists() {
  pageGeneration++
  await cache.use('pages').clear()
  await cache.clear()
}
