/*
 * Keyword search over the agency directory (`npm run bench`, part "search"):
 * distinct keywords — 2 to 4 characters cut from the names of agencies drawn
 * at random, USCC beginnings, and words no name holds — sent one at a time to
 * `GET /api/v1/agencies?q=` on the measured server. Every keyword is new, so
 * none is answered from the cache of public lists: each one runs the n-gram
 * index (app/services/search_index.ts) and the directory query.
 */
import db from '@adonisjs/lucid/services/db'
import { seededRandom } from '#domain/seeded_random'
import { percentile } from '#benchmarks/measure'

export type SearchKind = 'name part' | 'USCC beginning' | 'no match'

export type SearchResult = {
  keywords: number
  byKind: {
    kind: SearchKind
    keywords: number
    p50Ms: number
    p99Ms: number
    meanMatches: number
  }[]
  p50Ms: number
  p99Ms: number
  maxMs: number
  failed: number
}

const NO_MATCH = ['鲲鹏', '麒麟', '饕餮', '貔貅', '凤凰', '蛟龙', '玄武', '朱雀', '白泽', '青鸾']

async function keywords(count: number, seed: number) {
  const random = seededRandom(seed)
  const [{ low, high }] = await db
    .from('organizations')
    .where('kind', 'agency')
    .min('id as low')
    .max('id as high')
  const ids = Array.from({ length: count * 2 }, () => random.integer(Number(low), Number(high)))
  const rows: { name: string; uscc: string }[] = await db
    .from('organizations')
    .where('kind', 'agency')
    .whereIn('id', ids)
    .select('name', 'uscc')
  const chosen = new Map<string, SearchKind>()
  for (const row of rows) {
    if (chosen.size >= count) break
    const roll = random.next()
    if (roll < 0.8) {
      const chars = [...row.name]
      const length = Math.min(chars.length, random.integer(2, 4))
      const start = random.integer(0, chars.length - length)
      chosen.set(chars.slice(start, start + length).join(''), 'name part')
    } else if (roll < 0.9) {
      chosen.set(row.uscc.slice(0, random.integer(8, 12)), 'USCC beginning')
    } else {
      chosen.set(random.pick(NO_MATCH) + random.pick(NO_MATCH), 'no match')
    }
  }
  return [...chosen]
}

export async function runSearchBench(
  baseUrl: string,
  count: number,
  log: (message: string) => void
): Promise<SearchResult> {
  const list = await keywords(count + 20, 20261207)
  const timings: { kind: SearchKind; ms: number; matches: number }[] = []
  let failed = 0
  for (const [index, [keyword, kind]] of list.entries()) {
    const started = performance.now()
    const response = await fetch(`${baseUrl}/api/v1/agencies?q=${encodeURIComponent(keyword)}`, {
      headers: { accept: 'application/json' },
    })
    const body = (await response.json().catch(() => null)) as { meta?: { total?: number } } | null
    const ms = performance.now() - started
    // The first 20 warm the route and the pool: not counted.
    if (index < 20) continue
    if (response.status !== 200) failed += 1
    timings.push({ kind, ms, matches: Number(body?.meta?.total ?? 0) })
  }
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b)
  const all = sorted(timings.map((timing) => timing.ms))
  const kinds: SearchKind[] = ['name part', 'USCC beginning', 'no match']
  const result: SearchResult = {
    keywords: timings.length,
    byKind: kinds
      .map((kind) => {
        const ofKind = timings.filter((timing) => timing.kind === kind)
        const ms = sorted(ofKind.map((timing) => timing.ms))
        return {
          kind,
          keywords: ofKind.length,
          p50Ms: ms.length ? percentile(ms, 0.5) : 0,
          p99Ms: ms.length ? percentile(ms, 0.99) : 0,
          meanMatches:
            ofKind.reduce((sum, timing) => sum + timing.matches, 0) / Math.max(1, ofKind.length),
        }
      })
      .filter((row) => row.keywords > 0),
    p50Ms: percentile(all, 0.5),
    p99Ms: percentile(all, 0.99),
    maxMs: all[all.length - 1] ?? 0,
    failed,
  }
  log(
    `Search: ${result.keywords} keywords, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms`
  )
  return result
}

export function searchMarkdown(
  result: SearchResult,
  context: { command: string; today: string; layout: string; agencies: number; loadAtStart: string }
) {
  return [
    '## Keyword search',
    '',
    `Measured by \`${context.command}\` (part \`search\`) on ${context.today}. Layout: ${context.layout}. Machine at the start: ${context.loadAtStart}.`,
    '',
    `${result.keywords} distinct keywords over ${context.agencies.toLocaleString('en-US')} agencies, sent one at a time to \`GET /api/v1/agencies?q=\``,
    '(after 20 not counted): 2 to 4 characters cut from the names of agencies drawn at random, beginnings of their USCC, and',
    'words no name holds. Each keyword is new, so none is served from the cache of public lists: every request runs the',
    'n-gram index of names (a table of bigrams kept on every save; the same on MySQL, MariaDB and SQLite) and the directory query.',
    'Latency: from sending to the whole answer read, on the bench process’s side.',
    '',
    '| keywords | count | p50 ms | p99 ms | agencies found (mean) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...result.byKind.map(
      (row) =>
        `| ${row.kind} | ${row.keywords} | ${row.p50Ms.toFixed(1)} | ${row.p99Ms.toFixed(1)} | ${row.meanMatches.toFixed(1)} |`
    ),
    `| **all** | ${result.keywords} | ${result.p50Ms.toFixed(1)} | ${result.p99Ms.toFixed(1)} | |`,
    '',
    `Target p99 < 30 ms: ${result.p99Ms < 30 ? 'met' : 'missed'} (${result.p99Ms.toFixed(1)} ms; slowest ${result.maxMs.toFixed(1)} ms${result.failed ? `; ${result.failed} failed` : ''}).`,
  ].join('\n')
}
