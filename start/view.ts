/*
 * Edge helpers shared by every page: presentation only, no business rules.
 * Money is integer fen shown as ¥1,234.56; times are stored in UTC and shown
 * in Asia/Shanghai.
 */
import edge from 'edge.js'
import { personQualificationLabel } from '#domain/person_qualifications'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { regionName } from '#domain/regions'
import { gradeForScore } from '#domain/credit'
import { formatDate, formatDateTime, formatDeadline, type InstantLike } from '#domain/time_zone'
import { formatFen } from '#domain/money'
import { clock } from '#services/clock'
import { htmlAttributes } from '#presenters/html_attributes'
import { gradeCutoffsShown } from '#services/market_rules'
import { isCurrentSection } from '#presenters/navigation'
import { CARE_MODE_COOKIE } from '#services/display_preferences'
import siteConfig from '#config/site'

if (env.get('VIEW_CACHE', app.inProduction)) {
  edge.configure({ cache: true })
  cachePartials(edge.compiler)
  cachePartials(edge.asyncCompiler)
  cacheComponentList()
}

/**
 * Edge decides at creation (before this configuration) that its components
 * plugin runs on every renderer — one per request, API requests included —
 * and that plugin lists the components directory from disk each time. With
 * the view cache on, templates do not change while the process runs: the
 * directory is listed once.
 */
function cacheComponentList() {
  const list = edge.loader.listComponents.bind(edge.loader)
  let components: ReturnType<typeof list> | null = null
  edge.loader.listComponents = () => (components ??= list())
}

/**
 * Edge compiles an `@include`d partial with the local variables in scope and
 * never caches that (its cache test is `localVariables ? skip : use`, and the
 * list is always an array): the layout's header and flash partials were read,
 * tokenized and parsed with acorn on every page view — a fifth of a page's CPU
 * time under `npm run bench`. The compiled function depends only on the
 * partial and the names of the local variables, so it is kept per both.
 */
function cachePartials(compiler: typeof edge.compiler) {
  const compile = compiler.compile.bind(compiler)
  const partials = new Map<string, ReturnType<typeof compile>>()
  compiler.compile = (templatePath: string, localVariables?: string[]) => {
    if (!localVariables) return compile(templatePath)
    const key = `${templatePath}\u0000${localVariables.join(',')}`
    let compiled = partials.get(key)
    if (!compiled) {
      compiled = compile(templatePath, localVariables)
      partials.set(key, compiled)
    }
    return compiled
  }
}

// `html.attrs({...})` with every value escaped (Edge's own quotes values without escaping them).
edge.global('html', {
  ...edge.globals.html,
  attrs: (values: Record<string, unknown>) => edge.globals.html.safe(htmlAttributes(values)),
})
edge.global('regionName', regionName)
// A person's qualification (执业资格) in the reader's language; text outside the list as it was written.
edge.global(
  'personQualificationName',
  (
    code: string | null,
    level: string | null,
    text: string | null,
    locale = 'zh-CN',
    asRequirement = false
  ) => personQualificationLabel(code ? { code, level } : null, locale, asRequirement) || text || ''
)
// Grades by the cut-offs in force (the rule parameters).
edge.global('gradeForScore', (score: number) => gradeForScore(score, gradeCutoffsShown()))
/*
 * Every date on every page goes through these three (see #domain/time_zone
 * for the forms, a deadline's '24:00' among them). The second argument
 * templates pass (the locale) changes nothing: the forms are digits only.
 */
edge.global('formatDateTime', (value: InstantLike) => formatDateTime(value))
edge.global('formatDate', (value: InstantLike) => formatDate(value))
edge.global('formatDeadline', (value: InstantLike) => formatDeadline(value))
edge.global('formatFen', formatFen)
// The market's clock (not the server's wall clock): countdowns count from it.
edge.global('marketNow', () => clock.now())

/* The site's identity (footer, home page) and the current-section marker of the navigation. */
edge.global('site', siteConfig)
edge.global('isCurrentSection', isCurrentSection)
edge.global('CARE_MODE_COOKIE', CARE_MODE_COOKIE)
