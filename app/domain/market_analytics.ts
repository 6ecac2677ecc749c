/*
 * The regulator's market figures (SPEC "Regulator console"), as pure
 * functions over one row per contract: volume by month, speed against the
 * time limits (the seeds ask for 30 % faster), overdue rate, savings against
 * the ceiling, cost-efficiency (效费比) and concentration per item, repeated
 * owner–agency pairs. Money is integer fen; shares are percentages with one
 * decimal.
 */

export type ContractFact = {
  contractId: number
  projectId: number
  projectCode: string
  itemCode: string
  itemName: string
  method: string
  ownerId: number
  ownerName: string
  agencyId: number
  agencyName: string
  ceilingFen: number
  priceFen: number
  /** yyyy-MM of the award, Beijing time. */
  month: string
  /** Calendar days from publication to award. */
  daysToAward: number
  /** Working days from contract start to acceptance, when accepted. */
  workingDaysToDelivery: number | null
  timeLimitWorkingDays: number
  overdue: boolean
  /** Mean of the owner's rating (1–5), when evaluated. */
  rating: number | null
  badRating: boolean
}

/** HHI above this is a highly concentrated market (the usual antitrust threshold). */
export const HHI_WARNING = 2500

/**
 * Concentration is judged only on an item with at least this many contracts:
 * one contract is always "one firm, HHI 10,000", which says nothing about
 * the market.
 */
export const CONCENTRATION_MIN_CONTRACTS = 5

const round1 = (value: number) => Math.round(value * 10) / 10
const percent = (part: number, whole: number) => (whole === 0 ? 0 : round1((part / whole) * 100))
export function median(values: number[]) {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2)
}

/**
 * Herfindahl–Hirschman index of a market from each firm's volume: the sum of
 * squared percentage shares, 0 (atomised) to 10,000 (one firm).
 */
export function hhi(volumes: number[]) {
  const total = volumes.reduce((sum, volume) => sum + volume, 0)
  if (total === 0) return 0
  return Math.round(volumes.reduce((sum, volume) => sum + ((volume / total) * 100) ** 2, 0))
}

/** The share (%) of the largest `n` firms. */
export function topShare(volumes: number[], n = 3) {
  const total = volumes.reduce((sum, volume) => sum + volume, 0)
  const top = [...volumes]
    .sort((a, b) => b - a)
    .slice(0, n)
    .reduce((sum, volume) => sum + volume, 0)
  return percent(top, total)
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string) {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const name = key(row)
    const list = groups.get(name)
    if (list) list.push(row)
    else groups.set(name, [row])
  }
  return groups
}

/**
 * What the figures of a month (or of a whole period) are computed from: sums
 * that add up month by month, item by item and region by region, so that
 * the same figures come from the contracts themselves or from the summaries
 * kept as the market writes (app/actions/analytics/summaries.ts). Means are
 * computed from integer sums (days to award in tenths, delivery against the
 * limit in millionths of the limit) so that the order of addition never
 * changes a figure.
 */
export type FigureSums = {
  contracts: number
  valueFen: number
  ceilingFen: number
  daysToAwardTenths: number
  delivered: number
  deliveryWorkingDays: number
  /** Σ working days to delivery ÷ time limit, in millionths (1,000,000 = the whole limit). */
  deliveryMillionths: number
  overdue: number
  rated: number
  /** Σ of the four ratings of each rated contract (the mean rating × 4). */
  ratingQuads: number
  badRatings: number
}

export const NO_SUMS: FigureSums = {
  contracts: 0,
  valueFen: 0,
  ceilingFen: 0,
  daysToAwardTenths: 0,
  delivered: 0,
  deliveryWorkingDays: 0,
  deliveryMillionths: 0,
  overdue: 0,
  rated: 0,
  ratingQuads: 0,
  badRatings: 0,
}

/** One contract's share of the sums. */
export function sumsOfFact(fact: ContractFact): FigureSums {
  const delivered = fact.workingDaysToDelivery !== null
  return {
    contracts: 1,
    valueFen: fact.priceFen,
    ceilingFen: fact.ceilingFen,
    daysToAwardTenths: Math.round(fact.daysToAward * 10),
    delivered: delivered ? 1 : 0,
    deliveryWorkingDays: delivered ? fact.workingDaysToDelivery! : 0,
    deliveryMillionths: delivered
      ? Math.round((fact.workingDaysToDelivery! * 1_000_000) / fact.timeLimitWorkingDays)
      : 0,
    overdue: fact.overdue ? 1 : 0,
    rated: fact.rating === null ? 0 : 1,
    ratingQuads: fact.rating === null ? 0 : Math.round(fact.rating * 4),
    badRatings: fact.rating !== null && fact.badRating ? 1 : 0,
  }
}

