/*
 * Every text a user enters is escaped where it is shown. The authorisation
 * world (tests/authorization_world.ts) is built, then each user-entered text
 * of its records is overwritten with markup: a script, an attribute breakout
 * with an event handler, Edge's own template syntax (`{{ }}`, `@{{ }}`) and
 * a `javascript:` URL, tagged with a marker of its own. Each page that shows
 * the text must show it escaped (`&lt;script&gt;…`), literally (the
 * template syntax is not evaluated), and never as markup.
 *
 * Values put into attributes (form fields refilled from the database or from
 * the query string) are escaped too: the ban form's reflected `agencyId`, and
 * every component rendered with hostile props.
 *
 * Raw outputs `{{{ }}}` in resources/views were checked by hand: the four
 * there print constant markup or rendered slots, no user text; the last test
 * keeps that list from growing unseen.
 */

import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import edge from 'edge.js'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import { clock } from '#services/clock'
import { buildWorld, type Actor, type World } from '#tests/authorization_world'

/** The stored text of one marker: every trick at once, short enough for a 100-character column. */
const payload = (marker: string) =>
  `<script>alert(${marker})</script>"><img src=x onerror=alert(${marker})>{{ 1+1 }}@{{ ${marker} }}javascript:alert(${marker})`

type Page = { url: (world: World) => string; actor: Actor }
type StoredText = {
  table: string
  column: string
  /** The row(s): a world record's id, or a where clause. */
  where: (world: World) => Record<string, unknown>
  pages: Page[]
  /** Other columns the record needs for the text to be shown (e.g. a cancelled status). */
  also?: Record<string, unknown>
}

const page = (actor: Actor, url: (world: World) => string): Page => ({ actor, url })
const projectPage = (key: 'openProject' | 'directProject') =>
  page('public', (world) => `/projects/${world[key]}`)
const agencyPage = page('public', (world) => `/agencies/${world.agencyOrganization}`)
const contractPage = page('ownerA', (world) => `/contracts/${world.contract}`)
const catalogForm = page('regulator', () => '/regulator/service-items/ZJ-001/edit')
const templateForm = page('regulator', () => '/regulator/contract-templates/new?key=general')

