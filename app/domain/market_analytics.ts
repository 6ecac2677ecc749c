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
const mean = (values: number[]) =>
  values.length === 0 ? null : round1(values.reduce((sum, value) => sum + value, 0) / values.length)

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

/** Per month: contracts, value, savings against the ceilings, speed, overdue and bad ratings. */
export function monthlyFigures(facts: readonly ContractFact[]) {
  return [...groupBy(facts, (fact) => fact.month)]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, rows]) => {
      const valueFen = rows.reduce((sum, row) => sum + row.priceFen, 0)
      const ceilingFen = rows.reduce((sum, row) => sum + row.ceilingFen, 0)
      const delivered = rows.filter((row) => row.workingDaysToDelivery !== null)
      const rated = rows.filter((row) => row.rating !== null)
      return {
        month,
        contracts: rows.length,
        valueFen,
        savingsFen: ceilingFen - valueFen,
        savingsPercent: percent(ceilingFen - valueFen, ceilingFen),
        meanDaysToAward: mean(rows.map((row) => row.daysToAward)),
        meanWorkingDaysToDelivery: mean(delivered.map((row) => row.workingDaysToDelivery!)),
        // Delivery time as a share of the time limit: 70 % means 30 % faster than allowed.
        deliveryPercentOfLimit: mean(
          delivered.map((row) => (row.workingDaysToDelivery! / row.timeLimitWorkingDays) * 100)
        ),
        overduePercent: percent(rows.filter((row) => row.overdue).length, rows.length),
        badRatingPercent: percent(rated.filter((row) => row.badRating).length, rated.length),
      }
    })
}

/**
 * Per item: volume, price (median, and per working day of the time limit —
 * 效费比), mean rating, price dispersion (coefficient of variation, %), and
 * concentration by contract value (HHI, top-3 share, warning).
 */
export function itemFigures(facts: readonly ContractFact[]) {
  return [...groupBy(facts, (fact) => fact.itemCode)]
    .map(([itemCode, rows]) => {
      const prices = rows.map((row) => row.priceFen)
      const average = prices.reduce((sum, price) => sum + price, 0) / prices.length
      const deviation = Math.sqrt(
        prices.reduce((sum, price) => sum + (price - average) ** 2, 0) / prices.length
      )
      const byAgency = [...groupBy(rows, (row) => String(row.agencyId)).values()].map((list) =>
        list.reduce((sum, row) => sum + row.priceFen, 0)
      )
      const index = hhi(byAgency)
      const rated = rows.filter((row) => row.rating !== null).map((row) => row.rating!)
      return {
        itemCode,
        itemName: rows[0].itemName,
        contracts: rows.length,
        agencies: byAgency.length,
        valueFen: prices.reduce((sum, price) => sum + price, 0),
        medianPriceFen: median(prices)!,
        pricePerWorkingDayFen: median(
          rows.map((row) => Math.round(row.priceFen / row.timeLimitWorkingDays))
        )!,
        meanRating: rated.length
          ? Math.round((rated.reduce((s, v) => s + v, 0) / rated.length) * 100) / 100
          : null,
        priceDispersionPercent: percent(deviation, average),
        hhi: index,
        top3SharePercent: topShare(byAgency),
        /** Enough contracts for the HHI to say something about the market. */
        concentrationJudged: rows.length >= CONCENTRATION_MIN_CONTRACTS,
        concentrated: rows.length >= CONCENTRATION_MIN_CONTRACTS && index > HHI_WARNING,
      }
    })
    .sort((a, b) => b.valueFen - a.valueFen)
}

/** Owner–agency pairs with at least `minimum` contracts, most frequent first (how many were direct). */
export function repeatedPairs(facts: readonly ContractFact[], minimum = 3) {
  return [...groupBy(facts, (fact) => `${fact.ownerId}:${fact.agencyId}`).values()]
    .filter((rows) => rows.length >= minimum)
    .map((rows) => ({
      ownerId: rows[0].ownerId,
      ownerName: rows[0].ownerName,
      agencyId: rows[0].agencyId,
      agencyName: rows[0].agencyName,
      contracts: rows.length,
      direct: rows.filter((row) => row.method === 'direct').length,
      valueFen: rows.reduce((sum, row) => sum + row.priceFen, 0),
      projectIds: rows.map((row) => row.projectId),
    }))
    .sort((a, b) => b.contracts - a.contracts || b.valueFen - a.valueFen)
}

/** The headline figures of the period. */
export function totals(facts: readonly ContractFact[]) {
  const valueFen = facts.reduce((sum, fact) => sum + fact.priceFen, 0)
  const ceilingFen = facts.reduce((sum, fact) => sum + fact.ceilingFen, 0)
  const rated = facts.filter((fact) => fact.rating !== null)
  return {
    contracts: facts.length,
    valueFen,
    savingsFen: ceilingFen - valueFen,
    savingsPercent: percent(ceilingFen - valueFen, ceilingFen),
    meanDaysToAward: mean(facts.map((fact) => fact.daysToAward)),
    overduePercent: percent(facts.filter((fact) => fact.overdue).length, facts.length),
    badRatingPercent: percent(rated.filter((fact) => fact.badRating).length, rated.length),
  }
}