/** a + sign × b, field by field. */
export function addSums(a: FigureSums, b: FigureSums, sign: 1 | -1 = 1): FigureSums {
  const sum = { ...a }
  for (const key of Object.keys(NO_SUMS) as (keyof FigureSums)[]) sum[key] += sign * b[key]
  return sum
}

export function sumsOfFacts(facts: readonly ContractFact[]) {
  return facts.reduce((sums, fact) => addSums(sums, sumsOfFact(fact)), NO_SUMS)
}

/** A mean from an integer sum, to one decimal (`scale` units make one). */
const meanOfSum = (sum: number, count: number, scale = 1) =>
  count === 0 ? null : Math.round((sum * 10) / scale / count) / 10

/** The figures of a month or of a period, from its sums. */
export function figuresOfSums(sums: FigureSums) {
  return {
    contracts: sums.contracts,
    valueFen: sums.valueFen,
    savingsFen: sums.ceilingFen - sums.valueFen,
    savingsPercent: percent(sums.ceilingFen - sums.valueFen, sums.ceilingFen),
    meanDaysToAward: meanOfSum(sums.daysToAwardTenths, sums.contracts, 10),
    meanWorkingDaysToDelivery: meanOfSum(sums.deliveryWorkingDays, sums.delivered),
    // Delivery time as a share of the time limit: 70 % means 30 % faster than allowed.
    deliveryPercentOfLimit: meanOfSum(sums.deliveryMillionths, sums.delivered, 10_000),
    overduePercent: percent(sums.overdue, sums.contracts),
    badRatingPercent: percent(sums.badRatings, sums.rated),
  }
}

/** Per month: contracts, value, savings against the ceilings, speed, overdue and bad ratings. */
export function monthlyFigures(facts: readonly ContractFact[]) {
  return monthlyFiguresOfSums(
    [...groupBy(facts, (fact) => fact.month)].map(([month, rows]) => ({
      month,
      ...sumsOfFacts(rows),
    }))
  )
}

export function monthlyFiguresOfSums(months: readonly (FigureSums & { month: string })[]) {
  return [...months]
    .filter((sums) => sums.contracts > 0)
    .sort((a, b) => a.month.localeCompare(b.month))
    .map((sums) => ({ month: sums.month, ...figuresOfSums(sums) }))
}

/** What the figures of an item are computed from. */
export type ItemSums = {
  itemCode: string
  itemName: string
  contracts: number
  valueFen: number
  rated: number
  ratingQuads: number
  /** The value of each agency's contracts. */
  agencyValuesFen: number[]
  /** [price, contracts at that price]. */
  prices: [number, number][]
  /** [price per working day of the time limit, contracts]. */
  pricesPerWorkingDay: [number, number][]
}

/** The median of values given as [value, count], like `median` of the values written out. */
export function medianOfCounts(counts: readonly [number, number][]) {
  const sorted = [...counts].filter(([, count]) => count > 0).sort(([a], [b]) => a - b)
  const total = sorted.reduce((sum, [, count]) => sum + count, 0)
  if (total === 0) return null
  const at = (index: number) => {
    let seen = 0
    for (const [value, count] of sorted) {
      seen += count
      if (index < seen) return value
    }
    return sorted[sorted.length - 1][0]
  }
  const middle = Math.floor(total / 2)
  return total % 2 ? at(middle) : Math.round((at(middle - 1) + at(middle)) / 2)
}

/** Population standard deviation of values given as [value, count], as a share (%) of their mean. */
function dispersionOfCounts(counts: readonly [number, number][]) {
  const sorted = [...counts].filter(([, count]) => count > 0).sort(([a], [b]) => a - b)
  const total = sorted.reduce((sum, [, count]) => sum + count, 0)
  const average = sorted.reduce((sum, [value, count]) => sum + value * count, 0) / total
  const deviation = Math.sqrt(
    sorted.reduce((sum, [value, count]) => sum + count * (value - average) ** 2, 0) / total
  )
  return percent(deviation, average)
}

function countsOf(values: number[]): [number, number][] {
  const counts = new Map<number, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return [...counts]
}