const TEXTS: StoredText[] = [
  // Projects (owner): the announcement page and the list
  {
    table: 'projects',
    column: 'title',
    where: (world) => ({ id: world.openProject }),
    pages: [projectPage('openProject'), page('public', () => '/projects')],
  },
  {
    table: 'projects',
    column: 'description',
    where: (world) => ({ id: world.openProject }),
    pages: [projectPage('openProject')],
  },
  {
    table: 'projects',
    column: 'deliverables',
    where: (world) => ({ id: world.openProject }),
    pages: [projectPage('openProject')],
  },
  {
    table: 'projects',
    column: 'location',
    where: (world) => ({ id: world.openProject }),
    pages: [projectPage('openProject')],
  },
  {
    table: 'projects',
    column: 'contact_name',
    where: (world) => ({ id: world.openProject }),
    pages: [projectPage('openProject')],
  },
  {
    table: 'projects',
    column: 'cancel_reason',
    where: (world) => ({ id: world.directProject }),
    also: { status: 'cancelled' },
    pages: [projectPage('directProject')],
  },
  // Organisations and the agency's profile
  {
    table: 'organizations',
    column: 'name',
    where: (world) => ({ id: world.agencyOrganization }),
    pages: [agencyPage, page('public', () => '/agencies')],
  },
  {
    table: 'organizations',
    column: 'name',
    where: (world) => ({ id: world.ownerOrganization }),
    pages: [page('public', (world) => `/organizations/${world.ownerOrganization}`)],
  },
  {
    table: 'agency_profiles',
    column: 'description',
    where: (world) => ({ organization_id: world.agencyOrganization }),
    pages: [agencyPage],
  },
  // The commitments are shown on the public page and put back into the agency's form fields
  {
    table: 'agency_profiles',
    column: 'commitment_quality',
    where: (world) => ({ organization_id: world.agencyOrganization }),
    pages: [agencyPage, page('agencyA', () => '/agency/profile')],
  },
  {
    table: 'agency_profiles',
    column: 'commitment_time',
    where: (world) => ({ organization_id: world.agencyOrganization }),
    pages: [page('agencyA', () => '/agency/profile')],
  },
  {
    table: 'agency_profiles',
    column: 'commitment_fee',
    where: (world) => ({ organization_id: world.agencyOrganization }),
    pages: [page('agencyA', () => '/agency/profile')],
  },
  {
    table: 'qualifications',
    column: 'issuer',
    where: (world) => ({ id: world.qualification }),
    pages: [page('regulator', () => '/regulator/qualifications')],
  },
  {
    table: 'practitioners',
    column: 'name',
    where: (world) => ({ id: world.practitioner }),
    pages: [page('agencyA', () => '/agency/profile')],
  },
  // Who may sign for the agency: the designated signatory's name
  {
    table: 'users',
    column: 'full_name',
    where: (world) => ({ id: world.agencySignatoryUser }),
    pages: [page('agencyA', () => '/account/signatories')],
  },
  // The contract: terms, deliverables, evaluation and reply
  {
    table: 'contracts',
    column: 'supplementary_terms',
    where: (world) => ({ id: world.contract }),
    pages: [contractPage],
  },
  {
    table: 'deliverables',
    column: 'summary',
    where: (world) => ({ contract_id: world.contract }),
    pages: [contractPage],
  },
  {
    table: 'evaluations',
    column: 'comment',
    where: (world) => ({ id: world.evaluation }),
    pages: [contractPage],
  },
  {
    table: 'evaluations',
    column: 'reply',
    where: (world) => ({ id: world.evaluation }),
    pages: [contractPage],
  },
  // Credit: events and their replies, appeals
  {
    table: 'credit_events',
    column: 'reason',
    where: (world) => ({ id: world.creditEvent }),
    pages: [agencyPage],
  },
  {
    table: 'credit_events',
    column: 'reply',
    where: (world) => ({ id: world.creditEvent }),
    pages: [agencyPage],
  },
  {
    table: 'credit_appeals',
    column: 'reason',
    where: (world) => ({ id: world.appeal }),
    pages: [page('regulator', () => '/regulator/credit-appeals')],
  },
  // Regulation: complaints, objections, bans, inspections
  {
    table: 'complaints',
    column: 'text',
    where: (world) => ({ id: world.complaint }),
    pages: [page('regulator', () => '/regulator/complaints')],
  },
  {
    table: 'complaints',
    column: 'contact_name',
    where: (world) => ({ id: world.complaint }),
    pages: [page('regulator', () => '/regulator/complaints')],
  },
  {
    table: 'complaints',
    column: 'decision',
    where: (world) => ({ id: world.complaint }),
    also: { outcome: 'upheld' },
    pages: [
      page('public', (world) => `/complaints/track?code=${encodeURIComponent(world.trackingCode)}`),
    ],
  },
  {
    table: 'objections',
    column: 'reason',
    where: (world) => ({ id: world.objection }),
    pages: [page('regulator', () => '/regulator/objections')],
  },
  {
    table: 'bans',
    column: 'reason',
    where: (world) => ({ id: world.ban }),
    pages: [page('public', () => '/exposure')],
  },
  {
    table: 'bans',
    column: 'legal_basis',
    where: (world) => ({ id: world.ban }),
    pages: [page('public', () => '/exposure')],
  },
  // 信用修复: the signed commitment is public on the agency page and read on the regulators' desk
  {
    table: 'credit_appeals',
    column: 'commitment',
    where: (world) => ({ id: world.repair }),
    pages: [agencyPage, page('regulator', () => '/regulator/credit-appeals')],
  },
  // 联合惩戒: what an imported list says, on the regulators' desk
  {
    table: 'joint_punishment_entries',
    column: 'legal_basis',
    where: (world) => ({ id: world.jointPunishmentEntry }),
    pages: [page('regulator', () => '/regulator/joint-punishments')],
  },
  {
    table: 'joint_punishment_entries',
    column: 'source',
    where: (world) => ({ id: world.jointPunishmentEntry }),
    pages: [page('regulator', () => '/regulator/joint-punishments')],
  },
  {
    table: 'inspection_targets',
    column: 'note',
    where: (world) => ({
      plan_id: world.inspectionPlan,
      organization_id: world.agencyOrganization,
    }),
    pages: [page('public', (world) => `/inspections/${world.inspectionPlan}`)],
  },
  // The catalog and model contracts (regulators write them), also in the forms that edit them
  {
    table: 'contract_templates',
    column: 'body',
    where: () => ({ key: 'general' }),
    pages: [page('public', () => '/contract-templates/general'), templateForm],
  },
  {
    table: 'contract_templates',
    column: 'title',
    where: () => ({ key: 'general' }),
    pages: [templateForm],
  },
  {
    table: 'contract_templates',
    column: 'category',
    where: () => ({ key: 'general' }),
    pages: [templateForm],
  },
  {
    table: 'service_items',
    column: 'name',
    where: () => ({ code: 'ZJ-001' }),
    pages: [page('public', () => '/service-items/ZJ-001'), catalogForm],
  },
  {
    table: 'service_items',
    column: 'category',
    where: () => ({ code: 'ZJ-001' }),
    pages: [catalogForm],
  },
  // Approval departments: the catalog form's choices, the public register, the regulators' desk
  {
    table: 'departments',
    column: 'name',
    where: (world) => ({ id: world.department }),
    pages: [
      catalogForm,
      page('public', () => '/departments'),
      page('regulator', () => '/regulator/register'),
    ],
  },
  // An agency's declaration: on its public page and its own form
  {
    table: 'agency_declarations',
    column: 'sponsor_name',
    where: (world) => ({ id: world.declaration }),
    pages: [
      page('public', (world) => `/agencies/${world.agencyOrganization}`),
      page('agencyA', () => '/agency/declaration'),
    ],
  },
  // The register's entries (红顶中介): public, and on the regulators' desk
  {
    table: 'department_affiliates',
    column: 'name',
    where: (world) => ({ id: world.affiliate }),
    pages: [page('public', () => '/departments'), page('regulator', () => '/regulator/register')],
  },
  {
    table: 'department_affiliates',
    column: 'added_reason',
    where: (world) => ({ id: world.affiliate }),
    pages: [page('public', () => '/departments'), page('regulator', () => '/regulator/register')],
  },
]

