import type { HttpContext } from '@adonisjs/core/http'
import { analyticsFiltersValidator } from '#validators/analytics'
import {
  approvalDepartments,
  complaintCounts,
  followUpCounts,
  objectionCounts,
} from '#queries/market_analytics'
import { searchCatalog } from '#queries/catalog'
import { summaryAnalytics } from '#queries/analytics_summaries'
import { foldAnalyticsQueue } from '#actions/analytics/summaries'
import {
  analyticsCharts,
  analyticsCsvColumns,
  presentAnalytics,
} from '#presenters/market_analytics'
import { REGIONS } from '#domain/regions'
import { CONCENTRATION_MIN_CONTRACTS, HHI_WARNING } from '#domain/market_analytics'
import { sendCsv, type CsvColumn } from '#services/csv_export'

/** Batches of queued contracts a reading folds before it reads (2,000 contracts each). */
const READING_FOLD_BATCHES = 5

/** 大数据监管: the market's figures with charts, the same figures as tables, and CSV. */
export default class AnalyticsController {
  /** GET /regulator/analytics?from=&to=&item=&region=&department= */
  async show({ request, view, bouncer, i18n }: HttpContext) {
    await bouncer.authorize('viewMarketAnalytics')
    const filters = await request.validateUsing(analyticsFiltersValidator, { data: request.qs() })
    const analytics = await this.analytics(filters)
    return view.render('pages/regulator/analytics', {
      filters,
      analytics,
      charts: analyticsCharts(analytics, i18n),
      items: await searchCatalog({}),
      regions: REGIONS,
      departments: await approvalDepartments(),
      hhiWarning: HHI_WARNING,
      concentrationMinContracts: CONCENTRATION_MIN_CONTRACTS,
      query: request.qs(),
    })
  }

  /** GET /regulator/analytics.csv?panel=monthly|items|pairs&… */
  async export({ request, response, bouncer, i18n }: HttpContext) {
    await bouncer.authorize('viewMarketAnalytics')
    const filters = await request.validateUsing(analyticsFiltersValidator, { data: request.qs() })
    const analytics = await this.analytics(filters)
    const columns = analyticsCsvColumns(i18n)
    const panel = filters.panel ?? 'monthly'
    const send = <Row>(panelColumns: CsvColumn<Row>[], rows: Row[]) =>
      sendCsv(
        response,
        `analytics-${panel}.csv`,
        panelColumns,
        (async function* () {
          yield* rows
        })()
      )
    if (panel === 'items') return send(columns.items, analytics.items)
    if (panel === 'pairs') return send(columns.pairs, analytics.repeatedPairs)
    return send(columns.monthly, analytics.monthly)
  }

  /** GET /api/v1/regulator/analytics?from=&to=&item=&region=&department= */
  async api({ request, bouncer }: HttpContext) {
    await bouncer.authorize('viewMarketAnalytics')
    const filters = await request.validateUsing(analyticsFiltersValidator, { data: request.qs() })
    return { filters, ...(await this.analytics(filters)) }
  }

  private async analytics(filters: Awaited<ReturnType<typeof analyticsFiltersValidator.validate>>) {
    // What the market wrote since the last tick is folded in first: the figures are current
    // (a backlog larger than a few batches, after a migration or a bulk load, is the tick's).
    await foldAnalyticsQueue(READING_FOLD_BATCHES)
    const [figures, followUps, complaints, objections] = await Promise.all([
      summaryAnalytics(filters),
      followUpCounts(),
      complaintCounts(),
      objectionCounts(),
    ])
    return presentAnalytics(figures, followUps, complaints, objections)
  }
}
