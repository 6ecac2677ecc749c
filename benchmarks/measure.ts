/*
 * Latency measurement of URLs served by an in-process HTTP server: sequential
 * requests after a warm-up, percentiles of the wall time per request, and the
 * SQL queries each request ran.
 */
export type Measurement = {
  label: string
  url: string
  requests: number
  meanMs: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  queriesPerRequest: number
}

export async function measureUrl(
  baseUrl: string,
  label: string,
  path: string,
  options: { requests: number; warmup: number; countQueries: () => number }
): Promise<Measurement> {
  for (let i = 0; i < options.warmup; i++) await get(baseUrl + path)
  const durations: number[] = []
  const queriesBefore = options.countQueries()
  for (let i = 0; i < options.requests; i++) {
    const started = process.hrtime.bigint()
    await get(baseUrl + path)
    durations.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  const queries = options.countQueries() - queriesBefore
  durations.sort((a, b) => a - b)
  return {
    label,
    url: path,
    requests: options.requests,
    meanMs: durations.reduce((sum, value) => sum + value, 0) / durations.length,
    p50Ms: percentile(durations, 0.5),
    p95Ms: percentile(durations, 0.95),
    p99Ms: percentile(durations, 0.99),
    queriesPerRequest: queries / options.requests,
  }
}

/** The value at rank p (0–1) of durations sorted in ascending order. */
export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
}

async function get(url: string) {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  await response.arrayBuffer()
}

export function markdownTable(rows: Measurement[]) {
  const lines = [
    '| page | URL | requests | mean ms | p50 ms | p95 ms | p99 ms | SQL queries / request |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const row of rows) {
    lines.push(
      `| ${row.label} | \`${row.url}\` | ${row.requests} | ${row.meanMs.toFixed(1)} | ${row.p50Ms.toFixed(1)} | ${row.p95Ms.toFixed(1)} | ${row.p99Ms.toFixed(1)} | ${row.queriesPerRequest.toFixed(1)} |`
    )
  }
  return lines.join('\n')
}