function escapedForms(marker: string) {
  return {
    shown: `&lt;script&gt;alert(${marker})&lt;/script&gt;`,
    literal: `{{ 1+1 }}@{{ ${marker} }}`,
    raw: [`<script>alert(${marker})`, `<img src=x onerror=alert(${marker})>`],
  }
}

test.group('User texts are escaped where they are shown', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  test('scripts, attribute breakouts, Edge syntax and javascript: URLs stored in every user text are shown escaped and literal on each page that shows them', async ({
    client,
    assert,
  }) => {
    const world = await buildWorld(client)
    const markers = new Map<StoredText, string>()
    for (const [index, text] of TEXTS.entries()) {
      const marker = `Q${index + 1}`
      markers.set(text, marker)
      const updated = await db
        .from(text.table)
        .where(text.where(world))
        .update({ ...text.also, [text.column]: payload(marker) })
      assert.isAbove(
        Number(updated),
        0,
        `${text.table}.${text.column}: no row to store the text in`
      )
    }

    // One request per page; each page checked for every text it shows.
    const pages = new Map<string, { actor: Actor; texts: StoredText[] }>()
    for (const text of TEXTS) {
      for (const { url, actor } of text.pages) {
        const key = `${actor} ${url(world)}`
        const entry = pages.get(key) ?? { actor, texts: [] }
        entry.texts.push(text)
        pages.set(key, entry)
      }
    }
    const problems: string[] = []
    for (const [key, { actor, texts }] of pages) {
      const url = key.slice(actor.length + 1)
      const request = client.get(url)
      const response =
        actor === 'public' ? await request : await request.loginAs(world.users[actor])
      if (response.status() !== 200) {
        problems.push(`${key}: answered ${response.status()}`)
        continue
      }
      const html = response.text()
      for (const text of texts) {
        const forms = escapedForms(markers.get(text)!)
        const name = `${text.table}.${text.column} on ${key}`
        if (!html.includes(forms.shown)) problems.push(`${name}: not shown escaped`)
        if (!html.includes(forms.literal)) problems.push(`${name}: Edge syntax not shown literally`)
        for (const raw of forms.raw) if (html.includes(raw)) problems.push(`${name}: raw ${raw}`)
      }
      // No link anywhere is built from a stored javascript: URL.
      if (/href\s*=\s*["']?\s*javascript:/i.test(html)) problems.push(`${key}: a javascript: link`)
    }
    console.log(`XSS: ${TEXTS.length} user texts checked on ${pages.size} pages`)
    assert.deepEqual(problems, [])
  }).timeout(120_000)

  test('search texts echoed back in forms are escaped (directory, announcements, complaint tracking)', async ({
    client,
    assert,
  }) => {
    const problems: string[] = []
    for (const [path, name] of [
      ['/agencies', 'q'],
      ['/projects', 'q'],
      ['/service-items', 'q'],
      ['/complaints/track', 'code'],
    ]) {
      const marker = `R${path.length}`
      const response = await client.get(path).qs({ [name]: payload(marker) })
      // An unknown tracking code answers 404 with the form again.
      if (response.status() !== 200 && response.status() !== 404) {
        problems.push(`${path}: answered ${response.status()}`)
        continue
      }
      const html = response.text()
      for (const raw of escapedForms(marker).raw) {
        if (html.includes(raw)) problems.push(`${path}?${name}=: raw ${raw}`)
      }
      if (html.includes(`"><img`)) problems.push(`${path}?${name}=: attribute breakout`)
    }
    assert.deepEqual(problems, [])
  })

  test('a quote in a query parameter echoed into the ban form stays inside its attribute: no button that posts the form with its CSRF token to the lifting route', async ({
    client,
    assert,
  }) => {
    const world = await buildWorld(client)
    const attack = `9"><button formaction="/regulator/bans/${world.ban}/lift" formmethod="post">提交</button><x y="`
    const response = await client
      .get('/regulator/bans/new')
      .qs({ agencyId: attack })
      .loginAs(world.users.regulator)
    response.assertStatus(200)
    const html = response.text()
    const form = html.slice(html.indexOf('action="/regulator/bans"'))
    const formMarkup = form.slice(0, form.indexOf('</form>'))
    assert.notMatch(formMarkup, /<button[^>]*formaction/, 'the query parameter became markup')
    assert.lengthOf(formMarkup.match(/<button/g) ?? [], 1, "only the form's own submit button")
    assert.include(
      formMarkup,
      `value="9&quot;&gt;&lt;button formaction=&quot;/regulator/bans/${world.ban}/lift&quot;`
    )
  })

  test('every component escapes hostile props in its attributes and its text', async ({
    assert,
  }) => {
    const hostile = (marker: string) =>
      `${marker}" onmouseover="alert(1)" data-x='><b id=${marker}>`
    const breakouts = (marker: string) => [`" onmouseover="alert(1)"`, `<b id=${marker}>`]
    const t = (key: string, data?: Record<string, unknown>) =>
      data ? `${key} ${JSON.stringify(data)}` : key
    const noFlash = { get: (_key: string, fallback: unknown) => fallback, has: () => false }
    const cases: Record<string, () => Promise<string>> = {
      'field': () =>
        edge.render('components/field', {
          t,
          flashMessages: noFlash,
          name: 'commitments[time]',
          label: hostile('C1'),
          value: hostile('C2'),
          hint: hostile('C3'),
          required: true,
          autocomplete: hostile('C4'),
        }),
      'field (select)': () =>
        edge.render('components/field', {
          t,
          flashMessages: noFlash,
          name: 'category',
          label: hostile('C5'),
          value: hostile('C6'),
          placeholder: hostile('C7'),
          options: [
            { value: hostile('C6'), label: hostile('C8') },
            { value: 'plain', label: 'plain' },
          ],
        }),
      'fee': () =>
        edge.render('components/fee', {
          t,
          item: { feeType: hostile('C9'), feeMinFen: 100, feeMaxFen: 200 },
        }),
      'pagination': () =>
        edge.render('components/pagination', {
          t,
          page: 2,
          perPage: 10,
          total: 50,
          route: 'agencies.index',
          qs: { q: hostile('C10') },
        }),
      'complaint_subjects': () =>
        edge.render('components/complaint_subjects', {
          t,
          complaint: {
            agency: { id: 1, name: hostile('C11') },
            owner: { id: 2, name: hostile('C12') },
            project: { id: 3, code: hostile('C13'), title: hostile('C14') },
          },
        }),
      'schema_rows': () =>
        edge.render('components/schema_rows', {
          t,
          rows: [
            {
              name: hostile('C15'),
              type: hostile('C16'),
              required: true,
              constraints: hostile('C17'),
            },
          ],
        }),
      'chart': () =>
        edge.render('components/chart', {
          t,
          chart: { title: hostile('C19'), empty: null, series: [{ name: hostile('C20') }] },
        }),
      'chart (empty)': () =>
        edge.render('components/chart', {
          t,
          chart: { title: hostile('C21'), empty: hostile('C22') },
        }),
      'digest': () => edge.render('components/digest', { t, value: hostile('C23') }),
      'digest (short)': () => edge.render('components/digest', { t, value: 'C24"><b id=C24>' }),
      'action_form': () =>
        edge
          .createRenderer()
          .share({ t, csrfField: () => '' })
          .renderRaw(
            `@actionForm({ action: action, submit: submit, class: formClass, buttonClass: buttonClass })\n<p>{{ inside }}</p>\n@end`,
            {
              action: hostile('C25'),
              submit: hostile('C26'),
              formClass: hostile('C27'),
              buttonClass: hostile('C28'),
              inside: hostile('C29'),
            }
          ),
      'contract_termination (partial)': () =>
        edge
          .createRenderer()
          .share({
            t,
            i18n: { locale: 'zh-CN' },
            flashMessages: noFlash,
            old: (_key: string, fallback: unknown) => fallback,
            csrfField: () => '',
          })
          .render('partials/contract_termination', {
            contract: { id: 1 },
            termination: {
              ground: 'breach',
              breachClause: hostile('C30'),
              statement: hostile('C31'),
              terminatedAt: '2026-09-29T02:00:00.000Z',
              contestDueAt: '2026-10-09T16:00:00.000Z',
              contestOpen: false,
              status: 'decided',
              agencyAnswer: 'contested',
              answeredAt: '2026-09-30T02:00:00.000Z',
              contestReason: hostile('C32'),
              decisionDueAt: '2026-10-09T16:00:00.000Z',
              overdue: true,
              decision: 'upheld',
              decisionReasons: hostile('C33'),
              decidedAt: '2026-10-01T02:00:00.000Z',
              refundScope: 'unaccepted',
              refundsRequestedAt: null,
            },
            actions: { contest: true, agree: true, decide: true },
          }),
      'layout': () =>
        // What a request shares with every template (components included).
        edge
          .createRenderer()
          .share({
            t,
            i18n: { locale: 'zh-CN' },
            request: { url: () => '/', plainCookie: () => undefined },
            auth: null,
            flashMessages: null,
          })
          .renderRaw(`@layout({ title: title })\n<p>{{ title }}</p>\n@end`, {
            title: hostile('C18'),
          }),
    }

    // Every component file has its case here.
    const componentFiles = await readdir(app.makePath('resources/views/components'))
    const components = componentFiles
      .filter((file) => file.endsWith('.edge'))
      .map((file) => file.replace(/\.edge$/, ''))
    const covered = new Set(Object.keys(cases).map((name) => name.split(' ')[0]))
    assert.deepEqual(
      components.filter((component) => !covered.has(component)),
      [],
      'a component without a hostile-props case'
    )

    const problems: string[] = []
    for (const [name, render] of Object.entries(cases)) {
      const html = await render()
      for (const marker of html.match(/C\d+/g) ?? []) {
        for (const breakout of breakouts(marker)) {
          if (html.includes(breakout)) problems.push(`${name}: ${breakout}`)
        }
      }
      if (!/C\d+/.test(html)) problems.push(`${name}: the hostile props are not shown`)
    }
    assert.deepEqual([...new Set(problems)], [])
  })

  test('raw Edge output {{{ }}} in the views prints only constant markup or rendered slots', async ({
    assert,
  }) => {
    const root = app.makePath('resources/views')
    const found: string[] = []
    const walk = async (folder: string): Promise<void> => {
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name)
        if (entry.isDirectory()) await walk(path)
        else if (entry.name.endsWith('.edge')) {
          const source = await readFile(path, 'utf8')
          for (const match of source.matchAll(/\{\{\{([\s\S]*?)\}\}\}/g)) {
            found.push(match[1].trim())
          }
        }
      }
    }
    await walk(root)
    const safe = [
      /^await \$slots\.main\(\)$/,
      // 办事指南: the repository's own Markdown, its raw HTML escaped (services/guides).
      /^guide\.html$/,
      // The cached public parts of the project and agency pages: partials Edge rendered (and
      // escaped) once for every visitor (cachedPagePart, services/public_cache), printed around the per-user parts.
      /^fragments\.\w+$/,
      /^\w+ \? '<span class="required" aria-hidden="true"> \*<\/span>' : ''$/,
    ]
    assert.deepEqual(
      found.filter((expression) => !safe.some((pattern) => pattern.test(expression))),
      [],
      'a raw output that may print user text: escape it, or add it here once shown safe'
    )
  })
})
