import type { I18n } from '@adonisjs/i18n'
import {
  HHI_WARNING,
  itemFigures,
  monthlyFigures,
  repeatedPairs,
  totals,
  type ContractFact,
} from '#domain/market_analytics'
import type { CsvColumn } from '#services/csv_export'

/**
 * The figures of the dashboard computed from the contract facts themselves:
 * the reference the summaries are checked against (and what they hold).
 */
export function figuresOfFacts(facts: ContractFact[]) {
  return {
    totals: totals(facts),
    monthly: monthlyFigures(facts),
    items: itemFigures(facts),
    repeatedPairs: repeatedPairs(facts),
  }
}

export type MarketFigures = ReturnType<typeof figuresOfFacts>

/** Every panel of the dashboard (the API answer and the page's data). */
export function presentAnalytics(
  figures: MarketFigures,
  followUps: Record<string, number>,
  complaints: { state: string; count: number; overdue: number }[],
  objections: { pending: number; overdue: number }
) {
  return { ...figures, followUps, complaints, objections }
}

export type Analytics = ReturnType<typeof presentAnalytics>

const yuan = (fen: number) => (fen / 100).toFixed(2)

/** The columns of each panel's CSV, with the page's Chinese headers. */
export function analyticsCsvColumns(i18n: I18n) {
  const h = (key: string) => i18n.t(`analytics.columns.${key}`)
  return {
    monthly: [
      { header: h('month'), value: (row) => row.month },
      { header: h('contracts'), value: (row) => row.contracts },
      { header: h('valueYuan'), value: (row) => yuan(row.valueFen) },
      { header: h('savingsPercent'), value: (row) => row.savingsPercent },
      { header: h('meanDaysToAward'), value: (row) => row.meanDaysToAward },
      { header: h('meanWorkingDaysToDelivery'), value: (row) => row.meanWorkingDaysToDelivery },
      { header: h('deliveryPercentOfLimit'), value: (row) => row.deliveryPercentOfLimit },
      { header: h('overduePercent'), value: (row) => row.overduePercent },
      { header: h('badRatingPercent'), value: (row) => row.badRatingPercent },
    ] satisfies CsvColumn<Analytics['monthly'][number]>[],
    items: [
      { header: h('item'), value: (row) => `${row.itemCode} ${row.itemName}` },
      { header: h('contracts'), value: (row) => row.contracts },
      { header: h('agencies'), value: (row) => row.agencies },
      { header: h('valueYuan'), value: (row) => yuan(row.valueFen) },
      { header: h('medianPriceYuan'), value: (row) => yuan(row.medianPriceFen) },
      { header: h('pricePerWorkingDayYuan'), value: (row) => yuan(row.pricePerWorkingDayFen) },
      { header: h('meanRating'), value: (row) => row.meanRating },
      { header: h('priceDispersionPercent'), value: (row) => row.priceDispersionPercent },
      { header: h('hhi'), value: (row) => row.hhi },
      { header: h('top3SharePercent'), value: (row) => row.top3SharePercent },
    ] satisfies CsvColumn<Analytics['items'][number]>[],
    pairs: [
      { header: h('owner'), value: (row) => row.ownerName },
      { header: h('agency'), value: (row) => row.agencyName },
      { header: h('contracts'), value: (row) => row.contracts },
      { header: h('direct'), value: (row) => row.direct },
      { header: h('valueYuan'), value: (row) => yuan(row.valueFen) },
    ] satisfies CsvColumn<Analytics['repeatedPairs'][number]>[],
  }
}

/** Chart props for the ECharts island: categories, series and an optional warning line. */
export function analyticsCharts(analytics: Analytics, i18n: I18n) {
  const t = (key: string) => i18n.t(`analytics.${key}`)
  const months = analytics.monthly.map((row) => row.month)
  const charts = {
    volume: {
      title: t('charts.volume'),
      categories: months,
      series: [
        {
          name: t('columns.contracts'),
          type: 'bar',
          data: analytics.monthly.map((r) => r.contracts),
        },
        {
          name: t('columns.valueWan'),
          type: 'line',
          yAxisIndex: 1,
          data: analytics.monthly.map((r) => Math.round(r.valueFen / 10_000) / 100),
        },
      ],
    },
    speed: {
      title: t('charts.speed'),
      categories: months,
      unit: '%',
      threshold: { value: 70, label: t('charts.target') },
      series: [
        {
          name: t('columns.deliveryPercentOfLimit'),
          type: 'line',
          data: analytics.monthly.map((r) => r.deliveryPercentOfLimit),
        },
      ],
    },
    quality: {
      title: t('charts.quality'),
      categories: months,
      unit: '%',
      series: [
        {
          name: t('columns.savingsPercent'),
          type: 'line',
          data: analytics.monthly.map((r) => r.savingsPercent),
        },
        {
          name: t('columns.overduePercent'),
          type: 'line',
          data: analytics.monthly.map((r) => r.overduePercent),
        },
        {
          name: t('columns.badRatingPercent'),
          type: 'line',
          data: analytics.monthly.map((r) => r.badRatingPercent),
        },
      ],
    },
    concentration: {
      title: t('charts.concentration'),
      categories: analytics.items.map((row) => row.itemCode),
      threshold: { value: HHI_WARNING, label: t('charts.hhiWarning') },
      series: [{ name: 'HHI', type: 'bar', data: analytics.items.map((row) => row.hhi) }],
    },
  }
  return Object.fromEntries(
    Object.entries(charts).map(([key, chart]) => [
      key,
      { ...chart, empty: emptyReason(key, chart) },
    ])
  ) as Record<keyof typeof charts, (typeof charts)[keyof typeof charts] & { empty: string | null }>

  /** Why a chart has nothing to draw (null when it has): said on the page instead of a blank box. */
  function emptyReason(
    key: string,
    chart: { categories: string[]; series: { data: (number | null)[] }[] }
  ) {
    if (chart.categories.length === 0) return t('charts.empty.noContracts')
    const drawn = chart.series.some((series) => series.data.some((value) => value !== null))
    if (drawn) return null
    return t(`charts.empty.${key}`)
  }
}
