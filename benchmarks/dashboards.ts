/*
 * Dashboard panels (`npm run bench`, part "dashboards"): the pages staff and
 * parties open after logging in, timed on the whole dataset — the regulator's
 * analytics (page and API), audit log, signals, fee records, the dashboards
 * of a regulator and of a busy agency. Sequential requests after one warm-up,
 * logged in through the real login form (session cookie) or a real API token.
 */
import { DEMO_PASSWORD } from '#database/data/demo_accounts'

export type DashboardRow = {
  label: string
  path: string
  requests: number
  medianMs: number
  maxMs: number
  queriesPerRequest: number
  status: number
}

const PAGES: [string, string, 'regulator' | 'agency' | 'token'][] = [
  ['regulator: dashboard', '/dashboard', 'regulator'],
  ['regulator: market analytics (page)', '/regulator/analytics', 'regulator'],
  ['regulator: market analytics (API)', '/api/v1/regulator/analytics', 'token'],
  ['regulator: audit log', '/regulator/audit', 'regulator'],
  ['regulator: signals', '/regulator/signals', 'regulator'],
  ['regulator: fee records', '/regulator/fee-records', 'regulator'],
  ['agency: dashboard', '/dashboard', 'agency'],
  ['agency: my projects and bids', '/agency/projects', 'agency'],
]

export async function timeDashboards(
  baseUrl: string,
  requests: number,
  countQueries: () => number,
  log: (message: string) => void,
  agencyEmail?: string,
  countingUrl?: string
): Promise<DashboardRow[]> {
  const regulator = await loginCookie(baseUrl, 'regulator@demo.example.com', DEMO_PASSWORD)
  const agency = agencyEmail
    ? await loginCookie(baseUrl, agencyEmail, 'dataset-bench-password')
    : await loginCookie(baseUrl, 'agency@demo.example.com', DEMO_PASSWORD).catch(() => null)
  const token = await apiToken(baseUrl, 'regulator@demo.example.com', DEMO_PASSWORD)
  const rows: DashboardRow[] = []
  for (const [label, path, who] of PAGES) {
    const headers: Record<string, string> =
      who === 'token'
        ? { authorization: `Bearer ${token}`, accept: 'application/json' }
        : who === 'regulator'
          ? { cookie: regulator }
          : agency
            ? { cookie: agency }
            : {}
    if (who === 'agency' && !agency) continue
    let status = 0
    let url = path
    const get = async () => {
      const response = await fetch(baseUrl + url, { headers, redirect: 'manual' })
      status = response.status
      await response.arrayBuffer()
      return response
    }
    // The dashboard sends each role to its own page: time that page.
    const first = await get()
    const location = first.headers.get('location')
    if (status >= 300 && status < 400 && location?.startsWith('/')) {
      url = location
      await get()
    }
    const durations: number[] = []
    const before = countQueries()
    for (let i = 0; i < requests; i++) {
      const started = performance.now()
      await get()
      durations.push(performance.now() - started)
    }
    durations.sort((a, b) => a - b)
    let queries = (countQueries() - before) / requests
    if (countingUrl) {
      // The measured server is another process: its statements are counted on one request
      // sent to this process's copy of the application.
      const counted = countQueries()
      const response = await fetch(countingUrl + url, { headers, redirect: 'manual' })
      await response.arrayBuffer()
      queries = countQueries() - counted
    }
    const row = {
      label,
      path: url,
      requests,
      medianMs: durations[Math.floor(durations.length / 2)],
      maxMs: durations.at(-1)!,
      queriesPerRequest: queries,
      status,
    }
    log(`${label}: ${row.medianMs.toFixed(0)} ms (${status})`)
    rows.push(row)
  }
  return rows
}

/** Logs in through the login form: the session cookies. */
async function loginCookie(baseUrl: string, email: string, password: string) {
  const form = await fetch(`${baseUrl}/login`)
  const jar = new Map<string, string>()
  const keep = (response: Response) => {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';')
      const at = pair.indexOf('=')
      jar.set(pair.slice(0, at), pair.slice(at + 1))
    }
  }
  keep(form)
  const html = await form.text()
  const csrf = /name=["']_csrf["']\s+value=["']([^"']+)["']/.exec(html)?.[1] ?? ''
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cookie': cookie() },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  })
  keep(response)
  await response.arrayBuffer()
  const location = response.headers.get('location') ?? ''
  if (response.status !== 302 || !location.endsWith('/dashboard')) {
    throw new Error(`Logging in as ${email} failed (${response.status} → ${location})`)
  }
  return cookie()
}

async function apiToken(baseUrl: string, email: string, password: string) {
  const response = await fetch(`${baseUrl}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  const body = (await response.json()) as { token?: string }
  if (!body.token) throw new Error(`No API token for ${email} (${response.status})`)
  return body.token
}

export function dashboardsMarkdown(
  rows: DashboardRow[],
  command: string,
  today: string,
  conditions: { layout: string; loadAtStart: string }
) {
  const lines = [
    '## Dashboards',
    '',
    `Measured by \`${command}\` (part \`dashboards\`) on ${today}: logged in through the login form`,
    '(the API with a token), one warm-up request, then sequential requests; the whole dataset is in view.',
    `Layout: ${conditions.layout}. Machine at the start: ${conditions.loadAtStart}.`,
    'SQL queries per request: counted on one more request sent to the bench process’s own copy of the application.',
    '',
    '| panel | URL | requests | median ms | max ms | SQL queries / request | status |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const row of rows) {
    lines.push(
      `| ${row.label} | \`${row.path}\` | ${row.requests} | ${row.medianMs.toFixed(0)} | ${row.maxMs.toFixed(0)} | ${row.queriesPerRequest.toFixed(1)} | ${row.status} |`
    )
  }
  return lines.join('\n')
}
