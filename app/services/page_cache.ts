/*
 * The cache of public page parts: what the project page and the agency page
 * show every visitor alike (the project's facts, its result once opened, its
 * objections as the public sees them; the agency's record), rendered once per
 * record and language and kept in this process's memory. The parts of a page
 * that depend on the visitor (forms, CSRF tokens, the owner's or agency's own
 * panels, flash messages) are never in here: they are rendered at each request
 * around the cached parts.
 *
 * An entry carries tags: its record (`project:12`, `agency:34`) and the public
 * lists whose rows it shows (a service item's name, an organisation's name).
 * Writes invalidate them through invalidateLists (#services/public_cache) once
 * their transaction commits, in this process and, over the process bus, in the
 * other server processes of the machine. The TTL is a safety net only.
 *
 * The cache is a least-recently-used map bounded both in entries and in
 * characters: memory stays bounded whatever the number of records read.
 */

/** How long a part may live without a write invalidating it (changes that come with time). */
export const PAGE_PART_TTL_MS = 60_000
/** At most this many parts (each record × language)… */
export const PAGE_PART_MAX_ENTRIES = 2_000
/** …and at most this many characters of them in all (about 64 MB of UTF-16). */
export const PAGE_PART_MAX_CHARS = 32 * 1024 * 1024

type Entry = { value: unknown; tags: string[]; size: number; expiresAt: number }

const entries = new Map<string, Entry>()
const keysByTag = new Map<string, Set<string>>()
let totalChars = 0
/** Invalidations seen by this process: a part computed across one is served, not cached. */
let generation = 0
let enabled = true

function forget(key: string) {
  const entry = entries.get(key)
  if (!entry) return
  entries.delete(key)
  totalChars -= entry.size
  for (const tag of entry.tags) {
    const keys = keysByTag.get(tag)
    keys?.delete(key)
    if (keys && keys.size === 0) keysByTag.delete(tag)
  }
}

/** The size an entry is counted for: the characters of its strings (keys and values). */
function sizeOf(value: unknown): number {
  if (typeof value === 'string') return value.length
  if (value === null || typeof value !== 'object') return 8
  let size = 0
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    size += key.length + sizeOf(inner)
  }
  return size
}

function store(key: string, value: unknown, tags: string[], now: number) {
  forget(key)
  const size = sizeOf(value) + key.length
  if (size > PAGE_PART_MAX_CHARS) return
  entries.set(key, { value, tags, size, expiresAt: now + PAGE_PART_TTL_MS })
  totalChars += size
  for (const tag of tags) {
    const keys = keysByTag.get(tag) ?? new Set<string>()
    keys.add(key)
    keysByTag.set(tag, keys)
  }
  // The least recently used go first (a Map iterates in insertion order; reads re-insert).
  for (const oldest of entries.keys()) {
    if (entries.size <= PAGE_PART_MAX_ENTRIES && totalChars <= PAGE_PART_MAX_CHARS) break
    forget(oldest)
  }
}

/**
 * A page part from the cache, computed by `factory` (outside any transaction)
 * when absent or expired. A `null` from the factory (no such public record) is
 * not cached. Concurrent misses of one key share one computation.
 */
export async function cachedPagePart<T>(
  key: string,
  tags: string[],
  factory: () => Promise<T | null>
): Promise<T | null> {
  const now = Date.now()
  const entry = entries.get(key)
  if (entry && entry.expiresAt > now) {
    // Most recently used: to the end of the map.
    entries.delete(key)
    entries.set(key, entry)
    return entry.value as T
  }
  if (entry) forget(key)
  let computing = inFlight.get(key) as Promise<T | null> | undefined
  if (!computing) {
    const before = generation
    computing = factory().then((value) => {
      if (value !== null && enabled && generation === before) store(key, value, tags, Date.now())
      return value
    })
    inFlight.set(key, computing)
    void computing.then(
      () => inFlight.get(key) === computing && inFlight.delete(key),
      () => inFlight.get(key) === computing && inFlight.delete(key)
    )
  }
  return computing
}
const inFlight = new Map<string, Promise<unknown>>()

/** Drops the parts carrying any of these tags (called on commit by invalidateLists). */
export function dropPageParts(tags: string[]) {
  generation++
  // A computation in flight read before this commit: its result is served, not cached.
  inFlight.clear()
  for (const tag of tags) {
    for (const key of [...(keysByTag.get(tag) ?? [])]) forget(key)
  }
}

/** Forgets every part (tests, between cases). */
export function clearPageParts() {
  generation++
  inFlight.clear()
  for (const key of [...entries.keys()]) forget(key)
}

/** Off: every request computes its parts (several instances sharing Redis, see public_cache). */
export function setPagePartsEnabled(on: boolean) {
  enabled = on
  if (!on) clearPageParts()
}

/** What the cache holds (tests and the bench): entries, characters, and each entry's value. */
export function pagePartsSnapshot() {
  return {
    entries: entries.size,
    chars: totalChars,
    values: [...entries].map(([key, entry]) => ({ key, tags: entry.tags, value: entry.value })),
  }
}