/**
 * Per item: volume, price (median, and per working day of the time limit —
 * 效费比), mean rating, price dispersion (coefficient of variation, %), and
 * concentration by contract value (HHI, top-3 share, warning).
 */
export function itemFigures(facts: readonly ContractFact[]) {
  return itemFiguresOfSums(
    [...groupBy(facts, (fact) => fact.itemCode)].map(([itemCode, rows]) => {
      const rated = rows.filter((row) => row.rating !== null)
      return {
        itemCode,
        itemName: rows[0].itemName,
        contracts: rows.length,
        valueFen: rows.reduce((sum, row) => sum + row.priceFen, 0),
        rated: rated.length,
        ratingQuads: rated.reduce((sum, row) => sum + Math.round(row.rating! * 4), 0),
        agencyValuesFen: [...groupBy(rows, (row) => String(row.agencyId)).values()].map((list) =>
          list.reduce((sum, row) => sum + row.priceFen, 0)
        ),
        prices: countsOf(rows.map((row) => row.priceFen)),
        pricesPerWorkingDay: countsOf(
          rows.map((row) => Math.round(row.priceFen / row.timeLimitWorkingDays))
        ),
      }
    })
  )
}

export function itemFiguresOfSums(items: readonly ItemSums[]) {
  return items
    .filter((item) => item.contracts > 0)
    .map((item) => {
      // Added in one order whatever the source: the index is a sum of floating-point squares.
      const byAgency = [...item.agencyValuesFen].sort((a, b) => a - b)
      const index = hhi(byAgency)
      return {
        itemCode: item.itemCode,
        itemName: item.itemName,
        contracts: item.contracts,
        agencies: byAgency.length,
        valueFen: item.valueFen,
        medianPriceFen: medianOfCounts(item.prices)!,
        pricePerWorkingDayFen: medianOfCounts(item.pricesPerWorkingDay)!,
        meanRating: item.rated ? Math.round((item.ratingQuads / 4 / item.rated) * 100) / 100 : null,
        priceDispersionPercent: dispersionOfCounts(item.prices),
        hhi: index,
        top3SharePercent: topShare(byAgency),
        /** Enough contracts for the HHI to say something about the market. */
        concentrationJudged: item.contracts >= CONCENTRATION_MIN_CONTRACTS,
        concentrated: item.contracts >= CONCENTRATION_MIN_CONTRACTS && index > HHI_WARNING,
      }
    })
    .sort((a, b) => b.valueFen - a.valueFen || a.itemCode.localeCompare(b.itemCode))
}

/** Owner–agency pairs with at least `minimum` contracts, most frequent first (how many were direct). */
export function repeatedPairs(facts: readonly ContractFact[], minimum = 3) {
  return repeatedPairsOfSums(
    [...groupBy(facts, (fact) => `${fact.ownerId}:${fact.agencyId}`).values()].map((rows) => ({
      ownerId: rows[0].ownerId,
      ownerName: rows[0].ownerName,
      agencyId: rows[0].agencyId,
      agencyName: rows[0].agencyName,
      contracts: rows.length,
      direct: rows.filter((row) => row.method === 'direct').length,
      valueFen: rows.reduce((sum, row) => sum + row.priceFen, 0),
      projectIds: rows.map((row) => row.projectId),
    })),
    minimum
  )
}

export type PairSums = {
  ownerId: number
  ownerName: string
  agencyId: number
  agencyName: string
  contracts: number
  direct: number
  valueFen: number
  /** In the order of the awards. */
  projectIds: number[]
}

export function repeatedPairsOfSums(pairs: readonly PairSums[], minimum = 3) {
  return pairs
    .filter((pair) => pair.contracts >= minimum)
    .map((pair) => ({ ...pair }))
    .sort(
      (a, b) =>
        b.contracts - a.contracts ||
        b.valueFen - a.valueFen ||
        a.ownerId - b.ownerId ||
        a.agencyId - b.agencyId
    )
}

/** The headline figures of the period. */
export function totals(facts: readonly ContractFact[]) {
  return totalsOfSums(sumsOfFacts(facts))
}

export function totalsOfSums(sums: FigureSums) {
  const figures = figuresOfSums(sums)
  return {
    contracts: figures.contracts,
    valueFen: figures.valueFen,
    savingsFen: figures.savingsFen,
    savingsPercent: figures.savingsPercent,
    meanDaysToAward: figures.meanDaysToAward,
    overduePercent: figures.overduePercent,
    badRatingPercent: figures.badRatingPercent,
  }
}
